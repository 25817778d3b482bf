import type { MetaSimulator, SimSend } from "@meta-relay/testkit";
import { sentMessageKey } from "./meta-delivery";

/**
 * Every send the fake Graph API saw, kept by the test itself (the simulator's own log is cleared
 * by `reset()`), grouped by our message id (metadata) or unique text.
 */
export function recordSends(sim: MetaSimulator) {
  const all: SimSend[] = [];
  const byKey = new Map<string, SimSend[]>();
  const unsubscribe = sim.onSend((send) => {
    all.push(send);
    const key = sentMessageKey(send);
    const list = byKey.get(key) ?? [];
    list.push(send);
    byKey.set(key, list);
  });
  return { all, byKey, stop: unsubscribe };
}

/** The reason a message must fail with when its last Graph call ended like `send` and no attempt is left. */
export function exhaustedReason(send: SimSend): "rate_limited" | "meta_error" {
  const throttling = new Set([4, 17, 32, 613, 80007, 130429, 131056]);
  if (send.fault === "error" && throttling.has(send.error?.code ?? 0)) return "rate_limited";
  return "meta_error";
}

/** Accepted sends per second of `sends` within [fromMs, toMs]. */
export function acceptedRate(sends: readonly SimSend[], fromMs: number, toMs: number): number {
  const n = sends.filter((s) => s.outcome === "accepted" && s.at >= fromMs && s.at <= toMs).length;
  return toMs > fromMs ? (n * 1000) / (toMs - fromMs) : 0;
}
