import fc from "fast-check";
import { deepValue, oddText, serialise, wrongType } from "./fuzz-values";

// Fuzzed /v1 requests: bodies and path parameters, each with the answers it may get. A 5xx is
// never among them.

/** One /v1 request and the statuses it may be answered with. */
export interface ApiCase {
  label: string;
  method: "GET" | "PUT" | "POST" | "DELETE" | "PATCH" | "OPTIONS";
  path: string;
  body?: string | Buffer;
  allowed: number[];
  /** A scoped key to call with instead of the admin key. */
  key?: string;
}

/** The scoped keys the fuzz creates first: `send` on the Messenger channel, `read` on WhatsApp. */
export interface FuzzKeys {
  send: string;
  read: string;
}

/** The scopes of FuzzKeys, as POST /v1/keys takes them. */
export const FUZZ_KEY_SCOPES = { send: ["messenger/fzapi-page"], read: ["whatsapp/*"] } as const;

/** The channels the fuzz connects first (never deleted by it). */
export const API_CHANNELS = [
  { platform: "messenger", id: "fzapi-page" },
  { platform: "instagram", id: "fzapi-ig" },
  { platform: "whatsapp", id: "fzapi-wa" },
] as const;

const ID_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._+-";
const goodId = fc.string({ unit: fc.constantFrom(...ID_CHARS), minLength: 1, maxLength: 40 });

/** Path segments that are not ids: any Unicode (encoded), broken escapes, traversal, huge. */
const badSegment = fc.oneof(
  fc.string({ unit: "binary", minLength: 1, maxLength: 40 }).map(encodeURIComponent),
  fc.constantFrom(
    "%",
    "%E0%A4%A",
    "%zz",
    "%00",
    "%C0%AF",
    "..",
    "%2e%2e",
    "a%2Fb",
    "%F0%9F%98",
    "{m:x}",
    "a:b",
    "x".repeat(5_000),
  ),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 }).map(encodeURIComponent),
);

const segment = fc.oneof({ weight: 2, arbitrary: goodId }, { weight: 3, arbitrary: badSegment });
const platform = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("messenger", "instagram", "whatsapp") },
  { weight: 1, arbitrary: segment },
);

function messageContent(marker: string, channel: (typeof API_CHANNELS)[number]) {
  const text = oddText(marker).map((t) => ({ text: t.slice(0, 300) }));
  const attachment = fc
    .record({
      type: fc.constantFrom("image", "video", "audio", "file"),
      url: fc.webUrl({ validSchemes: ["https"] }),
    })
    .map((a) => ({ attachment: a }));
  const template = fc
    .record({ name: goodId, language: fc.constantFrom("en_US", "de", "pt_BR") })
    .map((t) => ({ template: t }));
  return channel.platform === "whatsapp"
    ? fc.oneof(text, attachment, template)
    : fc.oneof(text, attachment);
}

/** A well-formed POST /v1/messages body for one of the fuzz's channels. */
function validMessage(marker: string) {
  return fc.constantFrom(...API_CHANNELS).chain((channel) =>
    fc.record({
      channel: fc.constant({ platform: channel.platform, id: channel.id }),
      recipient: fc.record({ id: goodId }),
      sender: fc.record({
        type: fc.constantFrom("agent", "bot"),
        id: fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: undefined }),
      }),
      message: messageContent(marker, channel),
      idempotencyKey: fc.option(fc.string({ unit: "binary", minLength: 1, maxLength: 40 }), {
        nil: undefined,
      }),
    }),
  );
}

/** A body with one field broken: wrong type, missing, unknown, too long, nested deep. */
function brokenMessage(marker: string) {
  const breaks: fc.Arbitrary<(b: Record<string, unknown>) => unknown> = fc.oneof(
    fc
      .constantFrom("channel", "recipient", "sender", "message")
      .map((key) => (b: Record<string, unknown>) => {
        const { [key]: _gone, ...rest } = b;
        return rest;
      }),
    fc
      .tuple(
        fc.constantFrom("channel", "recipient", "sender", "message", "idempotencyKey"),
        wrongType,
      )
      .map(([key, bad]) => (b: Record<string, unknown>) => ({ ...b, [key]: bad })),
    wrongType.map((bad) => (b: Record<string, unknown>) => ({ ...b, recipient: { id: bad } })),
    segment.map((id) => (b: Record<string, unknown>) => ({
      ...b,
      recipient: { id: decodeSafe(id) },
    })),
    fc.constant((b: Record<string, unknown>) => ({ ...b, extra: true })),
    fc.constant((b: Record<string, unknown>) => ({
      ...b,
      message: { text: `${marker} ${"x".repeat(5_000)}` },
    })),
    fc.constant((b: Record<string, unknown>) => ({
      ...b,
      message: { text: "a", template: { name: "t", language: "en" } },
    })),
    deepValue.map((deep) => (b: Record<string, unknown>) => ({
      ...b,
      message: { template: { name: "t", language: "en_US", components: [deep] } },
    })),
    deepValue.map((deep) => (b: Record<string, unknown>) => ({ ...b, sender: deep })),
    fc.constant((b: Record<string, unknown>) => ({
      ...b,
      channel: { platform: "messenger", id: "fzapi-unknown" },
    })),
  );
  return fc.tuple(validMessage(marker), breaks).map(([body, apply]) => apply(body));
}

