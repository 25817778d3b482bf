import { createHash } from "node:crypto";
import { createClient } from "@meta-relay/client";
import type {
  MessageContent,
  MessageFailure,
  MessageStatus,
  Platform,
  Sender,
} from "@meta-relay/core";
import { DemoError } from "./demo-error";

/** GET /v1/messages/{id}, as far as the demo reads it. */
export interface MessageView {
  id: string;
  status: MessageStatus;
  attempts: number;
  metaMessageId?: string;
  failure?: MessageFailure;
}

interface ChannelInput {
  accessToken: string;
  humanAgent: boolean;
  name: string;
  pageId?: string;
}

interface ReplyInput {
  platform: Platform;
  channelId: string;
  recipientId: string;
  sender: Sender;
  message: MessageContent;
}

/** The agent API as the demo's agent platform calls it, through @meta-relay/client. */
export interface RelayClient {
  putChannel(platform: Platform, channelId: string, input: ChannelInput): Promise<void>;
  /** POST /v1/messages; resolves to the message id. */
  sendReply(input: ReplyInput): Promise<string>;
  getMessage(id: string): Promise<MessageView>;
  /** GET /v1/channels/{platform}/{channelId}/conversations?state=unanswered: the user ids, in order. */
  unanswered(platform: Platform, channelId: string): Promise<string[]>;
  /** GET /v1/channels/whatsapp/{channelId}/media/{mediaId}: the file's size and SHA-256. */
  fetchMedia(channelId: string, mediaId: string): Promise<{ bytes: number; sha256: string }>;
}

/** Gives up on one API call after this long (the relay answers in milliseconds). */
const CALL_TIMEOUT_MS = 10_000;

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The answer's body, or a DemoError naming the call and what the API said. */
function expectData<T>(what: string, answer: Answer<T>): T {
  if (answer.data !== undefined) return answer.data;
  const status = answer.response.status;
  throw new DemoError(
    "demo_api_refused",
    `${what} answered ${status}: ${JSON.stringify(answer.error ?? null)}`,
    {
      context: { status },
    },
  );
}

export function createRelayClient(apiUrl: string, apiKey: string): RelayClient {
  const api = createClient({ baseUrl: apiUrl, apiKey });
  const signal = () => AbortSignal.timeout(CALL_TIMEOUT_MS);
  return {
    async putChannel(platform, channelId, input) {
      const answer = await api.PUT("/v1/channels/{platform}/{channelId}", {
        params: { path: { platform, channelId } },
        body: input,
        signal: signal(),
      });
      expectData(`PUT /v1/channels/${platform}/${channelId}`, answer);
    },
    async sendReply(input) {
      const answer = await api.POST("/v1/messages", {
        body: {
          channel: { platform: input.platform, id: input.channelId },
          recipient: { id: input.recipientId },
          sender: input.sender,
          message: input.message,
        },
        signal: signal(),
      });
      return expectData("POST /v1/messages", answer).id;
    },
    async getMessage(id) {
      const answer = await api.GET("/v1/messages/{id}", {
        params: { path: { id } },
        signal: signal(),
      });
      return expectData(`GET /v1/messages/${id}`, answer);
    },
    async unanswered(platform, channelId) {
      const answer = await api.GET("/v1/channels/{platform}/{channelId}/conversations", {
        params: { path: { platform, channelId }, query: { state: "unanswered", limit: 50 } },
        signal: signal(),
      });
      const path = `/v1/channels/${platform}/${channelId}/conversations?state=unanswered`;
      return expectData(`GET ${path}`, answer).conversations.map((c) => c.userId);
    },
    async fetchMedia(channelId, mediaId) {
      const path = `/v1/channels/whatsapp/${channelId}/media/${mediaId}`;
      const res = await fetch(`${apiUrl}${path}`, {
        headers: { authorization: `Bearer ${apiKey}` },
        signal: signal(),
      });
      if (res.status !== 200 || !res.body) {
        expectData(`GET ${path}`, { error: await res.text(), response: res });
      }
      // Hashed as it streams: the demo holds no more of the file than the relay does.
      const hash = createHash("sha256");
      let bytes = 0;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        hash.update(chunk);
        bytes += chunk.length;
      }
      return { bytes, sha256: hash.digest("hex") };
    },
  };
}
