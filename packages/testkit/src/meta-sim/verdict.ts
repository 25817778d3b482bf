import type { GraphError } from "./graph-errors";

/** What the fake Graph API decided about one well-routed send. */
export type Verdict =
  | { kind: "accept"; metaMessageId: string | undefined; response: object }
  | { kind: "refuse"; error: GraphError }
  /** WhatsApp async mode: answered like an accepted send, failed later by a status webhook. */
  | { kind: "accept-then-fail"; metaMessageId: string; response: object; error: GraphError };

/** The routing facts of a send body, recorded whatever the verdict. */
export interface SendFacts {
  userId: string;
  messagingType?: string;
  tag?: string;
  waType?: string;
  senderAction?: string;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function stringField(record: unknown, key: string): string | undefined {
  if (!isRecord(record)) return undefined;
  const value = record[key];
  return typeof value === "string" ? value : undefined;
}
