import type { ChannelNotice } from "@meta-relay/core";
import { normaliseWebhook } from "./normalise";

const PAGE = "1000000000000001";
const T = 1_763_726_400_500;

function notices(payload: unknown): ChannelNotice[] {
  return normaliseWebhook(payload).items.filter(
    (item): item is ChannelNotice => item.type === "channel_notice",
  );
}

function enforcement(key: string, body: Record<string, unknown>, timestamp: number = T) {
  return {
    object: "page",
    entry: [
      { id: PAGE, time: T, messaging: [{ recipient: { id: PAGE }, timestamp, [key]: body }] },
    ],
  };
}

describe("normaliseWebhook: channel notices", () => {
  it.each(["policy_enforcement", "policy-enforcement"])(
    "reads a %s block without a sender",
    (key) => {
      const payload = enforcement(key, { action: "block", reason: "Spam reports" });
      const result = normaliseWebhook(payload);
      expect(result.malformedCount).toBe(0);
      expect(notices(payload)).toEqual([
        {
          type: "channel_notice",
          platform: "messenger",
          channelId: PAGE,
          action: "block",
          source: "policy_enforcement",
          reason: "Spam reports",
          timestampMs: T,
          raw: payload.entry[0]?.messaging[0],
        },
      ]);
    },
  );

  it("reads unblock (no reason) and warning, on Instagram too, with a time in seconds", () => {
    expect(notices(enforcement("policy_enforcement", { action: "unblock" }))).toMatchObject([
      { action: "unblock", channelId: PAGE },
    ]);
    const warning = { ...enforcement("policy_enforcement", { action: "warning" }, 1_763_726_400) };
    warning.object = "instagram";
    expect(notices(warning)).toMatchObject([
      { platform: "instagram", action: "warning", timestampMs: 1_763_726_400_000 },
    ]);
  });

  it("skips an unknown action as malformed and keeps the rest of the batch", () => {
    const result = normaliseWebhook(enforcement("policy_enforcement", { action: "explode" }));
    expect(result.items).toEqual([]);
    expect(result.malformedCount).toBe(1);
  });

  it("reads a WhatsApp account_update restriction with its end, for the business account", () => {
    const expiration = 1_764_000_000;
    const value = {
      phone_number: "15550001234",
      event: "ACCOUNT_RESTRICTION",
      restriction_info: [
        { restriction_type: "RESTRICTED_CUSTOMER_INITIATED_MESSAGING", expiration },
      ],
    };
    const payload = {
      object: "whatsapp_business_account",
      entry: [{ id: "WABA1", changes: [{ field: "account_update", value }] }],
    };
    expect(notices(payload)).toEqual([
      {
        type: "channel_notice",
        platform: "whatsapp",
        channelId: "",
        wabaId: "WABA1",
        action: "block",
        source: "account_update",
        reason: "RESTRICTED_CUSTOMER_INITIATED_MESSAGING",
        untilMs: expiration * 1000,
        timestampMs: 0,
        raw: value,
      },
    ]);
  });

  it("reads a WhatsApp ban, a reinstatement and a violation; ignores other account news", () => {
    const of = (value: object) =>
      notices({
        object: "whatsapp_business_account",
        entry: [{ id: "WABA1", changes: [{ field: "account_update", value }] }],
      }).map((n) => n.action);
    expect(of({ event: "DISABLED_UPDATE", ban_info: { waba_ban_state: "DISABLE" } })).toEqual([
      "block",
    ]);
    expect(of({ ban_info: { waba_ban_state: "REINSTATE" } })).toEqual(["unblock"]);
    expect(of({ event: "ACCOUNT_VIOLATION", violation_info: { violation_type: "SPAM" } })).toEqual([
      "warning",
    ]);
    expect(of({ event: "VERIFIED_ACCOUNT" })).toEqual([]);
  });
});
