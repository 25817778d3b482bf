import type { CustomerAction, StatusUpdate } from "@meta-relay/core";
import { normaliseWebhook } from "./normalise";

const WABA = "102290129340398";
const PHONE_ID = "106540352242922";
const TS = "1763726400"; // seconds, as a string
const T_MS = 1_763_726_400_000;

function waPayload(value: Record<string, unknown>, field = "messages") {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: WABA,
        changes: [
          {
            field,
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "15550783881", phone_number_id: PHONE_ID },
              ...value,
            },
          },
        ],
      },
    ],
  };
}

describe("normaliseWebhook: WhatsApp", () => {
  it("normalises every message of a change, converting seconds to ms", () => {
    const result = normaliseWebhook(
      waPayload({
        contacts: [{ profile: { name: "Sheena Nelson" }, wa_id: "16505551234" }],
        messages: [
          {
            from: "16505551234",
            id: "wamid.A",
            timestamp: TS,
            type: "text",
            text: { body: "Does it come in another color?" },
          },
          {
            from: "16505551234",
            id: "wamid.B",
            timestamp: "1763726460",
            type: "interactive",
            interactive: { type: "button_reply", button_reply: { id: "yes", title: "Yes please" } },
          },
          {
            from: "16505551234",
            id: "wamid.C",
            timestamp: "1763726470",
            type: "button",
            button: { payload: "STOP", text: "Stop promotions" },
          },
          {
            from: "16505551234",
            id: "wamid.D",
            timestamp: "1763726480",
            type: "image",
            image: { id: "media-1", mime_type: "image/jpeg", sha256: "abc" },
          },
        ],
      }),
    );
    expect(result.platform).toBe("whatsapp");
    expect(result.malformed).toEqual([]);
    expect(result.items[0]).toEqual({
      type: "customer_action",
      platform: "whatsapp",
      channelId: PHONE_ID,
      userId: "16505551234",
      userIds: ["16505551234"],
      metaMessageId: "wamid.A",
      kind: "message",
      timestampMs: T_MS,
      opensWindow: true,
      text: "Does it come in another color?",
      profile: { name: "Sheena Nelson" },
      raw: {
        from: "16505551234",
        id: "wamid.A",
        timestamp: TS,
        type: "text",
        text: { body: "Does it come in another color?" },
      },
    });
    const rest = result.items.slice(1) as CustomerAction[];
    expect(rest.map((a) => [a.metaMessageId, a.timestampMs, a.text, a.payload])).toEqual([
      ["wamid.B", T_MS + 60_000, "Yes please", "yes"],
      ["wamid.C", T_MS + 70_000, "Stop promotions", "STOP"],
      ["wamid.D", T_MS + 80_000, undefined, undefined],
    ]);
    expect(rest[2]?.attachments).toEqual([
      { type: "image", mediaId: "media-1", mimeType: "image/jpeg", sha256: "abc" },
    ]);
  });

  it("keys a username user on the BSUID, and records both ids when both are given", () => {
    const result = normaliseWebhook(
      waPayload({
        contacts: [
          { profile: { name: "A" }, user_id: "US.13491208655302741918" },
          { profile: { name: "B" }, wa_id: "4915112345678", user_id: "DE.88" },
        ],
        messages: [
          {
            from_user_id: "US.13491208655302741918",
            id: "wamid.bsuid",
            timestamp: TS,
            type: "text",
            text: { body: "hi" },
          },
          {
            from: "4915112345678",
            from_user_id: "DE.88",
            id: "wamid.both",
            timestamp: TS,
            type: "text",
            text: { body: "hallo" },
          },
        ],
      }),
    );
    const [bsuidOnly, both] = result.items as CustomerAction[];
    expect(bsuidOnly).toMatchObject({
      userId: "US.13491208655302741918",
      userIds: ["US.13491208655302741918"],
    });
    expect(both).toMatchObject({ userId: "4915112345678", userIds: ["4915112345678", "DE.88"] });
  });

  it("takes the BSUID from contacts when the message names only the phone number", () => {
    const result = normaliseWebhook(
      waPayload({
        contacts: [{ wa_id: "4915112345678", user_id: "DE.99" }],
        messages: [
          { from: "4915112345678", id: "wamid.x", timestamp: TS, type: "text", text: { body: "" } },
        ],
      }),
    );
    expect((result.items[0] as CustomerAction).userIds).toEqual(["4915112345678", "DE.99"]);
  });

  it("normalises statuses, with the errors of a failed one", () => {
    const result = normaliseWebhook(
      waPayload({
        statuses: [
          {
            id: "wamid.out1",
            status: "delivered",
            timestamp: TS,
            recipient_id: "16505551234",
            pricing: { billable: true, pricing_model: "PMP", category: "service" },
          },
          {
            id: "wamid.out2",
            status: "failed",
            timestamp: "1763726401",
            recipient_id: "",
            recipient_user_id: "US.1",
            errors: [
              {
                code: 131047,
                title: "Re-engagement message",
                message: "Re-engagement message",
                error_data: { details: "More than 24 hours have passed." },
              },
            ],
          },
          { id: "wamid.out3", status: "deleted", timestamp: TS, recipient_id: "1" },
        ],
      }),
    );
    const [delivered, failed, other] = result.items;
    expect(delivered).toEqual({
      type: "status",
      platform: "whatsapp",
      channelId: PHONE_ID,
      userId: "16505551234",
      status: "delivered",
      metaMessageIds: ["wamid.out1"],
      timestampMs: T_MS,
    });
    expect(failed as StatusUpdate).toMatchObject({
      status: "failed",
      userId: "US.1",
      errors: [{ code: 131047, message: "Re-engagement message" }],
      timestampMs: T_MS + 1000,
    });
    expect(other).toMatchObject({ type: "ignored", kind: "status_other" });
  });

  it("relays reactions without opening the window, and counts system notices and errors", () => {
    const result = normaliseWebhook(
      waPayload({
        messages: [
          {
            from: "1",
            id: "wamid.r",
            timestamp: TS,
            type: "reaction",
            reaction: { message_id: "wamid.out", emoji: "👍" },
          },
          { from: "1", id: "wamid.s", timestamp: TS, type: "system", system: { body: "changed" } },
        ],
        errors: [{ code: 131000, title: "Something went wrong" }],
      }),
    );
    expect(result.items.map((i) => i.type)).toEqual(["customer_action", "ignored", "ignored"]);
    expect(result.items[0]).toMatchObject({
      kind: "reaction",
      metaMessageId: "wamid.r",
      opensWindow: false,
      text: "👍",
      reaction: { emoji: "👍", action: "react", targetMetaMessageId: "wamid.out" },
    });
    expect(result.items.map((i) => (i.type === "ignored" ? i.kind : ""))).toEqual([
      "",
      "system",
      "error",
    ]);
  });

  it("skips a malformed message and keeps its siblings", () => {
    const result = normaliseWebhook(
      waPayload({
        messages: [
          { from: "1", id: "wamid.ok1", timestamp: TS, type: "text", text: { body: "a" } },
          { from: "1", id: "wamid.bad", timestamp: "yesterday", type: "text" },
          { id: "wamid.nobody", timestamp: TS, type: "text", text: { body: "who?" } },
          { from: "1", id: "wamid.ok2", timestamp: TS, type: "text", text: { body: "b" } },
        ],
      }),
    );
    expect((result.items as CustomerAction[]).map((a) => a.metaMessageId)).toEqual([
      "wamid.ok1",
      "wamid.ok2",
    ]);
    expect(result.malformed.map((m) => m.path)).toEqual([
      "entry[0].changes[0].value.messages[1]",
      "entry[0].changes[0].value.messages[2]",
    ]);
  });

  it("acknowledges other fields without recording anything", () => {
    const result = normaliseWebhook(
      waPayload({ event: "APPROVED", message_template_id: 1 }, "message_template_status_update"),
    );
    expect(result.items).toEqual([
      { type: "ignored", platform: "whatsapp", channelId: "", kind: "other_field" },
    ]);
  });
});
