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

/** The agent API as an agent platform calls it: bearer key, JSON, the /v1 routes. */
export interface RelayClient {
  putChannel(platform: Platform, channelId: string, input: ChannelInput): Promise<void>;
  /** POST /v1/messages; resolves to the message id. */
  sendReply(input: ReplyInput): Promise<string>;
  getMessage(id: string): Promise<MessageView>;
}

/** Gives up on one API call after this long (the relay answers in milliseconds). */
const CALL_TIMEOUT_MS = 10_000;

export function createRelayClient(apiUrl: string, apiKey: string): RelayClient {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
  };
  const expect = (what: string, res: { status: number; body: unknown }, ok: number[]) => {
    if (ok.includes(res.status)) return;
    throw new DemoError(
      "demo_api_refused",
      `${what} answered ${res.status}: ${JSON.stringify(res.body)}`,
      { context: { status: res.status } },
    );
  };
  return {
    async putChannel(platform, channelId, input) {
      const res = await call("PUT", `/v1/channels/${platform}/${channelId}`, input);
      expect(`PUT /v1/channels/${platform}/${channelId}`, res, [200, 201]);
    },
    async sendReply(input) {
      const res = await call("POST", "/v1/messages", {
        channel: { platform: input.platform, id: input.channelId },
        recipient: { id: input.recipientId },
        sender: input.sender,
        message: input.message,
      });
      expect("POST /v1/messages", res, [202]);
      return (res.body as { id: string }).id;
    },
    async getMessage(id) {
      const res = await call("GET", `/v1/messages/${id}`);
      expect(`GET /v1/messages/${id}`, res, [200]);
      return res.body as MessageView;
    },
  };
}
