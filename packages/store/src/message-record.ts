import {
  MESSAGE_STATUSES,
  isPlatform,
  messageKind,
  type MessageContent,
  type MessageFailure,
  type MessageKind,
  type MessageStatus,
  type MessagingType,
  type Platform,
  type Sender,
  type WindowDocument,
} from "@meta-relay/core";
import { pairsToRecord } from "./lua/run-script";

/** An outbound message as stored: one hash in its channel's slot. */
export interface MessageRecord {
  id: string;
  platform: Platform;
  channelId: string;
  userId: string;
  sender: Sender;
  content: MessageContent;
  kind: MessageKind;
  status: MessageStatus;
  /** ms (Redis clock). */
  createdAt: number;
  sentAt: number | null;
  metaMessageId: string | null;
  /** Graph API calls made for this message. */
  attempts: number;
  failure: MessageFailure | null;
  /** The window document at the time of the failure decision (for message.failed). */
  failureWindow: WindowDocument | null;
  messagingType: MessagingType | null;
  tag: "HUMAN_AGENT" | null;
  /** Set before a Graph call, cleared when Meta's answer is recorded: an attempt with no known outcome. */
  sending: { attempt: number; startedAt: number } | null;
  /** An earlier attempt ended without a known outcome (timeout, lost connection, crash). */
  unknownOutcome: boolean;
  /** The earliest time (ms) of the next attempt after a retryable failure. */
  nextAttemptAt: number | null;
}

/** The fields a new message is written with (HSET pairs). */
export function newMessageFields(input: {
  id: string;
  platform: Platform;
  channelId: string;
  userId: string;
  sender: Sender;
  content: MessageContent;
}): string[] {
  const fields = [
    "id",
    input.id,
    "platform",
    input.platform,
    "channelId",
    input.channelId,
    "userId",
    input.userId,
    "senderType",
    input.sender.type,
    "content",
    JSON.stringify(input.content),
    "kind",
    messageKind(input.content),
    "status",
    "queued",
    "attempts",
    "0",
  ];
  if (input.sender.id !== undefined) fields.push("senderId", input.sender.id);
  return fields;
}

/** A message hash (HGETALL, or a Lua script's flat pairs) as a typed record; null when absent. */
export function parseMessage(raw: Record<string, string> | unknown[]): MessageRecord | null {
  const h = Array.isArray(raw) ? pairsToRecord(raw) : raw;
  const platform = h["platform"];
  const status = h["status"] as MessageStatus | undefined;
  if (!h["id"] || !isPlatform(platform) || !status || !MESSAGE_STATUSES.includes(status)) {
    return null;
  }
  const sender: Sender = { type: h["senderType"] === "bot" ? "bot" : "agent" };
  if (h["senderId"] !== undefined) sender.id = h["senderId"];
  return {
    id: h["id"],
    platform,
    channelId: h["channelId"] ?? "",
    userId: h["userId"] ?? "",
    sender,
    content: json<MessageContent>(h["content"]) ?? { text: "" },
    kind: (h["kind"] as MessageKind | undefined) ?? "text",
    status,
    createdAt: Number(h["createdAt"] ?? 0),
    sentAt: num(h["sentAt"]),
    metaMessageId: h["metaMessageId"] ?? null,
    attempts: Number(h["attempts"] ?? 0),
    failure: json<MessageFailure>(h["failure"]),
    failureWindow: json<WindowDocument>(h["failureWindow"]),
    messagingType: (h["messagingType"] as MessagingType | undefined) || null,
    tag: h["tag"] === "HUMAN_AGENT" ? "HUMAN_AGENT" : null,
    sending: parseSending(h["sending"]),
    unknownOutcome: h["unknownOutcome"] === "1",
    nextAttemptAt: num(h["nextAttemptAt"]),
  };
}

function num(value: string | undefined): number | null {
  return value === undefined || value === "" ? null : Number(value);
}

function json<T>(value: string | undefined): T | null {
  if (!value) return null;
  try {
    return JSON.parse(value) as T;
  } catch {
    return null;
  }
}

function parseSending(value: string | undefined): MessageRecord["sending"] {
  if (!value) return null;
  const [attempt, startedAt] = value.split(":").map(Number);
  return { attempt: attempt ?? 0, startedAt: startedAt ?? 0 };
}
