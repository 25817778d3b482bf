import { RelayError, type InboundItem, type Platform } from "@meta-relay/core";
import { ItemCollector, type MalformedItem } from "./item-collector";
import { normaliseMessagingEntry } from "./normalise-messaging";
import { normaliseWhatsAppEntry } from "./normalise-whatsapp";
import { listOf, objectOf } from "./read";

/** Meta's webhook objects this product handles. */
export const WEBHOOK_OBJECTS = ["page", "instagram", "whatsapp_business_account"] as const;
export type WebhookObject = (typeof WEBHOOK_OBJECTS)[number];

const PLATFORM_BY_OBJECT: Record<WebhookObject, Platform> = {
  page: "messenger",
  instagram: "instagram",
  whatsapp_business_account: "whatsapp",
};

/** The platform of a webhook `object`, or null for an object this product does not handle. */
export function platformOfObject(object: string): Platform | null {
  return Object.hasOwn(PLATFORM_BY_OBJECT, object)
    ? PLATFORM_BY_OBJECT[object as WebhookObject]
    : null;
}

export interface NormalisedWebhook {
  /** Meta's `object`, as sent. */
  object: string;
  /** null when the object is not one this product handles (acknowledged and ignored). */
  platform: Platform | null;
  /** Every item of every entry, in payload order. */
  items: InboundItem[];
  /** Items that did not match Meta's shapes: skipped, so the rest of the payload still counts. */
  malformed: MalformedItem[];
  /** How many items were malformed (`malformed` describes the first few). */
  malformedCount: number;
}

/** A body that is JSON but not a Meta webhook at all (no `object`, or `entry` not a list). */
export class InvalidWebhookError extends RelayError<"invalid_payload"> {
  constructor(issue: string) {
    super("invalid_payload", `The body is not a Meta webhook: ${issue}.`, {
      context: { details: { issue } },
    });
  }
}

/**
 * Turns a parsed webhook body into core items: every entry, every `messaging` / `standby` item,
 * every `changes[].value.messages` / `statuses` / `errors` item. Throws InvalidWebhookError only
 * when the envelope itself is wrong; a bad item is skipped and reported in `malformed`. Each item
 * keeps a reference to Meta's own object as `raw`: the caller must not change the payload after.
 */
export function normaliseWebhook(payload: unknown): NormalisedWebhook {
  const body = objectOf(payload);
  if (!body) throw new InvalidWebhookError("body: expected an object");
  const object = body["object"];
  if (typeof object !== "string") throw new InvalidWebhookError("object: expected a string");
  const entry = body["entry"] === undefined ? [] : listOf(body["entry"]);
  if (!entry) throw new InvalidWebhookError("entry: expected a list");
  const platform = platformOfObject(object);
  if (!platform) return { object, platform, items: [], malformed: [], malformedCount: 0 };
  const collector = new ItemCollector(platform);
  const normaliseEntry = platform === "whatsapp" ? normaliseWhatsAppEntry : normaliseMessagingEntry;
  entry.forEach((raw, i) => normaliseEntry(collector, raw, `entry[${i}]`));
  return {
    object,
    platform,
    items: collector.items,
    malformed: collector.malformed,
    malformedCount: collector.malformedCount,
  };
}
