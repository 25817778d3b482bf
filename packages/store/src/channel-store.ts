import type { ChannelRef, InstagramApi, Platform } from "@meta-relay/core";
import { isPlatform } from "@meta-relay/core";
import { parseChannelState, type ChannelState } from "./channel-fields";
import type { RedisClient } from "./connection";
import type { Keys } from "./keys";
import { CHANNEL_PUT_LUA } from "./lua/channel-lua";
import { defineScript, pairsToRecord, runScript } from "./lua/run-script";
import { effectivePacing, type Pacing } from "./pacing";
import type { TokenCipher } from "./token-cipher";

/** A connected channel as the API shows it: never with its token. */
export interface Channel extends ChannelState {
  platform: Platform;
  channelId: string;
  name: string | null;
  /** Instagram: the linked page whose id is used in the send path. */
  pageId: string | null;
  /** Instagram: `messenger` (through the page) or `instagram_login`; null on other platforms. */
  api: InstagramApi | null;
  /** WhatsApp: the business account that holds the webhook subscription. */
  wabaId: string | null;
  humanAgent: boolean;
  /** Messenger: the page may send Meta utility templates (product.md §4.2). */
  utilityMessages: boolean;
  /** Messenger/Instagram: apply Meta's up-to-7-day window after a click-to-Messenger/Direct ad. */
  adsWindow: boolean;
  pacing: Pacing;
  createdAt: string;
  updatedAt: string;
}

export interface ChannelInput {
  platform: Platform;
  channelId: string;
  accessToken: string;
  humanAgent?: boolean | undefined;
  utilityMessages?: boolean | undefined;
  adsWindow?: boolean | undefined;
  name?: string | undefined;
  pageId?: string | undefined;
  pacing?: Partial<Pacing> | undefined;
  api?: InstagramApi | undefined;
  wabaId?: string | undefined;
  /** What the connect learnt of the webhook subscription (kept from before when absent). */
  subscription?: Channel["subscription"];
  /** Instagram Login: when the token was obtained (ms); kept from before when absent. */
  tokenIssuedAtMs?: number | undefined;
  /** Instagram Login: when the token expires (ms), when known. */
  tokenExpiresAtMs?: number | undefined;
}

/** What the worker needs of a channel at send time (token still sealed). */
export interface StoredChannel extends Channel {
  sealedToken: string;
  /** Instagram Login: when the relay obtained the current token (ms), if it knows. */
  tokenIssuedAtMs: number | null;
  /** When Meta last accepted a reply on this channel (ms). */
  lastSentAtMs: number | null;
  /** ms of the latest status change (the key of its `channel.*` event). */
  statusSinceMs: number | null;
  /** The status before the latest change. */
  previousStatus: string | null;
}

/** What a PUT changed: `created` tells 201 from 200, `statusBefore` a restriction it lifted. */
export interface PutResult {
  created: boolean;
  channel: Channel;
  statusBefore: string;
  /** When the write happened (Redis time, ms). */
  at: number;
}

// PUT replaces the record but keeps its creation time and what the relay learnt of the channel.
const PUT = defineScript("channel-put", CHANNEL_PUT_LUA);

/** Opened tokens a process remembers; past this the memory is cleared (a few more decryptions). */
const MAX_OPENED_TOKENS = 1_000;

/** The channel registry: one hash per channel in the channel's slot, plus a set to list them. */
export function createChannelStore(redis: RedisClient, keys: Keys, cipher: TokenCipher) {
  // The worker opens the channel's token for every send: remembered by the exact sealed text and
  // its channel, so only a text that once decrypted and authenticated is ever answered from here.
  const opened = new Map<string, string>();
  const indexEntry = (ref: ChannelRef) => `${ref.platform} ${ref.channelId}`;
  const getStored = async (ref: ChannelRef): Promise<StoredChannel | null> =>
    parseChannel(await redis.hgetall(keys.channel(ref)));
  const get = async (ref: ChannelRef): Promise<Channel | null> => {
    const stored = await getStored(ref);
    return stored ? withoutToken(stored) : null;
  };
  const listStored = async (): Promise<StoredChannel[]> => {
    const entries = (await redis.smembers(keys.channelIndex())).sort();
    const found = await Promise.all(
      entries.map(async (entry) => {
        const [platform, channelId] = entry.split(" ");
        if (!isPlatform(platform) || !channelId) return null;
        return getStored({ platform, channelId });
      }),
    );
    return found.filter((c): c is StoredChannel => c !== null);
  };
  return {
    get,
    /**
     * The record with its sealed token (open it with `token`) and the relay's own bookkeeping (for
     * the watchdog and the media route), or null.
     */
    getStored,
    listStored,

    /** Creates or replaces a channel; `created` tells 201 from 200. */
    async put(input: ChannelInput): Promise<PutResult> {
      const reply = (await runScript(
        redis,
        PUT,
        [keys.channel(input)],
        recordFields(input, cipher),
      )) as unknown[];
      await redis.sadd(keys.channelIndex(), indexEntry(input));
      const channel = await get(input);
      if (!channel) throw new Error("channel vanished right after it was written");
      return {
        created: reply[0] === 1,
        channel,
        statusBefore: String(reply[1]),
        at: Number(reply[2]),
      };
    },

    async list(): Promise<Channel[]> {
      return (await listStored()).map(withoutToken);
    },

    /** True when a channel was removed. Its waiting messages fail with channel_not_configured. */
    async delete(ref: ChannelRef): Promise<boolean> {
      const removed = await redis.del(keys.channel(ref));
      await redis.srem(keys.channelIndex(), indexEntry(ref));
      return removed > 0;
    },

    /** The plain token, for the Graph call only: never log or return it. */
    token(channel: StoredChannel): string {
      const context = tokenContext(channel);
      const key = `${context}\n${channel.sealedToken}`;
      const known = opened.get(key);
      if (known !== undefined) return known;
      const plain = cipher.decrypt(channel.sealedToken, context);
      if (opened.size >= MAX_OPENED_TOKENS) opened.clear();
      opened.set(key, plain);
      return plain;
    },

    /** A token sealed for this channel, as the record keeps it. */
    seal(ref: ChannelRef, token: string): string {
      return cipher.encrypt(token, tokenContext(ref));
    },
  };
}

