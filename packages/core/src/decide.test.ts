import { decide, type DecisionInput } from "./decide";
import { DAY_MS, HOUR_MS } from "./time";

const NOW = Date.parse("2026-11-21T12:00:00Z");
const MARGIN = 60_000;
const base: DecisionInput = {
  platform: "messenger",
  kind: "text",
  sender: "agent",
  humanAgent: false,
  lastCustomerMessageAt: NOW - HOUR_MS,
  now: NOW,
  marginMs: MARGIN,
};

describe("decide", () => {
  it("sends a reply inside the standard window as RESPONSE", () => {
    expect(decide(base)).toEqual({ outcome: "send", messagingType: "RESPONSE" });
  });

  it("applies the safety margin at the 24 h boundary, to the millisecond", () => {
    const edge = NOW - (DAY_MS - MARGIN);
    expect(decide({ ...base, lastCustomerMessageAt: edge })).toEqual({
      outcome: "send",
      messagingType: "RESPONSE",
    });
    expect(decide({ ...base, lastCustomerMessageAt: edge - 1 })).toEqual({
      outcome: "refuse",
      reason: "window_closed",
    });
  });
});
