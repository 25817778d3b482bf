import type { MessageKind } from "./content";
import type { Platform } from "./platform";

/**
 * Meta's limits on what each platform carries (Send API and Cloud API references). Lengths are in
 * Meta's unit: Instagram counts UTF-8 bytes; elsewhere characters, counted here as UTF-16 code units,
 * which is never fewer than Meta's count, so nothing over a limit gets through.
 */
export const MESSENGER_LIMITS = {
  /** "UTF-8 and less than 2000 characters". */
  textChars: 1_999,
  quickReplies: 13,
  quickReplyTitleChars: 20,
  payloadChars: 1_000,
  /** Button template: text, then 1 to 3 buttons. */
  buttonTextChars: 640,
  buttons: 3,
  buttonTitleChars: 20,
} as const;

export const INSTAGRAM_LIMITS = {
  /** "UTF-8 and be a 1000 bytes or less". */
  textBytes: 1_000,
  quickReplies: 13,
  quickReplyTitleChars: 20,
  payloadChars: 1_000,
} as const;

export const WHATSAPP_LIMITS = {
  textChars: 4_096,
  /** Interactive `button` and `cta_url` bodies. */
  interactiveBodyChars: 1_024,
  replyButtons: 3,
  buttonTitleChars: 20,
  buttonIdChars: 256,
  /** Interactive `list`. */
  listBodyChars: 4_096,
  listButtonChars: 20,
  listSections: 10,
  listRows: 10,
  sectionTitleChars: 24,
  rowTitleChars: 24,
  rowIdChars: 200,
  rowDescriptionChars: 72,
  captionChars: 1_024,
  filenameChars: 240,
} as const;

/** The kinds each platform can carry (product.md §4.2). Messenger templates need `utilityMessages`. */
export const KINDS_BY_PLATFORM: Record<Platform, readonly MessageKind[]> = {
  messenger: ["text", "media", "buttons", "reaction", "template", "raw"],
  instagram: ["text", "media", "reaction", "raw"],
  whatsapp: ["text", "media", "buttons", "list", "reaction", "location", "template", "raw"],
};

/** What of a channel decides whether it may send a kind. */
export interface KindChannel {
  platform: Platform;
  /** Messenger: the page may send Meta utility templates. */
  utilityMessages: boolean;
}

/** Whether the channel can send this kind at all (a record may outlive a channel's change). */
export function channelCarries(channel: KindChannel, kind: MessageKind): boolean {
  if (!platformCarries(channel.platform, kind)) return false;
  if (carriageDependsOnChannel(channel.platform, kind)) return channel.utilityMessages;
  return true;
}

/** Whether any channel of the platform can send this kind (some may still not: see below). */
export function platformCarries(platform: Platform, kind: MessageKind): boolean {
  return KINDS_BY_PLATFORM[platform].includes(kind);
}

/**
 * Whether `channelCarries` needs the channel's record for this kind, beyond its platform: only a
 * Messenger template does. Callers that know the channel exists by other means skip reading it.
 */
export function carriageDependsOnChannel(platform: Platform, kind: MessageKind): boolean {
  return kind === "template" && platform === "messenger";
}
