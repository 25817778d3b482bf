import type { KeyLookup } from "@meta-relay/access";
import type { ChannelState } from "@meta-relay/channels";
import type { ChannelClient, GraphClient, MediaClient } from "@meta-relay/meta";
import type { Logger, RelayMetrics } from "@meta-relay/observability";
import type { Outbox } from "@meta-relay/outbound";
import type { ApiKeyStore, ChannelStore, Keys, RedisClient } from "@meta-relay/store";

/** What the /v1 routes use; built once by the API role. */
export interface V1Deps {
  log: Logger;
  redis: RedisClient;
  keys: Keys;
  channels: ChannelStore;
  /** Where replies are queued and read back. */
  outbox: Outbox;
  /** Scoped API keys (/v1/keys). */
  apiKeys: ApiKeyStore;
  /** `apiKeys.findByKey` behind this process's short cache. */
  keyLookup: KeyLookup;
  /** Meta's channel management calls (verify and subscribe on PUT). */
  channelClient: ChannelClient;
  /** Announces a restriction a PUT lifted. */
  channelState: ChannelState;
  /** WINDOW_SAFETY_MARGIN_SECONDS in ms. */
  marginMs: number;
  /** Sender actions go to Meta from the API at once, not through the reply queue. */
  graph: GraphClient;
  /** META_GRAPH_VERSION. */
  graphVersion: string;
  /** WhatsApp media through the Graph API (GET /v1/channels/whatsapp/{id}/media/{mediaId}). */
  media: MediaClient;
  metrics: RelayMetrics;
}
