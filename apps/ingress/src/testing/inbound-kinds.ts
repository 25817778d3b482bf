// Shared by the per-platform content tests: a running ingress with simulated customers posting
// signed webhooks in Meta's shapes, and one check per kind of content — the exact event, `raw`
// byte for byte, and the window afterwards.
import type { EventType, Platform, RelayEvent } from "@meta-relay/core";
import { createSimCustomers, metaJson, type SimCustomers, type SimPost } from "@meta-relay/testkit";
import { NEW_SECRET, startTestIngress, waitFor, type TestIngress } from "./index";

export interface KindHarness {
  t: TestIngress;
  customers: SimCustomers;
  close(): Promise<void>;
}

export async function startKindHarness(): Promise<KindHarness> {
  const t = await startTestIngress();
  const customers = createSimCustomers({ ingressUrl: t.base, appSecret: NEW_SECRET });
  return {
    t,
    customers,
    async close() {
      await customers.close();
      await t.close();
    },
  };
}

/** Meta's time of the actions: 5 minutes ago, on a whole second (WhatsApp counts seconds). */
export function recentTime(extraMs = 0): number {
  return Math.floor((Date.now() - 5 * 60_000) / 1000) * 1000 + extraMs;
}

export interface KindCheck {
  platform: Platform;
  channelId: string;
  userId: string;
  /** The event the webhook must produce. */
  type: EventType;
  /** Its exact `data`, without `timestamp` and `raw` (checked on their own). */
  data: Record<string, unknown>;
  /** Meta's time of the action, in ms. */
  atMs: number;
  /** The window of `userId` afterwards: `atMs` when the action opens it, else none. */
  opensWindow: boolean;
}

/**
 * Asserts what one post produced: exactly one event of the expected type for the customer, its
 * data, its `raw` equal to the item as posted — the very bytes Meta sent, re-serialised Meta's
 * way — and the window.
 */
export async function expectKind(
  h: KindHarness,
  post: SimPost,
  check: KindCheck,
): Promise<RelayEvent> {
  if (post.status !== 200) throw new Error(`the ingress answered ${post.status}`);
  const event = await eventOf(h.t, check.userId, check.type);
  const item = itemOf(post.body, check.platform);
  const iso = new Date(check.atMs).toISOString();
  const { raw } = event.data as { raw: unknown };
  // Byte for byte: the same JSON, keys in Meta's order, and Meta's own escaping gives the very
  // bytes that were signed and posted.
  expect(JSON.stringify(raw)).toBe(JSON.stringify(item));
  expect(post.body).toContain(metaJson(raw));
  expectEqual(event.data, { ...check.data, timestamp: iso, raw: item });
  expectEqual(
    { type: event.type, occurredAt: event.occurredAt },
    { type: check.type, occurredAt: iso },
  );
  const window = await h.t.lastCustomerMessageAt({
    platform: check.platform,
    channelId: check.channelId,
    userId: check.userId,
  });
  expectEqual(window, check.opensWindow ? check.atMs : null);
  return event;
}

/** The customer's only event of this type, once the events queue has it. */
async function eventOf(t: TestIngress, userId: string, type: EventType): Promise<RelayEvent> {
  const found = await eventsOf(t, userId, type, 1);
  if (found.length !== 1) throw new Error(`${found.length} ${type} events for ${userId}`);
  return found[0] as RelayEvent;
}

/** The customer's events of this type, once the events queue holds at least `atLeast`. */
export async function eventsOf(
  t: TestIngress,
  userId: string,
  type: EventType,
  atLeast: number,
): Promise<RelayEvent[]> {
  let found: RelayEvent[] = [];
  await waitFor(async () => {
    const jobs = await t.events.getJobs(["waiting", "delayed", "active", "completed", "failed"]);
    found = jobs
      .map((job) => job.data as RelayEvent)
      .filter((e) => e.type === type && (e.data as { userId?: string }).userId === userId);
    return found.length >= atLeast;
  }, 10_000);
  return found;
}

/** The one customer item of a posted webhook: Meta's `messaging`/`standby` item or WhatsApp message. */
function itemOf(body: string, platform: Platform): unknown {
  const payload = JSON.parse(body) as {
    entry: {
      messaging?: unknown[];
      standby?: unknown[];
      changes?: { value: { messages: unknown[] } }[];
    }[];
  };
  const entry = payload.entry[0];
  if (platform === "whatsapp") return entry?.changes?.[0]?.value.messages[0];
  return entry?.messaging?.[0] ?? entry?.standby?.[0];
}

function expectEqual(actual: unknown, expected: unknown): void {
  expect(actual).toEqual(expected);
}