function decodeSafe(segmentText: string): string {
  try {
    return decodeURIComponent(segmentText);
  } catch {
    return segmentText;
  }
}

function channelBody(token: string) {
  return fc.record({
    accessToken: fc.constant(token),
    humanAgent: fc.option(fc.boolean(), { nil: undefined }),
    name: fc.option(fc.string({ unit: "grapheme", minLength: 1, maxLength: 50 }), {
      nil: undefined,
    }),
    pageId: fc.option(goodId, { nil: undefined }),
    pacing: fc.option(fc.record({ perSecond: fc.integer({ min: 1, max: 100 }) }), {
      nil: undefined,
    }),
    // This suite has no Meta: connects that would verify or subscribe are not what it fuzzes.
    verify: fc.constant(false),
    subscribe: fc.constant(false),
  });
}

const json = (value: unknown) => serialise(value, false);

const scope = fc.oneof(
  fc
    .tuple(
      fc.constantFrom("messenger", "instagram", "whatsapp"),
      fc.oneof(goodId, fc.constant("*")),
    )
    .map(([p, id]) => `${p}/${id}`),
);
const validKeyBody = fc.record({
  name: fc.string({ unit: "grapheme", minLength: 1, maxLength: 50 }),
  access: fc.constantFrom("send", "read"),
  channels: fc.array(scope, { minLength: 1, maxLength: 5 }),
});
/** A POST /v1/keys body with one field broken. */
const brokenKeyBody = fc
  .tuple(
    validKeyBody,
    fc.oneof(
      fc.constantFrom("name", "access", "channels").map((key) => (b: Record<string, unknown>) => {
        const { [key]: _gone, ...rest } = b;
        return rest;
      }),
      // Not a string: a short string is a valid name (and could be "send").
      fc
        .tuple(
          fc.constantFrom("name", "access", "channels"),
          wrongType.filter((v) => typeof v !== "string"),
        )
        .map(([key, bad]) => (b: Record<string, unknown>) => ({ ...b, [key]: bad })),
      fc
        .oneof(
          segment,
          fc.constantFrom("*/*", "messenger", "messenger/", "telegram/1", "whatsapp/**", "a/b/c"),
        )
        .map((bad) => (b: Record<string, unknown>) => ({ ...b, channels: [bad] })),
      fc.constant((b: Record<string, unknown>) => ({ ...b, channels: [] })),
      fc.constant((b: Record<string, unknown>) => ({
        ...b,
        channels: Array.from({ length: 101 }, (_, n) => `messenger/p${n}`),
      })),
      fc.constant((b: Record<string, unknown>) => ({ ...b, name: "n".repeat(201) })),
      fc.constant((b: Record<string, unknown>) => ({ ...b, key: "mrk_chosen-by-client" })),
      deepValue.map((deep) => (b: Record<string, unknown>) => ({ ...b, channels: deep })),
    ),
  )
  .map(([body, apply]) => apply(body));

/** /v1/keys: created keys, broken bodies, listing, deleting what does not exist. */
function keyCase(): fc.Arbitrary<ApiCase> {
  const hex = fc.string({
    unit: fc.constantFrom(..."0123456789abcdef"),
    minLength: 20,
    maxLength: 20,
  });
  return fc.oneof(
    validKeyBody.map((b): ApiCase => ({
      label: "create key",
      method: "POST",
      path: "/v1/keys",
      body: json(b),
      allowed: [201, 409],
    })),
    fc.oneof(brokenKeyBody, fc.jsonValue({ maxDepth: 3 })).map((b): ApiCase => ({
      label: "broken key",
      method: "POST",
      path: "/v1/keys",
      body: json(b),
      allowed: [400],
    })),
    fc.constant<ApiCase>({ label: "list keys", method: "GET", path: "/v1/keys", allowed: [200] }),
    fc
      .oneof(
        segment,
        hex.map((h) => `key_${h}`),
      )
      .map((id): ApiCase => ({
        label: "delete key",
        method: "DELETE",
        path: `/v1/keys/${id}`,
        allowed: [400, 404],
      })),
  );
}

const WRITES = new Set(["PUT", "POST", "DELETE"]);

