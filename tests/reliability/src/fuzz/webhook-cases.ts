import type { Platform } from "@meta-relay/core";
import fc from "fast-check";
import { brokenItem, nonOpenerItem, openerItem } from "./messaging-items";
import { deepValue, serialise, wrongType, type FuzzItem } from "./fuzz-values";
import {
  brokenMessage,
  FUZZ_CONTACT,
  nonOpenerMessage,
  openerMessage,
  statusItem,
} from "./whatsapp-items";

/** A window write the webhook must make (one per customer id of a well-formed action). */
interface WindowWrite {
  platform: Platform;
  channelId: string;
  userId: string;
  atMs: number;
}

/** One fuzzed webhook: the exact bytes, the answer it must get, the windows it must move. */
export interface WebhookCase {
  label: string;
  raw: string | Buffer;
  expectStatus: 200 | 400 | 413;
  writes: WindowWrite[];
}

const MAX_BYTES = 3 * 1024 * 1024;
const FUZZ_CHANNELS = {
  messenger: ["fzpage1", "fzpage2"],
  instagram: ["fzig1"],
  whatsapp: ["fzwa1", "fzwa2"],
} as const;

interface Built {
  label: string;
  payload: unknown;
  writes: WindowWrite[];
  /** The answer when the builder knows it (a well-formed envelope: 200; not an object: 400). */
  status?: 200 | 400;
}

// Arbitraries are built once per channel: building one (a binary string's code point table in
// particular) costs far more than drawing a value from it.
const itemArbitraries = new Map<string, fc.Arbitrary<FuzzItem>>();

function messagingItem(channelId: string, marker: string): fc.Arbitrary<FuzzItem> {
  const key = `${channelId}\n${marker}`;
  let arbitrary = itemArbitraries.get(key);
  if (!arbitrary) {
    arbitrary = fc.oneof(
      { weight: 5, arbitrary: openerItem(channelId, marker) },
      { weight: 2, arbitrary: nonOpenerItem(channelId, marker) },
      { weight: 3, arbitrary: brokenItem(channelId, marker) },
    );
    itemArbitraries.set(key, arbitrary);
  }
  return arbitrary;
}

function messagingWebhook(marker: string): fc.Arbitrary<Built> {
  return fc.constantFrom<"page" | "instagram">("page", "instagram").chain((object) => {
    const platform: Platform = object === "page" ? "messenger" : "instagram";
    const channel = fc.constantFrom(...FUZZ_CHANNELS[platform]);
    const entry = channel.chain((id) =>
      fc.record({
        id: fc.constant(id),
        messaging: fc.array(messagingItem(id, marker), { maxLength: 5 }),
        standby: fc.array(messagingItem(id, marker), { maxLength: 2 }),
        broken: fc.option(wrongType, { freq: 10 }),
      }),
    );
    return fc.array(entry, { minLength: 1, maxLength: 3 }).map((entries) => {
      const writes: WindowWrite[] = [];
      const payloadEntries = entries.map((e) => {
        const items = [...e.messaging, ...e.standby];
        // A broken entry (id of the wrong type, or a list that is not a list) loses all its items;
        // an id sent as a whole number is that number's decimal string.
        const channel = e.broken === null ? e.id : numericId(e.broken);
        if (channel !== null) {
          for (const item of items) writes.push(...writesOf(platform, channel, item));
        }
        const body = {
          id: e.id,
          time: Date.now(),
          messaging: e.messaging.map((i) => i.value),
          ...(e.standby.length > 0 ? { standby: e.standby.map((i) => i.value) } : {}),
        };
        if (e.broken === null) return body;
        return typeof e.broken === "string"
          ? { ...body, messaging: e.broken }
          : { ...body, id: e.broken };
      });
      return {
        label: `${object} webhook`,
        payload: { object, entry: payloadEntries },
        writes,
        status: 200,
      };
    });
  });
}

function whatsappWebhook(marker: string): fc.Arbitrary<Built> {
  const item = fc.oneof(
    { weight: 5, arbitrary: openerMessage(marker) },
    { weight: 2, arbitrary: nonOpenerMessage() },
    { weight: 3, arbitrary: brokenMessage(marker) },
  );
  const change = fc.record({
    channel: fc.constantFrom(...FUZZ_CHANNELS.whatsapp),
    messages: fc.array(item, { maxLength: 4 }),
    statuses: fc.array(statusItem(), { maxLength: 2 }),
    field: fc.constantFrom("messages", "messages", "messages", "message_template_status_update"),
    brokenMetadata: fc.option(
      fc.constantFrom<unknown>(undefined, {}, { phone_number_id: "" }, { phone_number_id: 5.5 }),
      { freq: 10 },
    ),
  });
  return fc.array(change, { minLength: 1, maxLength: 3 }).map((changes) => {
    const writes: WindowWrite[] = [];
    const payloadChanges = changes.map((c) => {
      if (c.field === "messages" && c.brokenMetadata === null) {
        for (const m of c.messages) writes.push(...writesOf("whatsapp", c.channel, m));
      }
      const metadata =
        c.brokenMetadata === null
          ? { display_phone_number: "15550783881", phone_number_id: c.channel }
          : c.brokenMetadata;
      return {
        field: c.field,
        value: {
          messaging_product: "whatsapp",
          ...(metadata === undefined ? {} : { metadata }),
          contacts: [{ profile: { name: "Fuzz" }, wa_id: FUZZ_CONTACT }],
          messages: c.messages.map((m) => m.value),
          ...(c.statuses.length > 0 ? { statuses: c.statuses } : {}),
        },
      };
    });
    return {
      label: "whatsapp webhook",
      status: 200 as const,
      payload: {
        object: "whatsapp_business_account",
        entry: [{ id: "waba-fz", changes: payloadChanges }],
      },
      writes,
    };
  });
}

