import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS } from "@meta-relay/core";
import type { MinimalJob } from "bullmq";
import {
  EVENT_RETRY_EARLY_CAP_MS,
  EVENT_RETRY_LATE_CAP_MS,
  EVENT_RETRY_MIN_MS,
  EVENTS_BACKOFF_TYPE,
  eventRetryDelay,
  eventsBackoffStrategy,
} from "./events-backoff";
import { EventDeliveryError } from "./event-delivery-error";
import { EVENT_JOB_OPTIONS } from "./catalog";

const MAX_AGE = DAY_MS;
const LOW = () => 0;
const HIGH = () => 0.999999;

function delay(retry: number, ageMs: number, random: () => number, retryAfterMs?: number): number {
  return eventRetryDelay({ retry, ageMs, maxAgeMs: MAX_AGE, random, retryAfterMs });
}

describe("eventRetryDelay", () => {
  it("waits at most 2 s before the first retry", () => {
    for (const random of [LOW, HIGH, Math.random]) {
      const first = delay(1, 0, random);
      expect(first).toBeGreaterThanOrEqual(EVENT_RETRY_MIN_MS);
      expect(first).toBeLessThanOrEqual(2 * SECOND_MS);
    }
  });

  it("grows exponentially: each step's range doubles", () => {
    const highs = [1, 2, 3, 4, 5].map((retry) => delay(retry, 10 * SECOND_MS, HIGH));
    const lows = [1, 2, 3, 4, 5].map((retry) => delay(retry, 10 * SECOND_MS, LOW));
    expect(highs).toEqual([999, 1999, 3999, 7999, 15999]);
    expect(lows).toEqual([500, 1000, 2000, 4000, 8000]);
  });

  it("never waits longer than a minute during the first hour, whatever the attempt", () => {
    for (let retry = 1; retry <= 500; retry += 1) {
      const ageMs = Math.min(retry * 30 * SECOND_MS, HOUR_MS - 1);
      expect(delay(retry, ageMs, HIGH)).toBeLessThanOrEqual(EVENT_RETRY_EARLY_CAP_MS);
      expect(delay(retry, ageMs, LOW)).toBeGreaterThanOrEqual(EVENT_RETRY_MIN_MS);
    }
  });

  it("is jittered: capped waits spread between half the cap and the cap", () => {
    expect(delay(20, 10 * MINUTE_MS, LOW)).toBe(EVENT_RETRY_EARLY_CAP_MS / 2);
    expect(delay(20, 10 * MINUTE_MS, HIGH)).toBeGreaterThan(EVENT_RETRY_EARLY_CAP_MS - 10);
    const samples = new Set(
      Array.from({ length: 50 }, () => delay(20, 10 * MINUTE_MS, Math.random)),
    );
    expect(samples.size).toBeGreaterThan(10);
  });

  it("after the first hour waits at most the late cap, and never past the max age", () => {
    expect(delay(200, 2 * HOUR_MS, HIGH)).toBeLessThanOrEqual(EVENT_RETRY_LATE_CAP_MS);
    expect(delay(200, 2 * HOUR_MS, HIGH)).toBeGreaterThan(EVENT_RETRY_EARLY_CAP_MS);
    expect(delay(200, MAX_AGE - 10 * SECOND_MS, HIGH)).toBe(10 * SECOND_MS);
    expect(delay(200, MAX_AGE + SECOND_MS, HIGH)).toBe(0);
  });

  it("honours Retry-After within the caps", () => {
    expect(delay(1, 0, HIGH, 7 * SECOND_MS)).toBe(7 * SECOND_MS);
    expect(delay(9, 0, HIGH, 3 * SECOND_MS)).toBe(3 * SECOND_MS);
    expect(delay(1, 0, HIGH, HOUR_MS)).toBe(EVENT_RETRY_EARLY_CAP_MS);
    expect(delay(1, 2 * HOUR_MS, HIGH, HOUR_MS)).toBe(EVENT_RETRY_LATE_CAP_MS);
    expect(delay(1, 0, HIGH, 0)).toBe(EVENT_RETRY_MIN_MS);
    expect(delay(1, MAX_AGE - SECOND_MS, HIGH, 30 * SECOND_MS)).toBe(SECOND_MS);
  });

  it("survives absurd attempt numbers", () => {
    expect(delay(1e9, 2 * HOUR_MS, HIGH)).toBeLessThanOrEqual(EVENT_RETRY_LATE_CAP_MS);
    expect(delay(0, 0, HIGH)).toBeLessThanOrEqual(2 * SECOND_MS);
  });
});

describe("eventsBackoffStrategy", () => {
  it("is the strategy the producer's job options name", () => {
    expect(EVENT_JOB_OPTIONS.backoff).toEqual({ type: EVENTS_BACKOFF_TYPE });
  });

  const job = (ageMs: number) => ({ timestamp: Date.now() - ageMs }) as MinimalJob;
  const retryError = (retryAfterMs: number | null) =>
    new EventDeliveryError(
      { eventId: "evt_1", status: 429, reason: "http_429", retryAfterMs },
      true,
    );

  it("measures the age from the job's creation", async () => {
    const strategy = eventsBackoffStrategy(MAX_AGE);
    expect(await strategy(50, "relay-events", retryError(null), job(0))).toBeLessThanOrEqual(
      EVENT_RETRY_EARLY_CAP_MS,
    );
    expect(await strategy(50, "relay-events", retryError(null), job(2 * HOUR_MS))).toBeGreaterThan(
      EVENT_RETRY_EARLY_CAP_MS / 2,
    );
    expect(
      await strategy(1, "relay-events", retryError(null), job(MAX_AGE - 100)),
    ).toBeLessThanOrEqual(100);
  });

  it("reads Retry-After from the processor's error, and ignores foreign errors", async () => {
    const strategy = eventsBackoffStrategy(MAX_AGE);
    expect(await strategy(1, "relay-events", retryError(9 * SECOND_MS), job(0))).toBe(
      9 * SECOND_MS,
    );
    const other = await strategy(1, "relay-events", new Error("boom"), job(0));
    expect(other).toBeLessThanOrEqual(SECOND_MS);
  });
});
