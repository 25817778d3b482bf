import type { Platform } from "./platform";
import { FAILURE_REASONS } from "./reasons";
import { failureSentence } from "./sentences";
import { describeWindow } from "./window";

const NOW = Date.parse("2026-11-21T12:00:00.000Z");
const LAST = Date.parse("2026-11-19T09:14:03.000Z");

function windowOf(platform: Platform, last: number | null, humanAgent = false) {
  return describeWindow({
    platform,
    humanAgent,
    lastCustomerMessageAt: last,
    now: NOW,
    marginMs: 0,
  });
}

describe("failureSentence", () => {
  it("says when the window closed and what to do, as product.md's example", () => {
    expect(
      failureSentence({
        reason: "window_closed",
        platform: "messenger",
        window: windowOf("messenger", LAST),
      }),
    ).toBe(
      "Not delivered: the customer's last message is older than 24 hours (window closed 2026-11-20T09:14:03Z). Wait for the customer to write again.",
    );
  });

  it("points WhatsApp users at templates", () => {
    const closed = failureSentence({
      reason: "window_closed",
      platform: "whatsapp",
      window: windowOf("whatsapp", LAST),
    });
    expect(closed).toContain("or send an approved template");
    const never = failureSentence({
      reason: "no_customer_message",
      platform: "whatsapp",
      window: windowOf("whatsapp", null),
    });
    expect(never).toContain("Send an approved template");
    const neverMessenger = failureSentence({
      reason: "no_customer_message",
      platform: "messenger",
      window: windowOf("messenger", null),
    });
    expect(neverMessenger).toContain("Wait for the customer to write.");
    expect(neverMessenger).not.toContain("template");
  });

  it("names the human-agent deadline when the 7 days are over", () => {
    const last = NOW - 8 * 24 * 3600 * 1000;
    const text = failureSentence({
      reason: "human_agent_window_closed",
      platform: "instagram",
      window: windowOf("instagram", last, true),
    });
    expect(text).toContain("older than 7 days (human-agent window closed 2026-11-20T12:00:00Z)");
  });

  it("tells a bot to hand over after 24 hours", () => {
    expect(
      failureSentence({
        reason: "automated_reply_outside_window",
        platform: "messenger",
        window: windowOf("messenger", LAST, true),
      }),
    ).toContain("only a human agent may reply");
  });

  it("quotes Meta's error code, subcode and message when given", () => {
    const text = failureSentence({
      reason: "invalid_message",
      platform: "messenger",
      window: windowOf("messenger", LAST),
      meta: { code: 100, subcode: 2018109, message: "Attachment size exceeds allowable limit" },
    });
    expect(text).toContain("(Meta error 100/2018109: Attachment size exceeds allowable limit)");
    expect(
      failureSentence({
        reason: "meta_error",
        platform: "whatsapp",
        window: windowOf("whatsapp", LAST),
        meta: { code: 131000, message: "Something went wrong" },
      }),
    ).toBe("Not delivered: Meta refused the message (Meta error 131000: Something went wrong).");
  });

  it("names the platform when the recipient cannot be reached", () => {
    expect(
      failureSentence({
        reason: "recipient_unavailable",
        platform: "whatsapp",
        window: windowOf("whatsapp", LAST),
      }),
    ).toContain("is not on WhatsApp");
  });

  it("says Meta restricted the page, account or number", () => {
    const sentence = (platform: Platform) =>
      failureSentence({ reason: "channel_restricted", platform, window: windowOf(platform, LAST) });
    expect(sentence("messenger")).toMatch(
      /^Not delivered: Meta has restricted this page from sending messages\. /,
    );
    expect(sentence("instagram")).toContain("restricted this account");
    expect(sentence("whatsapp")).toContain("restricted this number");
  });

  it.each(
    FAILURE_REASONS.flatMap((r) =>
      (["messenger", "instagram", "whatsapp"] as const).map((p) => [r, p] as const),
    ),
  )("has a sentence for %s on %s", (reason, platform) => {
    const text = failureSentence({ reason, platform, window: windowOf(platform, LAST) });
    expect(text).toMatch(/^Not delivered: .+\.$/);
    expect(text).not.toContain("undefined");
    expect(text).not.toContain("null");
  });

  it("gives each reason its own sentence", () => {
    const texts = FAILURE_REASONS.map((reason) =>
      failureSentence({ reason, platform: "messenger", window: windowOf("messenger", LAST) }),
    );
    expect(new Set(texts).size).toBe(FAILURE_REASONS.length);
  });
});

describe("failureSentence: causes behind Meta's template refusals", () => {
  const meta = { code: 10, message: "(#10) Requires pages_utility_messaging permission" };

  it("tells an operator which permission the page lacks", () => {
    const sentence = failureSentence({
      reason: "meta_error",
      platform: "messenger",
      window: windowOf("messenger", null),
      meta,
      cause: "utility_permission_missing",
    });
    expect(sentence).toMatch(/^Not delivered: .*pages_utility_messaging permission/);
    expect(sentence).toContain("An operator must grant the app that permission");
    expect(sentence).toContain("Meta error 10:");
  });

  it("says a template was unknown or not approved", () => {
    const sentence = failureSentence({
      reason: "invalid_message",
      platform: "whatsapp",
      window: windowOf("whatsapp", LAST),
      meta: { code: 132001, message: "Template name does not exist in the translation" },
      cause: "template_rejected",
    });
    expect(sentence).toContain("does not exist, is not approved");
    expect(sentence).toContain("(Meta error 132001: Template name does not exist");
  });
});
