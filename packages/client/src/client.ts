import createFetchClient, { type Client } from "openapi-fetch";
import type { paths } from "./generated/openapi";

export interface ClientOptions {
  /** Where the relay's agent API listens, e.g. https://relay.example.com (no /v1). */
  baseUrl: string;
  /** A key of RELAY_API_KEYS, sent as `Authorization: Bearer <key>` on every call. */
  apiKey: string;
  /** Another fetch implementation (default: the global fetch). */
  fetch?: (request: Request) => Promise<Response>;
}

/**
 * The agent API with typed calls: `client.POST("/v1/messages", { body })` resolves to
 * `{ data, error, response }`, `data` typed by the route's success and `error` by its error envelope.
 */
export type RelayClient = Client<paths>;

export function createClient(options: ClientOptions): RelayClient {
  return createFetchClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ""),
    headers: { Authorization: `Bearer ${options.apiKey}` },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
