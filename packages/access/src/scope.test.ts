import { CHANNEL_SCOPE_PATTERN, channelInScope } from "./scope";

describe("channel scopes", () => {
  it("accepts <platform>/<channelId> and <platform>/* only", () => {
    for (const good of ["messenger/104857600000001", "instagram/*", "whatsapp/1065.40_+-"]) {
      expect({ good, ok: CHANNEL_SCOPE_PATTERN.test(good) }).toEqual({ good, ok: true });
    }
    for (const bad of [
      "messenger",
      "messenger/",
      "*/*",
      "telegram/1",
      "messenger/a b",
      "messenger/1/2",
      "Messenger/1",
      "messenger/**",
      `messenger/${"1".repeat(129)}`,
    ]) {
      expect({ bad, ok: CHANNEL_SCOPE_PATTERN.test(bad) }).toEqual({ bad, ok: false });
    }
  });

  it("covers a channel by its exact id or its platform's wildcard", () => {
    const scopes = ["messenger/100", "whatsapp/*"];
    expect(channelInScope(scopes, { platform: "messenger", channelId: "100" })).toBe(true);
    expect(channelInScope(scopes, { platform: "messenger", channelId: "1000" })).toBe(false);
    expect(channelInScope(scopes, { platform: "messenger", channelId: "10" })).toBe(false);
    expect(channelInScope(scopes, { platform: "instagram", channelId: "100" })).toBe(false);
    expect(channelInScope(scopes, { platform: "whatsapp", channelId: "anything" })).toBe(true);
    expect(channelInScope([], { platform: "whatsapp", channelId: "1" })).toBe(false);
    // A malformed stored scope grants nothing.
    expect(channelInScope(["*/*", "messenger"], { platform: "messenger", channelId: "1" })).toBe(
      false,
    );
  });
});
