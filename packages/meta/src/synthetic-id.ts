import { createHash } from "node:crypto";
import type { CustomerActionKind, Platform } from "@meta-relay/core";

export interface SyntheticIdInput {
  platform: Platform;
  channelId: string;
  userId: string;
  /** The action's kind, or `edit` for an edit without Meta's count of it. */
  kind: CustomerActionKind | "edit";
  /** Meta's event time (ms). */
  timestampMs: number;
  /** The part of the webhook item that describes the action (the reaction, the referral…). */
  payload: unknown;
}

/**
 * A stable id for a customer action Meta gives no id of its own (a reaction, a referral, a postback
 * without `mid`). Built only from what Meta sends, so a redelivered webhook maps to the same id and
 * the action still yields one event.
 */
export function syntheticActionId(input: SyntheticIdInput): string {
  const digest = createHash("sha256")
    .update(
      [
        input.platform,
        input.channelId,
        input.userId,
        input.kind,
        String(input.timestampMs),
        canonicalJson(input.payload),
      ].join("\n"),
    )
    .digest("base64url")
    .slice(0, 27);
  return `syn.${input.kind}.${digest}`;
}

/**
 * Nesting deeper than this is hashed as a fixed marker. Meta's actions are a few levels deep; a
 * signed payload nested thousands of levels deep must not overflow the stack (and answer 5xx).
 */
export const CANONICAL_MAX_DEPTH = 64;

/** JSON with object keys sorted, so a redelivery that reorders keys still hashes the same. */
export function canonicalJson(value: unknown, depth = 0): string {
  if (value !== null && typeof value === "object" && depth >= CANONICAL_MAX_DEPTH) return '"…"';
  const inner = (v: unknown) => canonicalJson(v, depth + 1);
  if (Array.isArray(value)) return `[${value.map(inner).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${inner(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
