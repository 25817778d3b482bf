import { decide, type DecisionInput } from "./decide";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "./time";
import { describeWindow, standardWindowEnd } from "./window";

const NOW = Date.now();
const MARGIN = MINUTE_MS;

const input = (overrides: Partial<DecisionInput>): DecisionInput => ({
  platform: "messenger",
  kind: "text",
  sender: "bot",
  humanAgent: false,
  lastCustomerMessageAt: NOW - 3 * DAY_MS,
  now: NOW,
  marginMs: MARGIN,
  ...overrides,
});

describe("the ad window", () => {
  it("lets any sender reply with RESPONSE for 7 days after the ad message", () => {
    const ad = { adWindowStartedAt: NOW - 3 * DAY_MS };
    expect(decide(input(ad))).toEqual({ outcome: "send", messagingType: "RESPONSE" });
    expect(decide(input({ ...ad, sender: "agent", humanAgent: true }))).toEqual({
      outcome: "send",
      messagingType: "RESPONSE",
    });
    expect(decide(input({}))).toEqual({ outcome: "refuse", reason: "window_closed" });
  });

  it("closes 7 days after the ad message, margin included, then the usual table applies", () => {
    const started = NOW - 7 * DAY_MS + MARGIN / 2;
    const late = input({ lastCustomerMessageAt: NOW - 2 * DAY_MS, adWindowStartedAt: started });
    expect(decide(late)).toEqual({ outcome: "refuse", reason: "window_closed" });
    expect(decide({ ...late, sender: "agent", humanAgent: true })).toEqual({
      outcome: "send",
      messagingType: "MESSAGE_TAG",
      tag: "HUMAN_AGENT",
    });
  });

  it("is never longer than a later message's own 24 hours, nor shortened by it", () => {
    const ad = NOW - 6 * DAY_MS;
    expect(standardWindowEnd(NOW - HOUR_MS, ad)).toBe(ad + 7 * DAY_MS);
    expect(standardWindowEnd(ad + 6.5 * DAY_MS, ad)).toBe(ad + 7.5 * DAY_MS);
    expect(standardWindowEnd(NOW - HOUR_MS, null)).toBe(NOW - HOUR_MS + DAY_MS);
  });

  it("does not apply on WhatsApp", () => {
    const wa = input({ platform: "whatsapp", adWindowStartedAt: NOW - 3 * DAY_MS });
    expect(decide(wa)).toEqual({ outcome: "refuse", reason: "window_closed" });
    expect(describeWindow({ ...wa, humanAgent: false }).adWindow).toBeUndefined();
  });

  it("shows the longer standard window and adWindow: true while the ad holds it open", () => {
    const last = NOW - 2 * DAY_MS;
    const doc = describeWindow({
      platform: "instagram",
      humanAgent: true,
      lastCustomerMessageAt: last,
      adWindowStartedAt: last - HOUR_MS,
      now: NOW,
      marginMs: MARGIN,
    });
    expect(doc).toEqual({
      lastCustomerMessageAt: new Date(last).toISOString(),
      standardWindowEndsAt: new Date(last - HOUR_MS + 7 * DAY_MS).toISOString(),
      humanAgentWindowEndsAt: new Date(last + 7 * DAY_MS).toISOString(),
      canSend: { bot: true, agent: true, template: false },
      adWindow: true,
    });
    const within24h = describeWindow({
      platform: "instagram",
      humanAgent: false,
      lastCustomerMessageAt: NOW - HOUR_MS,
      adWindowStartedAt: NOW - 6.99 * DAY_MS,
      now: NOW,
      marginMs: MARGIN,
    });
    expect(within24h.adWindow).toBeUndefined();
  });
});
