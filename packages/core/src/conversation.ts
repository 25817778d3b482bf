import type { Platform } from "./platform";

/** One customer on one channel: the unit the window and the reply order are kept for. */
export interface ConversationRef {
  platform: Platform;
  /** Page id (Messenger), Instagram account id, or WhatsApp phone number id. */
  channelId: string;
  /** PSID, IGSID, wa_id or WhatsApp business-scoped user id (BSUID). */
  userId: string;
}

export interface ChannelRef {
  platform: Platform;
  channelId: string;
}