/** What a scoped key may be answered: never a success where its access or scope forbids one. */
function scopedAllowed(c: ApiCase, access: keyof FuzzKeys): number[] {
  // Key management: refused before the id is read (400 only for a path that cannot be decoded).
  if (c.path.startsWith("/v1/keys")) return [400, 403];
  const write = WRITES.has(c.method) && /^\/v1\/(channels|messages)/.test(c.path);
  const base = access === "read" && write ? c.allowed.filter((s) => s >= 400) : c.allowed;
  return [...new Set([...base, 403, 404])];
}

/**
 * Every kind of fuzzed /v1 request, with the admin key or now and then one of the scoped keys: a
 * scoped key may also be answered 403 (a write with the read key, key management) or 404 (a
 * channel outside its scope).
 */
export function apiCase(marker: string, token: string, keys: FuzzKeys): fc.Arbitrary<ApiCase> {
  const admin = fc.oneof(
    { weight: 9, arbitrary: adminCase(marker, token) },
    { weight: 1, arbitrary: keyCase() },
  );
  const scoped = fc
    .tuple(admin, fc.constantFrom<keyof FuzzKeys>("send", "read"))
    .map(([c, access]): ApiCase => ({
      ...c,
      label: `scoped ${access} key`,
      key: keys[access],
      allowed: scopedAllowed(c, access),
    }));
  return fc.oneof({ weight: 5, arbitrary: admin }, { weight: 1, arbitrary: scoped });
}

/** The fuzzed requests of the channel and message routes; `token` is the access token they use. */
function adminCase(marker: string, token: string): fc.Arbitrary<ApiCase> {
  const post = (label: string, body: fc.Arbitrary<unknown>, allowed: number[]) =>
    body.map((b): ApiCase => ({
      label,
      method: "POST",
      path: "/v1/messages",
      body: json(b),
      allowed,
    }));
  return fc.oneof(
    { weight: 4, arbitrary: post("valid message", validMessage(marker), [202]) },
    { weight: 6, arbitrary: post("broken message", brokenMessage(marker), [202, 400, 404]) },
    { weight: 2, arbitrary: post("garbage body", fc.jsonValue({ maxDepth: 4 }), [400]) },
    {
      weight: 1,
      arbitrary: fc
        .oneof(
          fc.string({ unit: "binary", maxLength: 100 }),
          fc.constant("{"),
          fc.constant("\ufeff{}"),
        )
        .map((raw): ApiCase => ({
          label: "not json",
          method: "POST",
          path: "/v1/messages",
          body: raw,
          allowed: [400],
        })),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 270_000, max: 600_000 }).map((n): ApiCase => ({
        label: "oversized body",
        method: "POST",
        path: "/v1/messages",
        body: json({ pad: "x".repeat(n) }),
        allowed: [413],
      })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          platform,
          segment,
          fc.oneof(channelBody(token), wrongType, fc.jsonValue({ maxDepth: 3 })),
        )
        .map(([p, id, body]): ApiCase => ({
          label: "put channel",
          method: "PUT",
          path: `/v1/channels/${p}/${id === API_CHANNELS[0].id ? `${id}x` : id}`,
          body: json(body),
          allowed: [200, 201, 400, 404],
        })),
    },
    {
      weight: 4,
      arbitrary: fc.oneof(
        fc.tuple(platform, segment).map(([p, id]) => ({
          label: "get channel",
          method: "GET" as const,
          path: `/v1/channels/${p}/${id}`,
          allowed: [200, 400, 404],
        })),
        fc.tuple(platform, segment, segment).map(([p, c, u]) => ({
          label: "get conversation",
          method: "GET" as const,
          path: `/v1/conversations/${p}/${c}/${u}`,
          allowed: [200, 400, 404],
        })),
        segment.map((id) => ({
          label: "get message",
          method: "GET" as const,
          path: `/v1/messages/${id}`,
          allowed: [200, 400, 404],
        })),
        fc.tuple(platform, segment).map(([p, id]) => ({
          label: "delete channel",
          method: "DELETE" as const,
          path: `/v1/channels/${p}/${id.startsWith("fzapi") ? `x${id}` : id}`,
          allowed: [204, 400, 404],
        })),
        fc
          .tuple(fc.constantFrom<"PATCH" | "OPTIONS">("PATCH", "OPTIONS"), segment)
          .map(([method, id]) => ({
            label: "other method",
            method,
            path: `/v1/messages/${id}`,
            allowed: [200, 204, 400, 404, 405],
          })),
        fc.tuple(segment, segment).map(([a, b]) => ({
          label: "unknown route",
          method: "GET" as const,
          path: `/v1/${a}/${b}`,
          allowed: [400, 404],
        })),
      ),
    },
  );
}
