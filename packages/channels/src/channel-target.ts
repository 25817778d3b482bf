import type { InstagramApi, Platform } from "@meta-relay/core";
import type { ChannelTarget } from "@meta-relay/meta";

/** What the management calls need to know of a channel. */
export interface TargetFields {
  platform: Platform;
  channelId: string;
  pageId?: string | null | undefined;
  api?: InstagramApi | null | undefined;
  wabaId?: string | null | undefined;
}

/** The object Meta's management calls are about: the page, the Instagram account, the number. */
export function targetOf(channel: TargetFields): ChannelTarget {
  switch (channel.platform) {
    case "messenger":
      return { kind: "page", pageId: channel.channelId };
    case "instagram":
      return channel.api === "instagram_login"
        ? { kind: "instagram_login", accountId: channel.channelId }
        : { kind: "page", pageId: channel.pageId ?? channel.channelId };
    case "whatsapp":
      return { kind: "whatsapp", phoneNumberId: channel.channelId, wabaId: channel.wabaId ?? null };
  }
}
