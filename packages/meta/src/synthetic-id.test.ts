import { normaliseWebhook } from "./normalise";
import { CANONICAL_MAX_DEPTH, canonicalJson, syntheticActionId } from "./synthetic-id";

/** `depth` levels of `{"x": …}` around 1, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { x: value };
  return value;
}

describe("synthetic ids of deeply nested actions", () => {
  it("hashes a payload nested far deeper than the stack allows", () => {
    const base = {
      platform: "messenger" as const,
      channelId: "p",
      userId: "u",
      kind: "reaction" as const,
      timestampMs: 1,
    };
    const id = syntheticActionId({ ...base, payload: { action: "react", extra: nested(50_000) } });
    expect(id).toMatch(/^syn\.reaction\./);
    expect(
      syntheticActionId({ ...base, payload: { action: "react", extra: nested(50_000) } }),
    ).toBe(id);
  });

  it("keeps the canonical form of shallow payloads, and marks what lies deeper", () => {
    expect(canonicalJson(nested(2))).toBe('{"x":{"x":1}}');
    expect(canonicalJson(nested(CANONICAL_MAX_DEPTH + 5))).toContain('"…"');
  });

  it("normalises a signed reaction with a deeply nested unknown field", () => {
    const result = normaliseWebhook({
      object: "page",
      entry: [
        {
          id: "p",
          messaging: [
            {
              sender: { id: "u" },
              recipient: { id: "p" },
              timestamp: 1,
              reaction: { action: "react", emoji: "x", extra: nested(20_000) },
            },
          ],
        },
      ],
    });
    expect(result.items).toHaveLength(1);
    expect(result.items[0]).toMatchObject({ type: "customer_action", kind: "reaction" });
  });
});
