import { isInstagramLogin } from "./channel-registry";
import type { SimChannel, SimSubscription } from "./types";

/**
 * Meta's record of which apps get each object's webhooks: a page (also for Instagram linked to
 * it), an Instagram Login account, or a WhatsApp business account.
 */
export class SubscriptionBook {
  readonly #apps = new Map<string, Map<string, string[]>>();

  subscribe(object: string, appId: string, fields: string[]): void {
    const apps = this.#apps.get(object) ?? new Map<string, string[]>();
    // Meta adds the fields asked for to those the app already had on the object.
    apps.set(appId, [...new Set([...(apps.get(appId) ?? []), ...fields])]);
    this.#apps.set(object, apps);
  }

  unsubscribe(object: string, appId: string): void {
    this.#apps.get(object)?.delete(appId);
  }

  list(object: string): SimSubscription[] {
    return [...(this.#apps.get(object) ?? new Map<string, string[]>())].map(([appId, fields]) => ({
      appId,
      fields: [...fields],
    }));
  }
}

/** The object whose `subscribed_apps` carries a channel's webhooks; null without a WABA id. */
export function subscriptionObject(channel: SimChannel): string | null {
  if (channel.platform === "whatsapp") return channel.wabaId ? `waba:${channel.wabaId}` : null;
  if (isInstagramLogin(channel)) return `instagram:${channel.channelId}`;
  const page =
    channel.platform === "instagram" ? (channel.pageId ?? channel.channelId) : channel.channelId;
  return `page:${page}`;
}
