import { SimulatorError } from "./errors";
import type { ResolvedEvent, SimReferral } from "./webhook-events";

// Messenger's and Instagram's webhook items, in the shapes of Meta's webhook references.

/** The app id Meta puts on echoes of messages this app sent. */
export const SIM_APP_ID = "1000000000000001";

type Of<K extends ResolvedEvent["kind"]> = Extract<ResolvedEvent, { kind: K }>;

// Messenger puts exactly one event in each entry's `messaging`; a batch is several entries.
export function pageEntries(events: ResolvedEvent[]): object[] {
  return events.map((event) => {
    const item = pageItem(event);
    const list = event.kind === "message" && event.standby ? "standby" : "messaging";
    return { id: event.who.channelId, time: Date.now(), [list]: [item] };
  });
}

function pageItem(event: ResolvedEvent): object {
  const { who, atMs } = event;
  const fromCustomer = { sender: { id: who.userId }, recipient: { id: who.channelId } };
  if (event.kind === "echo") {
    const message = { mid: event.id, is_echo: true, app_id: SIM_APP_ID, ...optional(event) };
    return {
      sender: { id: who.channelId },
      recipient: { id: who.userId },
      timestamp: atMs,
      message,
    };
  }
  return { ...fromCustomer, timestamp: atMs, ...pageBody(event) };
}

function optional(event: { text?: string; metadata?: string }): object {
  return {
    ...(event.metadata !== undefined && { metadata: event.metadata }),
    ...(event.text !== undefined && { text: event.text }),
  };
}

function pageBody(event: ResolvedEvent): object {
  switch (event.kind) {
    case "message":
      return { message: pageMessage(event) };
    case "postback":
      return {
        postback: {
          mid: event.metaId,
          title: event.title ?? event.payload,
          payload: event.payload,
          ...(event.referral && { referral: pageReferral(event.referral, "OPEN_THREAD") }),
        },
      };
    case "reaction":
      return { reaction: reactionBody(event) };
    case "referral":
      return {
        referral: {
          ref: event.ref ?? "sim",
          source: event.source ?? "SHORTLINK",
          type: "OPEN_THREAD",
          ...(event.adId !== undefined && { ad_id: event.adId }),
        },
      };
    case "edit":
      return {
        message_edit: { mid: event.to, text: event.text, num_edit: event.count ?? 1 },
      };
    case "delete":
      return { message: { mid: event.to, is_deleted: true } };
    case "delivered":
      return { delivery: { mids: event.ids, watermark: event.watermarkMs ?? event.atMs } };
    case "read":
      // Instagram's `messaging_seen` names the message seen; Messenger's `read` gives a watermark.
      return event.who.platform === "instagram"
        ? { read: { mid: event.ids[event.ids.length - 1] } }
        : { read: { watermark: event.watermarkMs ?? event.atMs } };
    default:
      throw new SimulatorError("unsupported_event", `no page webhook for ${event.kind}`);
  }
}

function pageMessage(event: Of<"message">): object {
  const attachments = event.attachments?.map(({ type, url, title }) =>
    // A fallback (a shared link) has its url and title on the attachment, and a null payload.
    type === "fallback"
      ? { type, title: title ?? url, url, payload: null }
      : { type, payload: { url, ...(title !== undefined && { title }) } },
  );
  return {
    mid: event.metaId,
    ...(event.text !== undefined && { text: event.text }),
    ...(attachments && { attachments }),
    ...(event.quickReply !== undefined && { quick_reply: { payload: event.quickReply } }),
    ...(event.replyTo !== undefined && { reply_to: { mid: event.replyTo } }),
    ...(event.storyReply && { reply_to: { story: event.storyReply } }),
    ...(event.referral && { referral: pageReferral(event.referral, "OPEN_THREAD") }),
    ...(event.unsupported && { is_unsupported: true }),
  };
}

/** A referral as Messenger sends it on the first message after a click-to-Messenger ad. */
function pageReferral(referral: SimReferral, type: string): object {
  return {
    ...(referral.ref !== undefined && { ref: referral.ref }),
    ...(referral.adId !== undefined && { ad_id: referral.adId }),
    source: referral.source ?? "ADS",
    type,
    ...(referral.headline !== undefined && {
      ads_context_data: {
        ad_title: referral.headline,
        photo_url: "https://scontent.example/ad.jpg",
      },
    }),
  };
}

const REACTION_NAMES: Record<string, string> = { "❤️": "love", "❤": "love", "👍": "like" };

function reactionBody(event: Of<"reaction">): object {
  const action = event.action ?? "react";
  if (action === "unreact") return { mid: event.to, action };
  const emoji = event.emoji ?? "❤️";
  return { mid: event.to, action, emoji, reaction: REACTION_NAMES[emoji] ?? "other" };
}
