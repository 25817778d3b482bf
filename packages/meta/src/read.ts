// Readers of Meta's webhook JSON. The normalisers read only the fields they need, one by one, and
// keep the item itself as `raw`: no schema copies the whole item, and a field of an unexpected
// type costs only that field, never the customer's message.

export type JsonObject = Record<string, unknown>;

/** The value when it is a JSON object (not an array, not null). */
export function objectOf(value: unknown): JsonObject | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

/** The value when it is an array. */
export function listOf(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

/** The value when it is a string (possibly empty). */
export function stringOf(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/**
 * A Meta id: a non-empty string, or a JSON number taken as its decimal string (replayed fixtures
 * and some of Meta's own examples send ids as numbers). A number beyond 2^53 has already lost
 * digits in JSON.parse: it names someone else, so it is refused rather than guessed.
 */
export function idOf(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() === "" ? undefined : value;
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return String(value);
  return undefined;
}

/**
 * Meta's time in ms. Messenger and Instagram send ms, WhatsApp seconds as a string, and Meta has
 * sent seconds in Messenger items too: any value below 10^11 (a day in 1973 as ms, the year 5138
 * as seconds) is taken as seconds. A number or a string of at most 16 digits; anything else is
 * not a time.
 */
export function timeOf(value: unknown): number | undefined {
  let n: number;
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value) || value < 0) return undefined;
    n = value;
  } else if (typeof value === "string" && DIGITS.test(value)) {
    n = Number(value);
  } else {
    return undefined;
  }
  return n < SECONDS_BELOW ? n * 1000 : n;
}

const DIGITS = /^\d{1,16}$/;
const SECONDS_BELOW = 1e11;

/** A finite number, or a string holding one (coordinates). */
export function numberOf(value: unknown): number | undefined {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) ? n : undefined;
}

/** Copies the defined values only, so an event never carries `"field": undefined`. */
export function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = v;
  return out as T;
}

/**
 * Nesting deeper than this is cut from `raw`. Meta's items are a few levels deep; a signed item
 * nested thousands of levels deep parses, but could not be serialised into its event again (the
 * stack runs out), and the webhook would be refused for ever.
 */
const RAW_MAX_DEPTH = 64;

/**
 * The item itself when it nests at most RAW_MAX_DEPTH levels (the only case Meta produces: no
 * copy is made), else a copy whose deeper values are replaced by the string "…".
 */
export function rawOf(item: JsonObject): JsonObject {
  return depthWithin(item, RAW_MAX_DEPTH) ? item : (cut(item, RAW_MAX_DEPTH) as JsonObject);
}

function depthWithin(root: unknown, max: number): boolean {
  // Iterative: a recursive walk would overflow on exactly the values it is meant to find.
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (typeof value !== "object" || value === null) continue;
    if (depth > max) return false;
    for (const child of Array.isArray(value) ? value : Object.values(value)) {
      if (typeof child === "object" && child !== null) stack.push([child, depth + 1]);
    }
  }
  return true;
}

function cut(value: unknown, levels: number): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (levels <= 0) return "…";
  if (Array.isArray(value)) return value.map((v) => cut(v, levels - 1));
  const out: JsonObject = {};
  for (const [key, v] of Object.entries(value)) out[key] = cut(v, levels - 1);
  return out;
}