/** The channel id a broken entry's `id` still is: a whole number, as its decimal string. */
function numericId(value: unknown): string | null {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0
    ? String(value)
    : null;
}

function writesOf(platform: Platform, channelId: string, item: FuzzItem): WindowWrite[] {
  if (!item.opener) return [];
  const { atMs } = item.opener;
  return item.opener.userIds.map((userId) => ({ platform, channelId, userId, atMs }));
}

/** Anything JSON: the answer depends only on whether it looks like a webhook envelope. */
const garbage: fc.Arbitrary<Built> = fc
  .oneof(
    fc.jsonValue({ maxDepth: 5 }),
    fc.record({
      object: fc.oneof(
        fc.string(),
        fc.constantFrom("page", "instagram", "whatsapp_business_account"),
      ),
      entry: fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.array(fc.jsonValue({ maxDepth: 4 }))),
    }),
    deepValue,
    fc.record({
      object: fc.constantFrom("page", "whatsapp_business_account"),
      entry: fc.oneof(deepValue, fc.array(deepValue, { maxLength: 2 })),
    }),
    deepValue.map((deep) => ({ object: "page", entry: [{ id: "fzpage1", messaging: [deep] }] })),
  )
  .map((payload) => ({ label: "garbage json", payload, writes: [] }));

/** Huge lists within the 3 MiB limit: of junk, of receipts, or of well-formed messages. */
function hugeArrays(marker: string): fc.Arbitrary<Built> {
  return fc.oneof(
    fc.integer({ min: 100_000, max: 1_000_000 }).map((n) => ({
      label: "huge array of junk",
      status: 200 as const,
      payload: {
        object: "page",
        entry: [{ id: "fzpage1", messaging: new Array<number>(n).fill(0) }],
      },
      writes: [],
    })),
    fc.integer({ min: 1_000, max: 20_000 }).map((n) => ({
      label: "huge array of junk objects",
      status: 200 as const,
      payload: {
        object: "instagram",
        entry: [{ id: "fzig1", messaging: new Array<object>(n).fill({ sender: 1 }) }],
      },
      writes: [],
    })),
    fc.integer({ min: 100_000, max: 400_000 }).map((n) => ({
      label: "huge top-level array",
      status: 400 as const,
      payload: new Array<number>(n).fill(1),
      writes: [],
    })),
    fc.array(openerItem("fzpage2", marker), { minLength: 500, maxLength: 2_000 }).map((items) => ({
      label: "huge batch of messages",
      status: 200 as const,
      payload: { object: "page", entry: [{ id: "fzpage2", messaging: items.map((i) => i.value) }] },
      writes: items.flatMap((i) => writesOf("messenger", "fzpage2", i)),
    })),
  );
}

/** Bytes that are not JSON at all (or not UTF-8). */
const notJson: fc.Arbitrary<WebhookCase> = fc
  .oneof(
    fc.string({ unit: "binary", maxLength: 200 }).map((text) => Buffer.from(text, "utf8")),
    fc.constant(Buffer.from('\ufeff{"object":"page","entry":[]}', "utf8")),
    fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
    fc.constant(
      Buffer.concat([
        Buffer.from('{"object":"page","entry":[],"x":"'),
        Buffer.from([0xff, 0xfe, 0xc3]),
        Buffer.from('"}'),
      ]),
    ),
  )
  .map((raw) => ({ label: "not json", raw, expectStatus: expectedStatus(raw), writes: [] }));

/** Every kind of fuzzed webhook, weighted towards structured payloads. */
export function webhookCase(marker: string): fc.Arbitrary<WebhookCase> {
  const known = caseArbitraries.get(marker);
  if (known) return known;
  const built = fc.oneof(
    { weight: 30, arbitrary: messagingWebhook(marker) },
    { weight: 25, arbitrary: whatsappWebhook(marker) },
    { weight: 10, arbitrary: garbage },
    { weight: 1, arbitrary: hugeArrays(marker) },
  );
  const serialised = fc.tuple(built, fc.boolean()).map(([b, escape]): WebhookCase => {
    const raw = serialise(b.payload, escape);
    const expectStatus =
      b.status === undefined
        ? expectedStatus(raw)
        : Buffer.byteLength(raw) > MAX_BYTES
          ? 413
          : b.status;
    return { label: b.label, raw, expectStatus, writes: b.writes };
  });
  const arbitrary = fc.oneof(
    { weight: 66, arbitrary: serialised },
    { weight: 4, arbitrary: notJson },
  );
  caseArbitraries.set(marker, arbitrary);
  return arbitrary;
}

const caseArbitraries = new Map<string, fc.Arbitrary<WebhookCase>>();

/** What the ingress must answer, from the bytes alone: 413, 400 (not JSON, not an envelope) or 200. */
function expectedStatus(raw: string | Buffer): 200 | 400 | 413 {
  if (Buffer.byteLength(raw) > MAX_BYTES) return 413;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.isBuffer(raw) ? raw.toString("utf8") : raw);
  } catch {
    return 400;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return 400;
  const { object, entry } = value as { object?: unknown; entry?: unknown };
  if (typeof object !== "string") return 400;
  return entry === undefined || Array.isArray(entry) ? 200 : 400;
}
