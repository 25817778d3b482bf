import {
  humanAgentNotApproved,
  invalidParameter,
  outsideWindow,
  type GraphError,
} from "./graph-errors";
import { newMid } from "./ids";
import type { SimChannel } from "./types";
import { isRecord, stringField, type SendFacts, type Verdict } from "./verdict";
import { HUMAN_AGENT_WINDOW_MS, STANDARD_WINDOW_MS, type WindowBook } from "./windows";

type PagePlatform = "messenger" | "instagram";

const MESSAGING_TYPES = new Set(["RESPONSE", "UPDATE", "MESSAGE_TAG"]);
/** Retired by Meta on 2026-04-27: every request carrying one gets error 100. */
const RETIRED_TAGS = new Set(["ACCOUNT_UPDATE", "CONFIRMED_EVENT_UPDATE", "POST_PURCHASE_UPDATE"]);
/** The subcode production saw on retired-tag refusals. */
const RETIRED_TAG_SUBCODE = 1893061;
const SENDER_ACTIONS = new Set(["typing_on", "typing_off", "mark_seen"]);
const ATTACHMENT_TYPES = new Set(["image", "video", "audio", "file", "template"]);

export function messengerFacts(body: unknown): SendFacts {
  const facts: SendFacts = {
    userId: stringField(isRecord(body) ? body.recipient : undefined, "id") ?? "",
  };
  const messagingType = stringField(body, "messaging_type");
  const tag = stringField(body, "tag");
  if (messagingType !== undefined) facts.messagingType = messagingType;
  if (tag !== undefined) facts.tag = tag;
  return facts;
}

/** Meta's Send API rules for Messenger and Instagram (the Messenger Platform flavour). */
export function judgeMessengerSend(
  channel: SimChannel & { platform: PagePlatform },
  body: unknown,
  windows: WindowBook,
  nowMs: number,
): Verdict {
  const facts = messengerFacts(body);
  if (!isRecord(body) || facts.userId === "") {
    return refuse(invalidParameter("The parameter recipient is required"));
  }
  if (body.message === undefined && body.sender_action !== undefined) {
    return judgeSenderAction(channel, body.sender_action, facts.userId, windows, nowMs);
  }
  const shapeError = messagingTypeError(facts) ?? messageError(channel.platform, body.message);
  if (shapeError) return refuse(shapeError);
  const windowError = windowRuleError(channel, facts, windows, nowMs);
  if (windowError) return refuse(windowError);
  const mid = newMid();
  return {
    kind: "accept",
    metaMessageId: mid,
    response: { recipient_id: facts.userId, message_id: mid },
  };
}

function judgeSenderAction(
  channel: SimChannel & { platform: PagePlatform },
  action: unknown,
  userId: string,
  windows: WindowBook,
  nowMs: number,
): Verdict {
  if (typeof action !== "string" || !SENDER_ACTIONS.has(action)) {
    return refuse(
      invalidParameter("Param sender_action must be one of {typing_on, typing_off, mark_seen}"),
    );
  }
  if (!windows.isOpen(channel.platform, channel.channelId, userId, STANDARD_WINDOW_MS, nowMs)) {
    return refuse(outsideWindow(channel.platform));
  }
  return { kind: "accept", metaMessageId: undefined, response: { recipient_id: userId } };
}

function messagingTypeError(facts: SendFacts): GraphError | undefined {
  if (facts.messagingType === undefined) {
    return invalidParameter("The parameter messaging_type is required");
  }
  if (!MESSAGING_TYPES.has(facts.messagingType)) {
    return invalidParameter("Param messaging_type must be one of {RESPONSE, UPDATE, MESSAGE_TAG}");
  }
  if (facts.messagingType !== "MESSAGE_TAG") return undefined;
  if (facts.tag === undefined) return invalidParameter("The parameter tag is required");
  if (RETIRED_TAGS.has(facts.tag)) {
    return invalidParameter(`Tag ${facts.tag} is no longer supported`, RETIRED_TAG_SUBCODE);
  }
  // HUMAN_AGENT is the one general-purpose tag left (and the only one Instagram ever had).
  if (facts.tag !== "HUMAN_AGENT") return invalidParameter("Param tag must be HUMAN_AGENT");
  return undefined;
}

function messageError(platform: PagePlatform, message: unknown): GraphError | undefined {
  if (!isRecord(message)) return invalidParameter("The parameter message is required");
  const hasText = message.text !== undefined;
  const hasAttachment = message.attachment !== undefined;
  if (hasText === hasAttachment) {
    return invalidParameter("Param message must have exactly one of text or attachment");
  }
  const metadata = message.metadata;
  if (metadata !== undefined && (typeof metadata !== "string" || metadata.length >= 1000)) {
    return invalidParameter(
      "Param message[metadata] must be a string of less than 1000 characters",
    );
  }
  return hasText ? textError(platform, message.text) : attachmentError(message.attachment);
}

function textError(platform: PagePlatform, text: unknown): GraphError | undefined {
  if (typeof text !== "string" || text.length === 0) {
    return invalidParameter("Param message[text] must be a non-empty UTF-8 string");
  }
  // Messenger counts characters (under 2000); Instagram counts bytes (at most 1000).
  const tooLong =
    platform === "instagram" ? Buffer.byteLength(text, "utf8") > 1000 : text.length >= 2000;
  return tooLong ? invalidParameter("Param message[text] is too long") : undefined;
}

function attachmentError(attachment: unknown): GraphError | undefined {
  const type = stringField(attachment, "type");
  if (type === undefined || !ATTACHMENT_TYPES.has(type)) {
    return invalidParameter(
      "Param message[attachment][type] must be one of {image, video, audio, file, template}",
    );
  }
  return isRecord(attachment) && isRecord(attachment.payload)
    ? undefined
    : invalidParameter("The parameter message[attachment][payload] is required");
}

function windowRuleError(
  channel: SimChannel & { platform: PagePlatform },
  facts: SendFacts,
  windows: WindowBook,
  nowMs: number,
): GraphError | undefined {
  const { platform, channelId } = channel;
  if (facts.messagingType === "MESSAGE_TAG") {
    if (!channel.humanAgent) return humanAgentNotApproved();
    const open = windows.isOpen(platform, channelId, facts.userId, HUMAN_AGENT_WINDOW_MS, nowMs);
    return open ? undefined : outsideWindow(platform);
  }
  const open = windows.isOpen(platform, channelId, facts.userId, STANDARD_WINDOW_MS, nowMs);
  return open ? undefined : outsideWindow(platform);
}

function refuse(error: GraphError): Verdict {
  return { kind: "refuse", error };
}
