import { SimulatorError } from "./errors";
import type { SimChannel } from "./types";
import { stringField } from "./verdict";
import type { WindowBook } from "./windows";

const PLATFORMS = new Set(["messenger", "instagram", "whatsapp"]);
const DEFAULT_TOKEN_TTL_MS = 60 * 24 * 3_600_000;

/** What a Graph id names on graph.facebook.com, and the channels behind it. */
export interface GraphObject {
  kind: "page" | "phone_number" | "waba";
  id: string;
  channels: SimChannel[];
}

/** The channels the fake Meta knows, found by the id in the send path. */
export class ChannelRegistry {
  #channels: SimChannel[] = [];

  constructor(private readonly tokenTtlMs: number = DEFAULT_TOKEN_TTL_MS) {}

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
    const added = { ...channel };
    if (isInstagramLogin(added)) {
      added.tokenIssuedAtMs ??= Date.now();
      added.tokenExpiresAtMs ??= added.tokenIssuedAtMs + this.tokenTtlMs;
    }
    this.#channels.push(added);
  }

  /** The object a graph.facebook.com id names: a page, a phone number or a business account. */
  graphObject(id: string): GraphObject | undefined {
    const pages = this.#channels.filter(
      (c) => !isInstagramLogin(c) && c.platform !== "whatsapp" && sendPathId(c) === id,
    );
    if (pages.length > 0) return { kind: "page", id, channels: pages };
    const numbers = this.#channels.filter((c) => c.platform === "whatsapp" && c.channelId === id);
    if (numbers.length > 0) return { kind: "phone_number", id, channels: numbers };
    const wabas = this.#channels.filter((c) => c.platform === "whatsapp" && c.wabaId === id);
    if (wabas.length > 0) return { kind: "waba", id, channels: wabas };
    return undefined;
  }

  knowsToken(token: string): boolean {
    return this.#channels.some((c) => c.accessToken === token);
  }

  /** The Instagram Login account a token belongs to. */
  instagramByToken(token: string | null): SimChannel | undefined {
    return this.#channels.find((c) => isInstagramLogin(c) && c.accessToken === token);
  }

  instagramById(id: string): SimChannel | undefined {
    return this.#channels.find((c) => isInstagramLogin(c) && c.channelId === id);
  }

  /** Meta's refresh: the channel's token is replaced by a new one. */
  replaceToken(channel: SimChannel, token: string, issuedAtMs: number): void {
    channel.accessToken = token;
    channel.tokenIssuedAtMs = issuedAtMs;
    channel.tokenExpiresAtMs = issuedAtMs + this.tokenTtlMs;
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
    // Instagram Login accounts have no page: graph.facebook.com does not send for them.
    const candidates = this.#channels.filter(
      (c) => !isInstagramLogin(c) && sendPathId(c) === pathId,
    );
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

export function isInstagramLogin(channel: SimChannel): boolean {
  return channel.platform === "instagram" && channel.api === "instagram_login";
}
