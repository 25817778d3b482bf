import axios, { type AxiosInstance } from "axios";
import type { GraphFailure } from "./classify";
import type { GraphRequest } from "./send-request";

export interface GraphClientOptions {
  /** META_GRAPH_URL, without a trailing slash. */
  graphUrl: string;
  /** META_INSTAGRAM_GRAPH_URL, for requests with `host: "instagram"` (Instagram Login channels). */
  instagramGraphUrl?: string | undefined;
  /** Milliseconds before a call is abandoned (GRAPH_TIMEOUT_MS). */
  timeoutMs: number;
}

export type GraphSendResult =
  | { ok: true; httpStatus: number; metaMessageId: string | null }
  | { ok: false; failure: GraphFailure };

/** Calls the Graph API's send endpoints. One call per `send`: retrying is the worker's business. */
export interface GraphClient {
  /** `token` goes in the Authorization header only; it never appears in a result or an error. */
  send(request: GraphRequest, token: string, signal?: AbortSignal): Promise<GraphSendResult>;
}

// Connection errors where the request never reached Meta, so a retry cannot duplicate anything.
const NOT_CONNECTED = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);

export function createGraphClient(options: GraphClientOptions): GraphClient {
  const graph = graphHttp(options.graphUrl, options.timeoutMs);
  const instagram = graphHttp(
    options.instagramGraphUrl ?? "https://graph.instagram.com",
    options.timeoutMs,
  );
  return {
    async send(request, token, signal) {
      const http = request.host === "instagram" ? instagram : graph;
      try {
        const response = await http.post<unknown>(request.path, request.body, {
          headers: { authorization: `Bearer ${token}` },
          ...(signal ? { signal } : {}),
        });
        return interpret(response.status, response.data);
      } catch (error) {
        return { ok: false, failure: transportFailure(error) };
      }
    },
  };
}

/** An axios instance for one Meta host; shared by the send and the channel calls. */
export function graphHttp(baseURL: string, timeoutMs: number): AxiosInstance {
  return axios.create({
    baseURL,
    timeout: timeoutMs,
    maxRedirects: 0,
    // Every status is an answer to classify, not an exception.
    validateStatus: () => true,
    transitional: { clarifyTimeoutError: true },
    headers: { "content-type": "application/json", "user-agent": "meta-relay" },
  });
}

function interpret(status: number, data: unknown): GraphSendResult {
  const error = metaError(data);
  if (error) return { ok: false, failure: { kind: "meta", httpStatus: status, ...error } };
  if (status >= 200 && status < 300)
    return { ok: true, httpStatus: status, metaMessageId: messageIdOf(data) };
  return { ok: false, failure: { kind: "http", httpStatus: status } };
}

export function metaError(
  data: unknown,
): { code: number; subcode?: number; message: string } | null {
  if (!isRecord(data) || !isRecord(data.error)) return null;
  const { code, error_subcode: subcode, message } = data.error;
  if (typeof code !== "number") return null;
  return {
    code,
    ...(typeof subcode === "number" ? { subcode } : {}),
    message: typeof message === "string" ? message.slice(0, 500) : "",
  };
}

/** Messenger answers `message_id`; WhatsApp `messages[0].id` (a wamid). */
function messageIdOf(data: unknown): string | null {
  if (!isRecord(data)) return null;
  if (typeof data.message_id === "string") return data.message_id;
  const first = Array.isArray(data.messages) ? (data.messages[0] as unknown) : undefined;
  return isRecord(first) && typeof first.id === "string" ? first.id : null;
}

export function transportFailure(error: unknown): GraphFailure {
  const code = axios.isAxiosError(error) ? (error.code ?? "") : "";
  if (code === "ETIMEDOUT" || code === "ECONNABORTED") return { kind: "timeout" };
  if (code === "ERR_CANCELED") return { kind: "network", errorCode: code, connected: true };
  return { kind: "network", errorCode: code || "UNKNOWN", connected: !NOT_CONNECTED.has(code) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
