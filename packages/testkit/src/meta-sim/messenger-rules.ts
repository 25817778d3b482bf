import {
  humanAgentNotApproved,
  invalidParameter,
  outsideWindow,
  utilityPermissionMissing,
  utilityTemplateRefused,
  type GraphError,
} from "./graph-errors";
import { pageMessageError } from "./messenger-message-rules";
import { newMid } from "./ids";
import type { SimChannel } from "./types";
import { isRecord, stringField, type SendFacts, type Verdict } from "./verdict";
import { HUMAN_AGENT_WINDOW_MS, STANDARD_WINDOW_MS, type WindowBook } from "./windows";

type PagePlatform = "messenger" | "instagram";

const MESSAGING_TYPES = new Set(["RESPONSE", "UPDATE", "MESSAGE_TAG", "UTILITY"]);
/** Retired by Meta on 2026-04-27: every request carrying one gets error 100. */
const RETIRED_TAGS = new Set(["ACCOUNT_UPDATE", "CONFIRMED_EVENT_UPDATE", "POST_PURCHASE_UPDATE"]);
/** The subcode production saw on retired-tag refusals. */
const RETIRED_TAG_SUBCODE = 1893061;
const SENDER_ACTIONS = new Set(["typing_on", "typing_off", "mark_seen"]);
const REACTIONS = new Set(["react", "unreact"]);

export function messengerFacts(body: unknown): SendFacts {
  const facts: SendFacts = {
    userId: stringField(isRecord(body) ? body.recipient : undefined, "id") ?? "",
  };
  const messagingType = stringField(body, "messaging_type");
  const tag = stringField(body, "tag");
  if (messagingType !== undefined) facts.messagingType = messagingType;
  if (tag !== undefined) facts.tag = tag;
  const action = stringField(body, "sender_action");
  if (action !== undefined) facts.senderAction = action;
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
  if (body.message === undefined && REACTIONS.has(String(body.sender_action))) {
    return judgeReaction(channel, body, facts, windows, nowMs);
  }
  if (body.message === undefined && body.sender_action !== undefined) {
    return judgeSenderAction(channel, body.sender_action, facts.userId, windows, nowMs);
  }
  const utility = facts.messagingType === "UTILITY";
  const shapeError =
    messagingTypeError(channel.platform, facts) ??
    pageMessageError(channel.platform, body.message, utility) ??
    replyToError(body.reply_to);
  if (shapeError) return refuse(shapeError);
  const ruleError = utility
    ? utilityError(channel, body.message)
    : windowRuleError(channel, facts, windows, nowMs);
  if (ruleError) return refuse(ruleError);
  const mid = newMid();
  windows.recordMessage(channel.platform, channel.channelId, facts.userId, mid);
  return {
    kind: "accept",
    metaMessageId: mid,
    response: { recipient_id: facts.userId, message_id: mid },
  };
}

/** `react` / `unreact` on a message of this conversation; a reaction is judged like a message. */
function judgeReaction(
  channel: SimChannel & { platform: PagePlatform },
  body: Record<string, unknown>,
  facts: SendFacts,
  windows: WindowBook,
  nowMs: number,
): Verdict {
  const target = stringField(body.payload, "message_id");
  if (target === undefined || target === "") {
    return refuse(invalidParameter("The parameter payload[message_id] is required"));
  }
  if (windows.messageOwner(channel.platform, channel.channelId, target) !== facts.userId) {
    return refuse(invalidParameter("Param payload[message_id] is not a message of this thread"));
  }
  const reaction = stringField(body.payload, "reaction");
  if (body.sender_action === "react" && (reaction === undefined || reaction === "")) {
    return refuse(invalidParameter("The parameter payload[reaction] is required"));
  }
  const shapeError =
    facts.messagingType === undefined ? undefined : messagingTypeError(channel.platform, facts);
  if (shapeError) return refuse(shapeError);
  const windowError = windowRuleError(channel, facts, windows, nowMs);
  if (windowError) return refuse(windowError);
  return { kind: "accept", metaMessageId: undefined, response: { recipient_id: facts.userId } };
}

function replyToError(replyTo: unknown): GraphError | undefined {
  if (replyTo === undefined) return undefined;
  const mid = stringField(replyTo, "mid");
  return mid === undefined || mid === ""
    ? invalidParameter("The parameter reply_to[mid] is required")
    : undefined;
}

/** A utility template: the page's permission, then the template's review (at any age). */
function utilityError(channel: SimChannel, message: unknown): GraphError | undefined {
  if (!channel.utilityMessages) return utilityPermissionMissing();
  const template = isRecord(message) ? message.template : undefined;
  const name = stringField(template, "name") ?? "";
  const language = stringField(isRecord(template) ? template.language : undefined, "code");
  const known = (channel.templates ?? []).find((t) => t.name === name && t.language === language);
  if (!known) return utilityTemplateRefused(name, "unknown");
  return known.status === "APPROVED" ? undefined : utilityTemplateRefused(name, "unapproved");
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

function messagingTypeError(platform: PagePlatform, facts: SendFacts): GraphError | undefined {
  if (facts.messagingType === undefined) {
    return invalidParameter("The parameter messaging_type is required");
  }
  // Utility messages are Messenger's; Instagram has none (UNCONFIRMED, assumed not available).
  const known = MESSAGING_TYPES.has(facts.messagingType);
  if (!known || (platform === "instagram" && facts.messagingType === "UTILITY")) {
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
  const open =
    windows.isOpen(platform, channelId, facts.userId, STANDARD_WINDOW_MS, nowMs) ||
    // Meta's policy: the window "may last up to 7 days" after an ad; this page's says it does.
    ((channel.grantsAdWindow ?? true) &&
      windows.isAdWindowOpen(platform, channelId, facts.userId, nowMs));
  return open ? undefined : outsideWindow(platform);
}

function refuse(error: GraphError): Verdict {
  return { kind: "refuse", error };
}
