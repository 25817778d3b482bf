import fc from "fast-check";

// Building blocks of the fuzzed webhooks and /v1 requests: odd strings, wrong types, deep nesting.

/** An item of a webhook and, when it is a well-formed customer action, the window it opens. */
export interface FuzzItem {
  value: unknown;
  /** Customer ids whose window the item opens, at Meta's time `atMs`; null for anything else. */
  opener: { userIds: string[]; atMs: number } | null;
}

/**
 * The ids product.md §4.1 lets into a key: 1-128 letters, digits, `.`, `_`, `+`, `-`. An item
 * naming any other id is skipped, so it opens no window however well-formed it is.
 */
export function isAddressable(id: string): boolean {
  return /^[A-Za-z0-9._+-]{1,128}$/.test(id);
}

/** A value that is no Meta id: not a non-empty string, not a non-negative whole number. */
export function notAnId(value: unknown): unknown {
  const isId =
    (typeof value === "string" && value.trim() !== "") ||
    (typeof value === "number" && Number.isSafeInteger(value) && value >= 0);
  return isId ? -1 : value;
}

/** Users shared by well-formed and broken items, so a broken item that moves a window is seen. */
export const userId = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 149 }).map((n) => `fu${n}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "fü-1",
      "ユーザー-2",
      "👩‍💻-3",
      "\u202eRTL-4",
      "zero\u200bwidth-5",
      "nul\u0000byte-6",
      " padded-7 ",
      "{m:tag}-8",
      "colon:9",
    ),
  },
);

// Built once: a binary string arbitrary indexes every Unicode code point when it is created.
const anyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 120 }),
  fc.string({ unit: "grapheme", maxLength: 60 }),
  fc.constantFrom("", "\u0000", "\ud83d\ude00\u200d\u2764", "\u202e\u2066abc", "𝕏".repeat(40)),
);

/** Text as customers write it, and then some: every unit of Unicode, controls, RTL marks, emoji. */
export function oddText(marker: string): fc.Arbitrary<string> {
  return anyText.map((text) => `${marker} ${text}`);
}

/** Values of every JSON type but the one expected, for breaking a field. */
export const wrongType = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 8 }),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.integer(), { maxLength: 3 }),
);

/** A timestamp Meta would never send: wrong type, negative, fractional, too long, not digits. */
export const brokenTimestamp = fc.constantFrom<unknown>(
  true,
  null,
  {},
  [],
  "",
  "12a",
  "-5",
  -5,
  1.5,
  "1.5",
  "１２３",
  "12345678901234567",
  " 123",
);

/** A placeholder the serialiser swaps for `depth` levels of nesting (JSON.stringify would overflow). */
interface DeepPlaceholder {
  token: string;
  depth: number;
  shape: "array" | "object";
}

const deepParts = new Map<string, DeepPlaceholder>();
let deepCounter = 0;

/** A value that serialises to `depth` nested arrays or objects. */
export const deepValue = fc
  .record({
    depth: fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1_000, max: 20_000 })),
    shape: fc.constantFrom<"array" | "object">("array", "object"),
  })
  .map(({ depth, shape }) => {
    deepCounter += 1;
    const token = `__deep_${deepCounter}__`;
    deepParts.set(token, { token, depth, shape });
    return token;
  });

/**
 * Serialises a payload the way Meta does (non-ASCII escaped) or as raw UTF-8, expanding deep
 * placeholders into nested JSON text.
 */
export function serialise(payload: unknown, escapeNonAscii: boolean): string {
  let text = JSON.stringify(payload) ?? "null";
  if (escapeNonAscii) {
    text = text.replace(
      /[\u007f-\uffff]/g,
      (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
    );
  }
  return text.replace(/"(__deep_\d+__)"/g, (_whole, token: string) => {
    const part = deepParts.get(token);
    deepParts.delete(token);
    if (!part) return "null";
    const [open, close] = part.shape === "array" ? ["[", "]"] : ['{"x":', "}"];
    return `${open.repeat(part.depth)}1${close.repeat(part.depth)}`;
  });
}

/** Names of fields Meta does not send (never one the product reads), and prototype tricks. */
const extraKey = fc.oneof(
  { weight: 9, arbitrary: fc.string({ maxLength: 6 }).map((k) => `x_${k}`) },
  { weight: 1, arbitrary: fc.constantFrom("__proto__", "constructor", "toString") },
);

/** Sometimes a couple of unknown fields, some of them deeply nested (built once, drawn often). */
const extras = fc.option(
  fc.dictionary(extraKey, fc.oneof(deepValue, fc.jsonValue({ maxDepth: 2 })), { maxKeys: 2 }),
  { freq: 3 },
);

/** Maybe adds unknown fields (Meta adds fields without notice). */
export function withExtras<T extends object>(value: T): fc.Arbitrary<T> {
  return extras.map((extra) => (extra ? { ...extra, ...value } : value));
}

/** A Meta id: fresh each time, so events are distinct. */
export const metaId = (prefix: string) => fc.uuid().map((u) => `${prefix}${u}`);

const NOW = Date.now();
const HOUR_MS = 3_600_000;

/** Meta's time of a well-formed customer action: 1 to 20 hours ago. */
export const openerTime = fc.integer({ min: NOW - 20 * HOUR_MS, max: NOW - HOUR_MS });

/**
 * The time on anything that must not open a window: later than every well-formed action, so a
 * broken item or a receipt that moved a window would leave it later than expected.
 */
export const laterTime = fc.integer({ min: NOW - HOUR_MS / 2, max: NOW });
