import { httpCall } from "@meta-relay/testkit";
import { sleep } from "./wait";

interface ApiAnswer {
  status: number;
  text: string;
  /** The parsed body, or null when it is not JSON. */
  json: unknown;
}

/** A client of the relay's /v1 API with one bearer key. */
export interface ApiClient {
  call(
    method: string,
    path: string,
    body?: string | Buffer | object,
    key?: string | null,
  ): Promise<ApiAnswer>;
  /** PUT a channel; throws unless 200/201. */
  putChannel(platform: string, channelId: string, body: Record<string, unknown>): Promise<void>;
  /**
   * POST /v1/messages as a careful agent platform would: with an idempotency key, repeated until
   * the relay answers 202 (through 503s and refused connections). Returns the message id.
   */
  sendReliably(
    body: Record<string, unknown>,
    idempotencyKey: string,
    onAnswer?: (status: number) => void,
  ): Promise<string>;
  /** GET /v1/messages/{id}. */
  message(id: string): Promise<MessageView>;
}

export interface MessageView {
  id: string;
  status: "queued" | "sent" | "delivered" | "read" | "failed";
  attempts: number;
  metaMessageId?: string;
  failure?: { reason: string; message: string; meta?: { code: number; subcode?: number } };
}

export function createApiClient(base: string, apiKey: string): ApiClient {
  const call: ApiClient["call"] = async (method, path, body, key = apiKey) => {
    const headers: Record<string, string> = {};
    if (key !== null) headers.authorization = `Bearer ${key}`;
    let payload: string | Buffer | undefined;
    if (body !== undefined) {
      headers["content-type"] = "application/json";
      payload = typeof body === "string" || Buffer.isBuffer(body) ? body : JSON.stringify(body);
    }
    const res = await httpCall(`${base}${path}`, {
      method,
      headers,
      ...(payload === undefined ? {} : { body: payload }),
    });
    return { status: res.status, text: res.body, json: parseJson(res.body) };
  };
  return {
    call,
    async putChannel(platform, channelId, body) {
      const res = await call("PUT", `/v1/channels/${platform}/${channelId}`, body);
      if (res.status !== 200 && res.status !== 201) {
        throw new Error(`PUT channel ${platform}/${channelId}: ${res.status} ${res.text}`);
      }
    },
    async sendReliably(body, idempotencyKey, onAnswer) {
      const deadline = Date.now() + 120_000;
      let last = "";
      for (let wait = 100; Date.now() < deadline; wait = Math.min(wait * 2, 2_000)) {
        const res = await call("POST", "/v1/messages", { ...body, idempotencyKey }).catch(
          (err: Error) => ({ status: 0, text: err.message, json: null }),
        );
        onAnswer?.(res.status);
        if (res.status === 202) return (res.json as { id: string }).id;
        last = `${res.status} ${res.text}`;
        if (res.status !== 0 && res.status < 500)
          throw new Error(`POST /v1/messages refused: ${last}`);
        await sleep(wait);
      }
      throw new Error(`POST /v1/messages never accepted: ${last}`);
    },
    async message(id) {
      const res = await call("GET", `/v1/messages/${id}`);
      if (res.status !== 200) throw new Error(`GET /v1/messages/${id}: ${res.status} ${res.text}`);
      return res.json as MessageView;
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return null;
  }
}
