import type { ChannelRef, Platform } from "@meta-relay/core";
import { isPlatform } from "@meta-relay/core";
import type { RedisClient } from "./connection";
import type { Keys } from "./keys";
import { defineScript, pairsToRecord, runScript } from "./lua/run-script";
import { effectivePacing, type Pacing } from "./pacing";
import type { TokenCipher } from "./token-cipher";

/** A connected channel as the API shows it: never with its token. */
export interface Channel {
  platform: Platform;
  channelId: string;
  name: string | null;
  /** Instagram: the linked page whose id is used in the send path. */
  pageId: string | null;
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
}

/** What the worker needs of a channel at send time (token still sealed). */
export interface StoredChannel extends Channel {
  sealedToken: string;
}

// PUT replaces the record but keeps its creation time; answers whether it was created.
const PUT = defineScript(
  "channel-put",
  `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local created = redis.call('HGET', KEYS[1], 'createdAt')
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'createdAt', created or now, 'updatedAt', now, unpack(ARGV))
if created then return 0 end
return 1`,
);

/** The channel registry: one hash per channel in the channel's slot, plus a set to list them. */
export function createChannelStore(redis: RedisClient, keys: Keys, cipher: TokenCipher) {
  const indexEntry = (ref: ChannelRef) => `${ref.platform} ${ref.channelId}`;
  const get = async (ref: ChannelRef): Promise<Channel | null> => {
    const stored = parseChannel(await redis.hgetall(keys.channel(ref)));
    return stored ? withoutToken(stored) : null;
  };
  return {
    get,

    /** The channel with its token still sealed (open it with `token`), or null. */
    async getStored(ref: ChannelRef): Promise<StoredChannel | null> {
      return parseChannel(await redis.hgetall(keys.channel(ref)));
    },

    /** Creates or replaces a channel; `created` tells 201 from 200. */
    async put(input: ChannelInput): Promise<{ created: boolean; channel: Channel }> {
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
      if (input.pacing && Object.keys(input.pacing).length > 0) {
        fields.push("pacing", JSON.stringify(input.pacing));
      }
      const created = (await runScript(redis, PUT, [keys.channel(input)], fields)) === 1;
      await redis.sadd(keys.channelIndex(), indexEntry(input));
      const channel = await get(input);
      if (!channel) throw new Error("channel vanished right after it was written");
      return { created, channel };
    },

    async list(): Promise<Channel[]> {
      const entries = (await redis.smembers(keys.channelIndex())).sort();
      const found = await Promise.all(
        entries.map(async (entry) => {
          const [platform, channelId] = entry.split(" ");
          if (!isPlatform(platform) || !channelId) return null;
          return get({ platform, channelId });
        }),
      );
      return found.filter((c): c is Channel => c !== null);
    },

    /** True when a channel was removed. Its waiting messages fail with channel_not_configured. */
    async delete(ref: ChannelRef): Promise<boolean> {
      const removed = await redis.del(keys.channel(ref));
      await redis.srem(keys.channelIndex(), indexEntry(ref));
      return removed > 0;
    },

    /** The plain token, for the Graph call only: never log or return it. */
    token(channel: StoredChannel): string {
      return cipher.decrypt(channel.sealedToken, tokenContext(channel));
    },
  };
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
    humanAgent: hash["humanAgent"] === "1",
    utilityMessages: hash["utilityMessages"] === "1",
    adsWindow: hash["adsWindow"] === "1",
    pacing: effectivePacing(platform, parsePacing(hash["pacing"])),
    createdAt: new Date(Number(hash["createdAt"])).toISOString(),
    updatedAt: new Date(Number(hash["updatedAt"])).toISOString(),
    sealedToken: token,
  };
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
  const { sealedToken: _sealed, ...channel } = stored;
  return channel;
}
