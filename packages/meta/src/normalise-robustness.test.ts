import type { CustomerAction, CustomerDeletion, CustomerEdit, InboundItem } from "@meta-relay/core";
import { normaliseWebhook } from "./normalise";

// The shapes Meta really sends, beyond its documentation's examples: numeric ids, seconds in
// Messenger items, group messages, customers named only in contacts[], ids no key may hold.

const PAGE = "104512345678901";
const PHONE_ID = "106540352242922";
const T = 1_763_726_400_000;

function page(item: Record<string, unknown>, entryId: unknown = PAGE) {
  return { object: "page", entry: [{ id: entryId, time: T, messaging: [item] }] };
}

function whatsapp(value: Record<string, unknown>) {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: "102290129340398",
        changes: [
          {
            field: "messages",
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

const kindOf = (i: InboundItem) => (i.type === "ignored" ? `ignored_${i.kind}` : i.type);

describe("normalisation is robust to what Meta really sends", () => {
  it("takes JSON-number ids as their decimal string", () => {
    const result = normaliseWebhook(
      page(
        {
          sender: { id: 6789012345678901 },
          recipient: { id: 104512345678901 },
          timestamp: T,
          message: { mid: 42, text: "hi" },
        },
        104512345678901,
      ),
    );
    expect(result.items[0]).toMatchObject({
      channelId: "104512345678901",
      userId: "6789012345678901",
      metaMessageId: "42",
    });
    const wa = normaliseWebhook(
      whatsapp({
        metadata: { phone_number_id: 106540352242922 },
        messages: [{ from: 16505551234, id: "wamid.N", timestamp: 1763726400, type: "text" }],
      }),
    );
    expect(wa.items[0]).toMatchObject({ channelId: PHONE_ID, userId: "16505551234" });
  });

  it("refuses a numeric id that JSON has already rounded, rather than naming someone else", () => {
    // As JSON.parse reads `"id": 17841400000000001234`: already a different number.
    const rounded = JSON.parse('{"id":17841400000000001234}') as { id: number };
    const result = normaliseWebhook(
      page({ sender: rounded, recipient: { id: PAGE }, timestamp: T, message: { mid: "m1" } }),
    );
    expect(result.items).toEqual([]);
    expect(result.malformed[0]?.path).toBe("entry[0].messaging[0]");
  });

  it("reads a timestamp below 10^11 as seconds, above as milliseconds", () => {
    const at = (timestamp: unknown) =>
      (
        normaliseWebhook(
          page({ sender: { id: "u" }, recipient: { id: PAGE }, timestamp, message: { mid: "m" } }),
        ).items[0] as CustomerAction
      ).timestampMs;
    expect(at(T / 1000)).toBe(T);
    expect(at(String(T / 1000))).toBe(T);
    expect(at(T)).toBe(T);
    expect(at(String(T))).toBe(T);
  });

  it("skips and counts ids no key may hold, never putting them in an item", () => {
    const long = "9".repeat(100_000);
    const result = normaliseWebhook({
      object: "page",
      entry: [
        {
          id: PAGE,
          messaging: [
            { sender: { id: long }, recipient: { id: PAGE }, timestamp: T, message: { mid: "a" } },
            {
              sender: { id: "fü-1" },
              recipient: { id: PAGE },
              timestamp: T,
              message: { mid: "b" },
            },
            {
              sender: { id: "ok.1" },
              recipient: { id: PAGE },
              timestamp: T,
              message: { mid: "c" },
            },
          ],
        },
        { id: "page:1", messaging: [{ sender: { id: "u" }, recipient: {}, timestamp: T }] },
      ],
    });
    expect(result.items.map(kindOf)).toEqual([
      "ignored_unaddressable",
      "ignored_unaddressable",
      "customer_action",
      "ignored_unaddressable",
    ]);
    expect(JSON.stringify(result.items)).not.toContain("999999");
  });

  it("never opens a one-to-one window for a WhatsApp group message", () => {
    const result = normaliseWebhook(
      whatsapp({
        messages: [
          {
            from: "16505551234",
            group_id: "120363000000000001",
            id: "wamid.G",
            timestamp: "1763726400",
            type: "text",
            text: { body: "hello group" },
          },
        ],
      }),
    );
    expect(result.items[0]).toMatchObject({
      kind: "message",
      opensWindow: false,
      groupId: "120363000000000001",
      text: "hello group",
    });
  });

  it("takes a sender-less message's customer from the batch's only contact", () => {
    const message = { id: "wamid.C", timestamp: "1763726400", type: "text", text: { body: "x" } };
    const one = normaliseWebhook(
      whatsapp({
        contacts: [{ profile: { name: "Ana", username: "@ana" }, user_id: "US.77" }],
        messages: [message],
      }),
    );
    expect(one.items[0]).toMatchObject({
      userId: "US.77",
      userIds: ["US.77"],
      profile: { name: "Ana", username: "@ana" },
    });
    const several = normaliseWebhook(
      whatsapp({ contacts: [{ wa_id: "1" }, { wa_id: "2" }], messages: [message] }),
    );
    expect(several.items).toEqual([]);
    expect(several.malformedCount).toBe(1);
  });

  it("keeps every unknown field in raw", () => {
    const item = {
      sender: { id: "u", x_new: 1 },
      recipient: { id: PAGE },
      timestamp: T,
      message: { mid: "m", text: "hi", brand_new_field: { deep: [1, 2] } },
      another: true,
    };
    const action = normaliseWebhook(page(item)).items[0] as CustomerAction;
    expect(JSON.stringify(action.raw)).toBe(JSON.stringify(item));
  });
});

describe("raw of an item nested deeper than Meta ever nests", () => {
  it("keeps the action and cuts the nesting, so its event can still be serialised", () => {
    const deep = JSON.parse(`${"[".repeat(20_000)}1${"]".repeat(20_000)}`) as unknown;
    const item = {
      sender: { id: "u" },
      recipient: { id: PAGE },
      timestamp: T,
      message: { mid: "m_deep", text: "hi", x_junk: deep },
    };
    const action = normaliseWebhook(page(item)).items[0] as CustomerAction;
    expect(action).toMatchObject({ metaMessageId: "m_deep", text: "hi", opensWindow: true });
    const text = JSON.stringify(action.raw);
    expect(text.startsWith('{"sender":{"id":"u"},"recipient":{"id":"104512345678901"}')).toBe(true);
    expect(text).toContain('"…"');
    expect(text.length).toBeLessThan(1_000);
  });
});

describe("normaliseWebhook: every kind of customer content", () => {
  it("maps Messenger's quick replies, fallbacks, replies and ad referrals", () => {
    const result = normaliseWebhook(
      page({
        sender: { id: "u" },
        recipient: { id: PAGE },
        timestamp: T,
        message: {
          mid: "m_rich",
          text: "this one",
          quick_reply: { payload: "SIZE_M" },
          reply_to: { mid: "m_earlier" },
          attachments: [
            { type: "fallback", title: "A link", url: "https://example.com/a", payload: null },
            { type: "sticker", payload: { url: "https://cdn.example/s.png", sticker_id: 369 } },
          ],
          referral: {
            ref: "spring",
            ad_id: 6045246247433,
            source: "ADS",
            type: "OPEN_THREAD",
            ads_context_data: { ad_title: "Spring sale", photo_url: "https://cdn.example/ad" },
          },
        },
      }),
    );
    const action = result.items[0] as CustomerAction;
    expect(action).toMatchObject({
      text: "this one",
      payload: "SIZE_M",
      replyTo: { metaMessageId: "m_earlier" },
      attachments: [
        { type: "fallback", url: "https://example.com/a", title: "A link" },
        { type: "sticker", url: "https://cdn.example/s.png" },
      ],
      referral: {
        source: "ADS",
        type: "OPEN_THREAD",
        ref: "spring",
        adId: "6045246247433",
        headline: "Spring sale",
      },
    });
  });

  it("reports Messenger edits as edits, one per edit, never opening a window", () => {
    const edit = (n: number, text: string) =>
      normaliseWebhook(
        page({
          sender: { id: "u" },
          recipient: { id: PAGE },
          timestamp: T + n,
          message_edit: { mid: "m_1", text, num_edit: n },
        }),
      ).items[0] as CustomerEdit;
    expect(edit(1, "helo")).toMatchObject({
      type: "customer_edit",
      metaMessageId: "m_1",
      editId: "m_1#1",
      text: "helo",
      timestampMs: T + 1,
    });
    expect(edit(2, "hello").editId).toBe("m_1#2");
  });

  it("maps WhatsApp media, locations, contacts, lists, flows, replies and ad referrals", () => {
    const base = { from: "16505551234", timestamp: "1763726400" };
    const result = normaliseWebhook(
      whatsapp({
        messages: [
          {
            ...base,
            id: "wamid.doc",
            type: "document",
            context: { from: "15550783881", id: "wamid.ours" },
            document: {
              id: "1037543291543636",
              mime_type: "application/pdf",
              sha256: "q3Uu",
              filename: "invoice.pdf",
              caption: "my invoice",
            },
          },
          {
            ...base,
            id: "wamid.loc",
            type: "location",
            location: { latitude: 38.7223, longitude: -9.1393, name: "Shop", address: "Rua 1" },
          },
          {
            ...base,
            id: "wamid.cards",
            type: "contacts",
            contacts: [{ name: { formatted_name: "Bo" }, phones: [{ phone: "+1 555" }] }],
          },
          {
            ...base,
            id: "wamid.list",
            type: "interactive",
            interactive: {
              type: "list_reply",
              list_reply: { id: "row-2", title: "Blue", description: "Dark blue" },
            },
          },
          {
            ...base,
            id: "wamid.flow",
            type: "interactive",
            interactive: {
              type: "nfm_reply",
              nfm_reply: { response_json: '{"ok":true}', body: "Sent", name: "flow" },
            },
          },
          {
            ...base,
            id: "wamid.ad",
            type: "text",
            text: { body: "Is this available?" },
            referral: {
              source_url: "https://fb.me/ad",
              source_id: "120200000000",
              source_type: "ad",
              headline: "Spring",
              body: "All shoes -20%",
              media_type: "image",
              ctwa_clid: "ARAkLkA8rmlFeiCktEJQ",
            },
          },
        ],
      }),
    );
    const [doc, loc, cards, list, flow, ad] = result.items as CustomerAction[];
    expect(doc).toMatchObject({
      text: "my invoice",
      replyTo: { metaMessageId: "wamid.ours" },
      attachments: [
        {
          type: "document",
          mediaId: "1037543291543636",
          mimeType: "application/pdf",
          sha256: "q3Uu",
          filename: "invoice.pdf",
          caption: "my invoice",
        },
      ],
    });
    expect(loc?.location).toEqual({
      latitude: 38.7223,
      longitude: -9.1393,
      name: "Shop",
      address: "Rua 1",
    });
    expect(cards?.contacts).toEqual([
      { name: { formatted_name: "Bo" }, phones: [{ phone: "+1 555" }] },
    ]);
    expect(list).toMatchObject({ text: "Blue", payload: "row-2" });
    expect(flow).toMatchObject({ text: "Sent", payload: '{"ok":true}' });
    expect(ad?.referral).toEqual({
      source: "ad",
      adId: "120200000000",
      sourceUrl: "https://fb.me/ad",
      headline: "Spring",
      body: "All shoes -20%",
      ctwaClid: "ARAkLkA8rmlFeiCktEJQ",
    });
    expect(result.items.every((i) => (i as CustomerAction).opensWindow)).toBe(true);
  });

  it("maps WhatsApp edits, revokes and reaction removals", () => {
    const base = { from: "16505551234", timestamp: "1763726400" };
    const result = normaliseWebhook(
      whatsapp({
        messages: [
          {
            ...base,
            id: "wamid.edit1",
            type: "edit",
            edit: {
              original_message_id: "wamid.orig",
              message: { type: "text", text: { body: "corrected" } },
            },
          },
          {
            ...base,
            id: "wamid.rev1",
            type: "revoke",
            revoke: { original_message_id: "wamid.o2" },
          },
          {
            ...base,
            id: "wamid.unr",
            type: "reaction",
            reaction: { message_id: "wamid.ours", emoji: "" },
          },
        ],
      }),
    );
    const [edit, revoke, removal] = result.items;
    expect(edit as CustomerEdit).toMatchObject({
      type: "customer_edit",
      metaMessageId: "wamid.orig",
      editId: "wamid.edit1",
      text: "corrected",
    });
    expect(revoke as CustomerDeletion).toMatchObject({
      type: "customer_deletion",
      metaMessageId: "wamid.o2",
    });
    expect(removal).toMatchObject({
      kind: "reaction",
      metaMessageId: "wamid.unr",
      opensWindow: false,
      reaction: { emoji: "", action: "unreact", targetMetaMessageId: "wamid.ours" },
    });
    expect((removal as CustomerAction).text).toBeUndefined();
  });
});
