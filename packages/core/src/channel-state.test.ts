import { channelRefusal, type ChannelRestriction } from "./channel-state";

const NOW = Date.parse("2026-11-21T12:00:00.000Z");

function restriction(until?: string): ChannelRestriction {
  return { since: "2026-11-21T10:00:00.000Z", reason: "spam", source: "policy_enforcement", until };
}

describe("channelRefusal", () => {
  it("lets an active channel send", () => {
    expect(channelRefusal("active", null, NOW)).toBeNull();
  });

  it("refuses every reply of a restricted channel", () => {
    expect(channelRefusal("restricted", restriction(), NOW)).toBe("channel_restricted");
    expect(channelRefusal("restricted", null, NOW)).toBe("channel_restricted");
  });

  it("refuses replies of a channel whose token failed", () => {
    expect(channelRefusal("auth_failed", null, NOW)).toBe("channel_auth_failed");
  });

  it("stops refusing once the end Meta announced has passed", () => {
    expect(channelRefusal("restricted", restriction("2026-11-21T13:00:00.000Z"), NOW)).toBe(
      "channel_restricted",
    );
    expect(channelRefusal("restricted", restriction("2026-11-21T12:00:00.000Z"), NOW)).toBeNull();
  });
});
