import type { CustomerAction, InboundItem } from "@meta-relay/core";
import { normaliseWebhook } from "./normalise";

const PAGE = "104512345678901";
const PSID = "6789012345678901";
const T = 1_763_726_400_123; // ms, as Messenger sends it

function actions(items: InboundItem[]): CustomerAction[] {
  return items.filter((i): i is CustomerAction => i.type === "customer_action");
}

const messengerBatch = {
  object: "page",
  entry: [
    {
      id: PAGE,
      time: T + 50,
      messaging: [
        {
          sender: { id: PSID },
          recipient: { id: PAGE },
          timestamp: T,
          message: { mid: "m_text", text: "Where is my parcel?", nlp: { entities: {} } },
        },
      ],
    },
    {
      id: PAGE,
      time: T + 60,
      messaging: [
        {
          sender: { id: PSID },
          recipient: { id: PAGE },
          timestamp: T + 1,
          message: {
            mid: "m_qr",
            text: "Track it",
            quick_reply: { payload: "TRACK" },
          },
        },
        {
          sender: { id: PSID },
          recipient: { id: PAGE },
          timestamp: T + 2,
          message: {
            mid: "m_img",
            attachments: [{ type: "image", payload: { url: "https://cdn.example/p.jpg" } }],
          },
        },
      ],
    },
    {
      id: PAGE,
      time: T + 70,
      standby: [
        {
          sender: { id: "777" },
          recipient: { id: PAGE },
          timestamp: T + 3,
          message: { mid: "m_standby", text: "hello?" },
        },
      ],
    },
  ],
};