function recordFields(input: ChannelInput, cipher: TokenCipher): string[] {
  const fields = [
    "platform",
    input.platform,
    "channelId",
    input.channelId,
    "humanAgent",
    input.humanAgent ? "1" : "0",
    "token",
    cipher.encrypt(input.accessToken, tokenContext(input)),
  ];
  if (input.utilityMessages) fields.push("utilityMessages", "1");
  if (input.adsWindow) fields.push("adsWindow", "1");
  if (input.name !== undefined) fields.push("name", input.name);
  if (input.pageId !== undefined) fields.push("pageId", input.pageId);
  if (input.api !== undefined) fields.push("api", input.api);
  if (input.wabaId !== undefined) fields.push("wabaId", input.wabaId);
  if (input.pacing && Object.keys(input.pacing).length > 0) {
    fields.push("pacing", JSON.stringify(input.pacing));
  }
  if (input.subscription) fields.push("subscription", JSON.stringify(input.subscription));
  if (input.tokenIssuedAtMs !== undefined) fields.push("tokenIssuedAt", `${input.tokenIssuedAtMs}`);
  if (input.tokenExpiresAtMs !== undefined) {
    fields.push("tokenExpiresAt", `${input.tokenExpiresAtMs}`);
  }
  return fields;
}

export type ChannelStore = ReturnType<typeof createChannelStore>;

function tokenContext(ref: ChannelRef): string {
  return `${ref.platform}:${ref.channelId}`;
}

/** A channel hash (HGETALL, or the flat pairs a Lua script returns) as a typed record. */
export function parseChannel(raw: Record<string, string> | unknown[]): StoredChannel | null {
  const hash = Array.isArray(raw) ? pairsToRecord(raw) : raw;
  const platform = hash["platform"];
  const channelId = hash["channelId"];
  const token = hash["token"];
  if (!isPlatform(platform) || !channelId || !token) return null;
  return {
    platform,
    channelId,
    name: hash["name"] ?? null,
    pageId: hash["pageId"] ?? null,
    api: platform === "instagram" ? parseApi(hash["api"]) : null,
    wabaId: hash["wabaId"] ?? null,
    humanAgent: hash["humanAgent"] === "1",
    utilityMessages: hash["utilityMessages"] === "1",
    adsWindow: hash["adsWindow"] === "1",
    pacing: effectivePacing(platform, parsePacing(hash["pacing"])),
    createdAt: new Date(Number(hash["createdAt"])).toISOString(),
    updatedAt: new Date(Number(hash["updatedAt"])).toISOString(),
    ...parseChannelState(hash),
    sealedToken: token,
    tokenIssuedAtMs: msOf(hash["tokenIssuedAt"]),
    lastSentAtMs: msOf(hash["lastSentAt"]),
    statusSinceMs: msOf(hash["statusSince"]),
    previousStatus: hash["prevStatus"] ?? null,
  };
}

function parseApi(raw: string | undefined): InstagramApi {
  return raw === "instagram_login" ? "instagram_login" : "messenger";
}

function msOf(raw: string | undefined): number | null {
  const ms = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(ms) ? ms : null;
}

function parsePacing(raw: string | undefined): Partial<Pacing> | null {
  if (!raw) return null;
  try {
    return JSON.parse(raw) as Partial<Pacing>;
  } catch {
    return null;
  }
}

function withoutToken(stored: StoredChannel): Channel {
  const {
    sealedToken: _sealed,
    tokenIssuedAtMs: _issued,
    lastSentAtMs: _sent,
    statusSinceMs: _since,
    previousStatus: _previous,
    ...channel
  } = stored;
  return channel;
}
