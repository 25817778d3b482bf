import { InvalidWebhookError, normaliseWebhook, platformOfObject } from "./normalise";
import { canonicalJson, syntheticActionId } from "./synthetic-id";

describe("normaliseWebhook: envelope", () => {
  it("maps Meta's objects to platforms", () => {
    expect(platformOfObject("page")).toBe("messenger");
    expect(platformOfObject("instagram")).toBe("instagram");
    expect(platformOfObject("whatsapp_business_account")).toBe("whatsapp");
    expect(platformOfObject("permissions")).toBeNull();
    expect(platformOfObject("toString")).toBeNull();
  });

  it("acknowledges an unknown object with no items", () => {
    expect(normaliseWebhook({ object: "user", entry: [{ id: "1", changes: [] }] })).toEqual({
      object: "user",
      platform: null,
      items: [],
      malformed: [],
      malformedCount: 0,
    });
  });

  it.each([[null], [[]], ["page"], [{ entry: [] }], [{ object: "page", entry: {} }]])(
    "refuses %p as not a webhook",
    (payload) => {
      expect(() => normaliseWebhook(payload)).toThrow(InvalidWebhookError);
    },
  );

  it("skips malformed entries and items of Messenger and keeps the rest", () => {
    const good = {
      sender: { id: "u1" },
      recipient: { id: "p1" },
      timestamp: 1_763_726_400_000,
      message: { mid: "m1", text: "hi" },
    };
    const result = normaliseWebhook({
      object: "page",
      entry: [
        "not an entry",
        {
          id: "p1",
          messaging: [
            { ...good, timestamp: "soon" },
            { ...good, sender: {} },
            good,
            { ...good, message: { text: "no mid" } },
          ],
        },
      ],
    });
    expect(result.items).toHaveLength(1);
    expect(result.malformed.map((m) => m.path)).toEqual([
      "entry[0]",
      "entry[1].messaging[0]",
      "entry[1].messaging[1]",
      "entry[1].messaging[3]",
    ]);
    // Issues name fields, never values from the payload.
    expect(result.malformed.map((m) => m.issue).join(" ")).not.toContain("soon");
  });
});

describe("syntheticActionId", () => {
  const base = {
    platform: "messenger" as const,
    channelId: "p",
    userId: "u",
    kind: "reaction" as const,
    timestampMs: 1,
    payload: { a: 1, b: [1, { c: 2 }] },
  };

  it("is stable under key order and differs for another payload", () => {
    expect(syntheticActionId(base)).toBe(
      syntheticActionId({ ...base, payload: { b: [1, { c: 2 }], a: 1 } }),
    );
    expect(syntheticActionId(base)).not.toBe(syntheticActionId({ ...base, payload: { a: 2 } }));
    expect(syntheticActionId(base)).not.toBe(syntheticActionId({ ...base, userId: "v" }));
    expect(syntheticActionId(base)).toMatch(/^syn\.reaction\.[A-Za-z0-9_-]{27}$/);
  });

  it("serialises canonically", () => {
    expect(canonicalJson({ b: 1, a: [true, null, "x"], c: undefined })).toBe(
      '{"a":[true,null,"x"],"b":1}',
    );
  });
});
