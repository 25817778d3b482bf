import { normaliseWebhook } from "./normalise";

describe("a webhook stuffed with junk items", () => {
  it("counts every malformed item but describes only the first few", () => {
    const result = normaliseWebhook({
      object: "page",
      entry: [{ id: "p", messaging: [...new Array<number>(50_000).fill(0), {}, "x"] }],
    });
    expect(result.malformedCount).toBe(50_002);
    expect(result.malformed.length).toBeLessThanOrEqual(20);
    expect(result.malformed[0]).toEqual({
      platform: "messenger",
      path: "entry[0].messaging[0]",
      issue: "expected an object",
    });
  });
});
