import type { Platform } from "@meta-relay/core";
import { normaliseWebhook } from "@meta-relay/meta";
import { deletedEventId, editedEventId, receivedEventId } from "@meta-relay/queues";
import { DELETED_EXAMPLE, EDITED_EXAMPLES, RECEIVED_EXAMPLES } from "./event-examples";
import { EVENT_DATA_SCHEMAS } from "./event-schemas";
import { buildOpenApiDocument } from "./openapi";
import { eventEnvelopeSchemas } from "./openapi-webhooks";

type Example = { id: string; type: string; data: Record<string, unknown> & { raw: unknown } };

/** The example's Meta item, in the webhook Meta would post it in. */
function webhookOf(example: Example): unknown {
  const { platform, channelId, raw } = example.data as unknown as {
    platform: Platform;
    channelId: string;
    raw: unknown;
  };
  if (platform !== "whatsapp") {
    return {
      object: platform === "messenger" ? "page" : "instagram",
      entry: [{ id: channelId, messaging: [raw] }],
    };
  }
  const profile = example.data["profile"] as { name: string } | undefined;
  const from = (raw as { from: string }).from;
  const value = {
    messaging_product: "whatsapp",
    metadata: { display_phone_number: "15550783881", phone_number_id: channelId },
    contacts: [{ profile: profile ?? { name: "Sim Customer" }, wa_id: from }],
    messages: [raw],
  };
  return {
    object: "whatsapp_business_account",
    entry: [{ id: "1", changes: [{ field: "messages", value }] }],
  };
}

/** What the relay makes of the example's item: the same fields the example shows, and its id. */
function normalised(example: Example): { id: string; data: Record<string, unknown> } {
  const [item] = normaliseWebhook(webhookOf(example)).items;
  if (!item) throw new Error("no item");
  const { timestamp: _t, raw: _r, ...shown } = example.data;
  const pick = (source: object) =>
    Object.fromEntries(
      Object.keys(shown).map((key) => [key, (source as Record<string, unknown>)[key]]),
    );
  if (item.type === "customer_action") return { id: receivedEventId(item), data: pick(item) };
  if (item.type === "customer_edit") return { id: editedEventId(item), data: pick(item) };
  if (item.type === "customer_deletion") return { id: deletedEventId(item), data: pick(item) };
  throw new Error(`unexpected ${item.type}`);
}

describe("the documented customer events", () => {
  const envelopes = eventEnvelopeSchemas();
  const cases: [string, Example, string, keyof typeof EVENT_DATA_SCHEMAS][] = [
    ...RECEIVED_EXAMPLES.map((e): [string, Example, string, "MessageReceivedData"] => [
      `${e.data.platform} ${e.data.kind}`,
      e as Example,
      "MessageReceivedEvent",
      "MessageReceivedData",
    ]),
    ...EDITED_EXAMPLES.map((e): [string, Example, string, "MessageEditedData"] => [
      `${e.data.platform} edit`,
      e as Example,
      "MessageEditedEvent",
      "MessageEditedData",
    ]),
    [
      `${DELETED_EXAMPLE.data.platform} deletion`,
      DELETED_EXAMPLE,
      "MessageDeletedEvent",
      "MessageDeletedData",
    ],
  ];

  it.each(cases)(
    "%s: the example fits its schema, field for field",
    (_label, example, name, data) => {
      expect(envelopes[name]?.safeParse(example).error?.issues ?? []).toEqual([]);
      // No field the schema does not name (the schemas are open to what later releases add).
      const known = Object.keys(EVENT_DATA_SCHEMAS[data].shape);
      expect(Object.keys(example.data).filter((key) => !known.includes(key))).toEqual([]);
    },
  );

  it.each(cases)("%s: the example is what the relay makes of its Meta item", (_label, example) => {
    const made = normalised(example);
    const { timestamp: _t, raw: _r, ...shown } = example.data;
    expect(made.data).toEqual(shown);
    expect(made.id).toBe(example.id);
  });

  it("publishes the examples with their webhooks", () => {
    const doc = buildOpenApiDocument();
    expect(Object.keys(doc.webhooks)).toEqual(
      expect.arrayContaining(["message.received", "message.edited", "message.deleted"]),
    );
    const received = doc.components.schemas["MessageReceivedEvent"] as { examples: unknown[] };
    expect(received.examples).toEqual(RECEIVED_EXAMPLES);
    const deleted = doc.components.schemas["MessageDeletedEvent"] as { examples: unknown[] };
    expect(deleted.examples).toEqual([DELETED_EXAMPLE]);
  });
});