describe("normaliseWebhook: Messenger", () => {
  it("normalises every entry and every item of a batch, standby included", () => {
    const result = normaliseWebhook(messengerBatch);
    expect(result.platform).toBe("messenger");
    expect(result.malformed).toEqual([]);
    expect(actions(result.items).map((a) => a.metaMessageId)).toEqual([
      "m_text",
      "m_qr",
      "m_img",
      "m_standby",
    ]);
    expect(result.items[0]).toEqual({
      type: "customer_action",
      platform: "messenger",
      channelId: PAGE,
      userId: PSID,
      userIds: [PSID],
      metaMessageId: "m_text",
      kind: "message",
      timestampMs: T,
      opensWindow: true,
      text: "Where is my parcel?",
      raw: messengerBatch.entry[0]?.messaging?.[0],
    });
    // `raw` is Meta's own object, unknown fields (`nlp`) included.
    expect((result.items[0] as CustomerAction).raw).toBe(messengerBatch.entry[0]?.messaging?.[0]);
    expect(result.items[1]).toMatchObject({ kind: "message", text: "Track it", payload: "TRACK" });
    expect(result.items[2]).toMatchObject({
      attachments: [{ type: "image", url: "https://cdn.example/p.jpg" }],
    });
    expect(result.items[3]).toMatchObject({ userId: "777", standby: true, kind: "message" });
  });

  it("turns an echo into an Echo with our metadata, never a customer action", () => {
    const result = normaliseWebhook({
      object: "page",
      entry: [
        {
          id: PAGE,
          time: T,
          messaging: [
            {
              sender: { id: PAGE },
              recipient: { id: PSID },
              timestamp: T + 5,
              message: {
                is_echo: true,
                app_id: 1517776481860111,
                metadata: "msg_01jd8z3k7q0000000000000000",
                mid: "m_echo",
                text: "It left this morning.",
              },
            },
          ],
        },
      ],
    });
    expect(result.items).toEqual([
      {
        type: "echo",
        platform: "messenger",
        channelId: PAGE,
        userId: PSID,
        metaMessageId: "m_echo",
        metadata: "msg_01jd8z3k7q0000000000000000",
        timestampMs: T + 5,
      },
    ]);
  });

  it("normalises delivery and read watermarks to status updates", () => {
    const result = normaliseWebhook({
      object: "page",
      entry: [
        {
          id: PAGE,
          time: T,
          messaging: [
            {
              sender: { id: PSID },
              recipient: { id: PAGE },
              timestamp: T + 7,
              delivery: { mids: ["m_out1", "m_out2"], watermark: T + 6 },
            },
            {
              sender: { id: PSID },
              recipient: { id: PAGE },
              timestamp: T + 9,
              read: { watermark: T + 8 },
            },
          ],
        },
      ],
    });
    expect(result.items).toEqual([
      {
        type: "status",
        platform: "messenger",
        channelId: PAGE,
        userId: PSID,
        status: "delivered",
        metaMessageIds: ["m_out1", "m_out2"],
        watermarkMs: T + 6,
        timestampMs: T + 7,
      },
      {
        type: "status",
        platform: "messenger",
        channelId: PAGE,
        userId: PSID,
        status: "read",
        metaMessageIds: [],
        watermarkMs: T + 8,
        timestampMs: T + 9,
      },
    ]);
  });

  it("opens the window on a postback, a reaction and a referral, with stable ids", () => {
    const payload = {
      object: "page",
      entry: [
        {
          id: PAGE,
          time: T,
          messaging: [
            {
              sender: { id: PSID },
              recipient: { id: PAGE },
              timestamp: T,
              postback: { mid: "m_pb", title: "Get Started", payload: "GET_STARTED" },
            },
            {
              sender: { id: PSID },
              recipient: { id: PAGE },
              timestamp: T + 1,
              postback: { title: "Menu", payload: "MENU" },
            },
            {
              sender: { id: PSID },
              recipient: { id: PAGE },
              timestamp: T + 2,
              reaction: { mid: "m_out", action: "react", reaction: "love", emoji: "❤️" },
            },
            {
              sender: { id: PSID },
              recipient: { id: PAGE },
              timestamp: T + 3,
              reaction: { mid: "m_out", action: "unreact", reaction: "love", emoji: "❤️" },
            },
            {
              sender: { id: PSID },
              recipient: { id: PAGE },
              timestamp: T + 4,
              referral: { ref: "spring-sale", source: "SHORTLINK", type: "OPEN_THREAD" },
            },
          ],
        },
      ],
    };
    const first = normaliseWebhook(payload);
    const kinds = first.items.map((i) => (i.type === "customer_action" ? i.kind : i.type));
    expect(kinds).toEqual(["postback", "postback", "reaction", "reaction", "referral"]);
    const [pb, pbNoMid, reaction, unreact, referral] = first.items as CustomerAction[];
    expect(pb).toMatchObject({
      metaMessageId: "m_pb",
      text: "Get Started",
      payload: "GET_STARTED",
      timestampMs: T,
      opensWindow: true,
    });
    expect(pbNoMid?.metaMessageId).toMatch(/^syn\.postback\./);
    expect(reaction).toMatchObject({
      kind: "reaction",
      text: "❤️",
      timestampMs: T + 2,
      opensWindow: true,
      reaction: { emoji: "❤️", action: "react", targetMetaMessageId: "m_out" },
    });
    expect(reaction?.metaMessageId).toMatch(/^syn\.reaction\./);
    // A reaction taken back is relayed, and opens no window.
    expect(unreact).toMatchObject({
      kind: "reaction",
      opensWindow: false,
      reaction: { emoji: "❤️", action: "unreact", targetMetaMessageId: "m_out" },
    });
    expect(unreact?.text).toBeUndefined();
    expect(unreact?.metaMessageId).not.toBe(reaction?.metaMessageId);
    expect(referral?.metaMessageId).toMatch(/^syn\.referral\./);
    expect(referral?.referral).toEqual({
      source: "SHORTLINK",
      type: "OPEN_THREAD",
      ref: "spring-sale",
    });
    // Meta's redelivery (keys in another order) maps to the same ids.
    const again = normaliseWebhook(
      JSON.parse(
        JSON.stringify(payload).replace(
          '{"mid":"m_out","action":"react","reaction":"love","emoji":"❤️"}',
          '{"emoji":"❤️","reaction":"love","action":"react","mid":"m_out"}',
        ),
      ),
    );
    expect((again.items as CustomerAction[]).map((a) => a.metaMessageId)).toEqual(
      (first.items as CustomerAction[]).map((a) => a.metaMessageId),
    );
  });

  it("gives two reactions of the same customer at different times different ids", () => {
    const reactAt = (timestamp: number) => ({
      object: "page",
      entry: [
        {
          id: PAGE,
          messaging: [
            {
              sender: { id: PSID },
              recipient: { id: PAGE },
              timestamp,
              reaction: { mid: "m_out", action: "react", emoji: "👍" },
            },
          ],
        },
      ],
    });
    const a = normaliseWebhook(reactAt(T)).items[0] as CustomerAction;
    const b = normaliseWebhook(reactAt(T + 1000)).items[0] as CustomerAction;
    expect(a.metaMessageId).not.toBe(b.metaMessageId);
  });

  it("acknowledges opt-ins and handovers, and reports deleted messages, never opening the window", () => {
    const result = normaliseWebhook({
      object: "page",
      entry: [
        {
          id: PAGE,
          messaging: [
            {
              sender: { user_ref: "ref-1" },
              recipient: { id: PAGE },
              timestamp: T,
              optin: { ref: "checkbox", user_ref: "ref-1" },
            },
            {
              sender: { id: PSID },
              recipient: { id: PAGE },
              timestamp: T,
              pass_thread_control: { new_owner_app_id: "123" },
            },
            {
              sender: { id: PSID },
              recipient: { id: PAGE },
              timestamp: T,
              message: { mid: "m_del", is_deleted: true },
            },
          ],
        },
      ],
    });
    expect(result.items.map((i) => (i.type === "ignored" ? i.kind : i.type))).toEqual([
      "optin",
      "handover",
      "customer_deletion",
    ]);
    expect(result.items[2]).toEqual({
      type: "customer_deletion",
      platform: "messenger",
      channelId: PAGE,
      userId: PSID,
      metaMessageId: "m_del",
      timestampMs: T,
      raw: {
        sender: { id: PSID },
        recipient: { id: PAGE },
        timestamp: T,
        message: { mid: "m_del", is_deleted: true },
      },
    });
  });
});
