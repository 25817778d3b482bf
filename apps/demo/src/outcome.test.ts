import type { MessageFailedData, MessageSentData } from "@meta-relay/core";
import { describeExpectation, judgeReply, judgeWrite, type Expectation } from "./outcome";
import type { MessageView } from "./relay-client";

const record = (status: MessageView["status"]): MessageView => ({
  id: "msg_1",
  status,
  attempts: 1,
});
const sent = (
  messagingType: MessageSentData["messagingType"],
  tag?: "HUMAN_AGENT",
): MessageSentData => ({
  id: "msg_1",
  platform: "messenger",
  channelId: "p1",
  userId: "u1",
  metaMessageId: "m_1",
  messagingType,
  ...(tag ? { tag } : {}),
});
const failed = (reason: MessageFailedData["reason"], metaCode?: number): MessageFailedData => ({
  id: "msg_1",
  platform: "messenger",
  channelId: "p1",
  userId: "u1",
  sender: { type: "bot" },
  reason,
  message: `Not delivered: ${reason}.`,
  window: {
    lastCustomerMessageAt: null,
    standardWindowEndsAt: null,
    humanAgentWindowEndsAt: null,
    canSend: { bot: false, agent: false, template: false },
  },
  ...(metaCode ? { meta: { code: metaCode, message: "Meta said no" } } : {}),
});

const humanAgent: Expectation = {
  outcome: "delivered",
  messagingType: "MESSAGE_TAG",
  tag: "HUMAN_AGENT",
};
const refusedBot: Expectation = { outcome: "refused", reason: "automated_reply_outside_window" };

describe("judgeReply", () => {
  it("waits while the message is queued or its event has not arrived", () => {
    expect(judgeReply(humanAgent, { record: null, sent: null, failed: null })).toMatchObject({
      settled: false,
      summary: "not posted yet",
    });
    expect(
      judgeReply(humanAgent, { record: record("queued"), sent: null, failed: null }),
    ).toMatchObject({
      settled: false,
      summary: "queued",
    });
    expect(
      judgeReply(humanAgent, { record: record("sent"), sent: null, failed: null }),
    ).toMatchObject({
      settled: false,
      summary: "sent, waiting for its event",
    });
  });

  it("counts sent, delivered and read as delivered when the wire mode matches", () => {
    for (const status of ["sent", "delivered", "read"] as const) {
      const verdict = judgeReply(humanAgent, {
        record: record(status),
        sent: sent("MESSAGE_TAG", "HUMAN_AGENT"),
        failed: null,
      });
      expect(verdict).toEqual({
        settled: true,
        ok: true,
        summary: `delivered · status ${status} · MESSAGE_TAG + HUMAN_AGENT`,
      });
    }
  });

  it("reports a delivery sent the wrong way as a difference", () => {
    const verdict = judgeReply(humanAgent, {
      record: record("sent"),
      sent: sent("RESPONSE"),
      failed: null,
    });
    expect(verdict.ok).toBe(false);
    expect(verdict.difference).toBe(
      "expected delivered · MESSAGE_TAG + HUMAN_AGENT, got delivered · status sent · RESPONSE",
    );
  });

  it("passes an expected refusal on with its sentence", () => {
    const verdict = judgeReply(refusedBot, {
      record: record("failed"),
      sent: null,
      failed: failed("automated_reply_outside_window"),
    });
    expect(verdict).toEqual({
      settled: true,
      ok: true,
      summary: "refused · automated_reply_outside_window",
      sentence: "Not delivered: automated_reply_outside_window.",
    });
  });

  it("names Meta's error code when a reply that should be delivered fails", () => {
    const verdict = judgeReply(humanAgent, {
      record: record("failed"),
      sent: null,
      failed: failed("channel_auth_failed", 190),
    });
    expect(verdict.settled).toBe(true);
    expect(verdict.ok).toBe(false);
    expect(verdict.difference).toBe(
      "expected delivered · MESSAGE_TAG + HUMAN_AGENT, got refused · channel_auth_failed (Meta error 190)",
    );
  });

  it("turns a reply without an outcome into a difference once time is up", () => {
    const verdict = judgeReply(
      refusedBot,
      { record: record("queued"), sent: null, failed: null },
      true,
    );
    expect(verdict).toMatchObject({ settled: true, ok: false });
    expect(verdict.difference).toMatch(
      /^expected refused · automated_reply_outside_window, got queued/,
    );
  });
});

describe("judgeWrite", () => {
  const received = {
    platform: "messenger" as const,
    channelId: "p1",
    userId: "u1",
    metaMessageId: "m_1",
    kind: "message" as const,
    opensWindow: true,
    timestamp: "2026-01-01T00:00:00.000Z",
    raw: {},
  };

  it("is settled once the ingress took the webhook and the event arrived", () => {
    expect(judgeWrite({ webhookStatus: null, received: null }).settled).toBe(false);
    expect(judgeWrite({ webhookStatus: 200, received: null }).settled).toBe(false);
    expect(judgeWrite({ webhookStatus: 200, received })).toEqual({
      settled: true,
      ok: true,
      summary: "webhook 200 · message.received · message · opens the window",
    });
  });

  it("reports a refused webhook and a missing event", () => {
    expect(judgeWrite({ webhookStatus: 401, received: null })).toMatchObject({
      settled: true,
      ok: false,
      difference: "ingress answered 401, expected 200",
    });
    expect(judgeWrite({ webhookStatus: 200, received: null }, true)).toMatchObject({
      settled: true,
      ok: false,
      difference: "no message.received event arrived",
    });
  });
});

describe("describeExpectation", () => {
  it("says what the decision table prescribes", () => {
    expect(describeExpectation({ outcome: "delivered", messagingType: "TEMPLATE" })).toBe(
      "delivered · TEMPLATE",
    );
    expect(describeExpectation({ outcome: "refused", reason: "window_closed" })).toBe(
      "refused · window_closed",
    );
  });
});
