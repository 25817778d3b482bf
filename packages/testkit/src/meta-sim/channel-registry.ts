import { SimulatorError } from "./errors";
import type { SimChannel } from "./types";
import { stringField } from "./verdict";
import type { WindowBook } from "./windows";

const PLATFORMS = new Set(["messenger", "instagram", "whatsapp"]);

/** The channels the fake Meta knows, found by the id in the send path. */
export class ChannelRegistry {
  #channels: SimChannel[] = [];

  /** Adds a channel, or replaces the one with the same platform and id (e.g. a rotated token). */
  add(channel: SimChannel): void {
    if (!PLATFORMS.has(channel.platform)) {
      throw new SimulatorError("invalid_channel", `unknown platform: ${String(channel.platform)}`);
    }
    if (!channel.channelId || !channel.accessToken) {
      throw new SimulatorError("invalid_channel", "a channel needs a channelId and an accessToken");
    }
    this.#channels = this.#channels.filter(
      (known) => known.platform !== channel.platform || known.channelId !== channel.channelId,
    );
    this.#channels.push({ ...channel });
  }

  /** Whether any channel has this token. */
  hasToken(token: string): boolean {
    return this.#channels.some((c) => c.accessToken === token);
  }

  get(platform: SimChannel["platform"], channelId: string): SimChannel | undefined {
    return this.#channels.find((c) => c.platform === platform && c.channelId === channelId);
  }

  /**
   * The channel a `POST /{v}/{pathId}/messages` is for. Instagram sends go through the linked page,
   * so a page id may name both a Messenger and an Instagram channel: the recipient decides, as the
   * PSID/IGSID does at Meta.
   */
  resolve(pathId: string, body: unknown, windows: WindowBook): SimChannel | undefined {
    const candidates = this.#channels.filter((c) => sendPathId(c) === pathId);
    if (candidates.length <= 1) return candidates[0];
    if (stringField(body, "messaging_product") !== undefined) {
      return candidates.find((c) => c.platform === "whatsapp") ?? candidates[0];
    }
    const recipient = stringField(
      typeof body === "object" && body !== null
        ? (body as { recipient?: unknown }).recipient
        : undefined,
      "id",
    );
    const known = candidates.find(
      (c) =>
        recipient !== undefined &&
        windows.lastAction(c.platform, c.channelId, recipient) !== undefined,
    );
    return known ?? candidates.find((c) => c.platform === "messenger") ?? candidates[0];
  }
}

function sendPathId(channel: SimChannel): string {
  return channel.platform === "instagram"
    ? (channel.pageId ?? channel.channelId)
    : channel.channelId;
}
