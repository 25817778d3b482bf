import type { ApiClient, MessageView } from "./api-client";
import type { EventsReceiver } from "./events-receiver";
import { mapLimit, sleep } from "./wait";

const FINAL = new Set(["sent", "delivered", "read", "failed"]);

/**
 * Waits until every message is final (sent, delivered, read or failed), as the API reports it. The
 * events tell which ones to look at; the API has the last word. Returns every final view; throws
 * naming the stragglers after `timeoutMs`.
 */
export async function waitAllFinal(
  api: ApiClient,
  ids: readonly string[],
  timeoutMs: number,
  receiver?: EventsReceiver,
): Promise<Map<string, MessageView>> {
  const views = new Map<string, MessageView>();
  const deadline = Date.now() + timeoutMs;
  let pending = [...ids];
  while (pending.length > 0) {
    // Without an event yet, a message is looked at only now and then.
    const toRead = receiver ? pending.filter((id) => receiver.outcome(id) !== null) : pending;
    const sample = receiver
      ? pending.filter((id) => receiver.outcome(id) === null).slice(0, 20)
      : [];
    await mapLimit([...toRead, ...sample], 16, async (id) => {
      const view = await api.message(id).catch(() => null);
      if (view && FINAL.has(view.status)) views.set(id, view);
    });
    pending = pending.filter((id) => !views.has(id));
    if (pending.length === 0) break;
    if (Date.now() > deadline) {
      throw new Error(
        `${pending.length} message(s) not final after ${timeoutMs} ms, e.g. ${pending.slice(0, 5).join(", ")}`,
      );
    }
    await sleep(1_000);
  }
  return views;
}

/** Counts of final statuses and failure reasons, e.g. { sent: 990, "failed/meta_error": 10 }. */
export function outcomeCounts(views: Iterable<MessageView>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const view of views) {
    const key =
      view.status === "failed" ? `failed/${view.failure?.reason ?? "no reason"}` : view.status;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

export function formatCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, n]) => `${key} ${n}`)
    .join(", ");
}
