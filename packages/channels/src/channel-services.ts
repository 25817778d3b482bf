import { createChannelClient, type ChannelClient } from "@meta-relay/meta";
import type { Logger } from "@meta-relay/observability";
import {
  createChannelStateStore,
  createChannelStore,
  createKeys,
  createTokenCipher,
  TokenUnreadableError,
  type ChannelStateStore,
  type ChannelStore,
  type RedisClient,
  type TokenCipher,
} from "@meta-relay/store";
import { createChannelState, type ChannelState, type EventSink } from "./channel-state";

/** What a process needs to reach Meta about channels and to keep their state. */
export interface ChannelSettings {
  redis: RedisClient;
  /** RELAY_KEY_PREFIX. */
  keyPrefix: string;
  /** RELAY_ENCRYPTION_KEY: opens the channels' tokens (empty in a process that never needs them). */
  encryptionKey: Buffer;
  graph: {
    /** META_GRAPH_URL, META_INSTAGRAM_GRAPH_URL, META_GRAPH_VERSION, GRAPH_TIMEOUT_MS. */
    url: string;
    instagramUrl: string;
    version: string;
    timeoutMs: number;
  };
  /** Where `channel.*` events go. */
  events: EventSink;
  log: Logger;
}

export interface ChannelServices {
  channels: ChannelStore;
  stateStore: ChannelStateStore;
  state: ChannelState;
  client: ChannelClient;
}

/** Builds the channel registry, its state, the events of its changes and Meta's channel calls. */
export function createChannelServices(settings: ChannelSettings): ChannelServices {
  const keys = createKeys(settings.keyPrefix);
  const cipher =
    settings.encryptionKey.length > 0 ? createTokenCipher(settings.encryptionKey) : lockedCipher();
  const channels = createChannelStore(settings.redis, keys, cipher);
  const stateStore = createChannelStateStore(settings.redis, keys);
  return {
    channels,
    stateStore,
    state: createChannelState({
      channels,
      state: stateStore,
      events: settings.events,
      log: settings.log,
    }),
    client: createChannelClient({
      graphUrl: settings.graph.url,
      instagramGraphUrl: settings.graph.instagramUrl,
      graphVersion: settings.graph.version,
      timeoutMs: settings.graph.timeoutMs,
    }),
  };
}

/** The ingress runs without RELAY_ENCRYPTION_KEY: it changes channels' state, never their tokens. */
function lockedCipher(): TokenCipher {
  return {
    encrypt: () => {
      throw new TokenUnreadableError();
    },
    decrypt: () => {
      throw new TokenUnreadableError();
    },
  };
}
