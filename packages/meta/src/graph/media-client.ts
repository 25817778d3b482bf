import { pipeline, Transform, type Readable, type TransformCallback } from "node:stream";
import axios, { type AxiosInstance, type AxiosResponse } from "axios";
import { MediaMetaError, MediaNotFoundError, MediaTooLargeError } from "./media-errors";

export interface MediaClientOptions {
  /** META_GRAPH_URL, without a trailing slash. */
  graphUrl: string;
  /** META_GRAPH_VERSION. */
  graphVersion: string;
  /** Milliseconds the Graph lookup, and the download's first byte, may take (GRAPH_TIMEOUT_MS). */
  timeoutMs: number;
  /** MEDIA_MAX_BYTES: a larger file is refused, before or while it streams. */
  maxBytes: number;
}

export interface MediaRequest {
  /** The WhatsApp phone number id the media was sent to. */
  phoneNumberId: string;
  mediaId: string;
  /** The channel's access token: sent to Meta only, never logged or returned. */
  token: string;
  /** Aborting it (the client went away) cancels the lookup or the download. */
  signal: AbortSignal;
}

/** An open download: the bytes flow only as fast as they are read (constant memory). */
export interface MediaDownload {
  contentType: string;
  /** Meta's Content-Length, or null when Meta streams without one. */
  contentLength: number | null;
  body: Readable;
}

/** WhatsApp media through the Graph API: the lookup of the media's URL, then its bytes. */
export interface MediaClient {
  /** Rejects with MediaNotFoundError, MediaMetaError or MediaTooLargeError. */
  open(request: MediaRequest): Promise<MediaDownload>;
}

/**
 * Stalls longer than this between two chunks end the download. Generous: a client reading
 * slowly pauses Meta's stream too (backpressure), and that is not Meta failing.
 */
const IDLE_TIMEOUT_MS = 60_000;
/** Meta's lookup answer is a few hundred bytes of JSON. */
const LOOKUP_MAX_BYTES = 64 * 1024;

export function createMediaClient(options: MediaClientOptions): MediaClient {
  const http: AxiosInstance = axios.create({
    maxRedirects: 0,
    validateStatus: () => true,
    // The bytes go on exactly as Meta sent them, with Meta's length.
    decompress: false,
    transitional: { clarifyTimeoutError: true },
    headers: { "user-agent": "meta-relay", "accept-encoding": "identity" },
  });
  const graph = new URL(options.graphUrl);
  return {
    async open(request) {
      const info = await lookup(http, options, request);
      if (info.size !== null && info.size > options.maxBytes) {
        throw new MediaTooLargeError(options.maxBytes);
      }
      if (!mayCarryToken(info.url, graph)) {
        throw new MediaMetaError("Meta named a media URL the token may not be sent to.");
      }
      return download(http, options, request, info.url);
    },
  };
}

interface MediaInfo {
  url: URL;
  size: number | null;
}

async function lookup(
  http: AxiosInstance,
  options: MediaClientOptions,
  request: MediaRequest,
): Promise<MediaInfo> {
  const response = await call(() =>
    http.get<unknown>(
      `${options.graphUrl}/${options.graphVersion}/${encodeURIComponent(request.mediaId)}`,
      {
        // Meta then checks that the media belongs to this number, not just to the token.
        params: { phone_number_id: request.phoneNumberId },
        headers: { authorization: `Bearer ${request.token}` },
        timeout: options.timeoutMs,
        maxContentLength: LOOKUP_MAX_BYTES,
        responseType: "json",
        signal: request.signal,
      },
    ),
  );
  const data = response.data;
  const error = metaError(data);
  if (error) {
    // 100 with subcode 33: "Object with ID … does not exist" (unknown, expired or someone else's).
    if (error.code === 100) throw new MediaNotFoundError();
    throw new MediaMetaError("Meta refused the media lookup.", {
      ...error,
      httpStatus: response.status,
    });
  }
  const url = isRecord(data) && typeof data.url === "string" ? parseUrl(data.url) : null;
  if (response.status !== 200 || !url) {
    throw new MediaMetaError("Meta's media lookup failed.", { httpStatus: response.status });
  }
  const size = isRecord(data) ? Number(data.file_size) : NaN;
  return { url, size: Number.isSafeInteger(size) && size >= 0 ? size : null };
}

async function download(
  http: AxiosInstance,
  options: MediaClientOptions,
  request: MediaRequest,
  url: URL,
): Promise<MediaDownload> {
  const response = await call(() =>
    http.get<Readable>(url.toString(), {
      headers: { authorization: `Bearer ${request.token}` },
      responseType: "stream",
      timeout: Math.max(options.timeoutMs, IDLE_TIMEOUT_MS),
      signal: request.signal,
    }),
  );
  const body = response.data;
  if (response.status !== 200) {
    body.destroy();
    if (response.status === 404 || response.status === 410) throw new MediaNotFoundError();
    throw new MediaMetaError("Meta's media download failed.", { httpStatus: response.status });
  }
  const contentLength = lengthOf(response);
  if (contentLength !== null && contentLength > options.maxBytes) {
    body.destroy();
    throw new MediaTooLargeError(options.maxBytes);
  }
  const contentType = headerOf(response, "content-type") ?? "application/octet-stream";
  const limited = byteLimit(options.maxBytes);
  // Either end failing or closing early (the client went away) tears down both: Meta's
  // connection is not left open behind a reader that is gone.
  pipeline(body, limited, () => undefined);
  return { contentType, contentLength, body: limited };
}

/** Runs a Graph call; a transport failure (refused, reset, timeout) is Meta failing. */
async function call<T>(request: () => Promise<AxiosResponse<T>>): Promise<AxiosResponse<T>> {
  try {
    return await request();
  } catch (error) {
    const code = axios.isAxiosError(error) ? (error.code ?? "UNKNOWN") : "UNKNOWN";
    throw new MediaMetaError("Meta could not be reached for the media.", { errorCode: code });
  }
}

/** Passes bytes through, failing the stream once more than `max` went by. */
function byteLimit(max: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      seen += chunk.length;
      if (seen > max) return done(new MediaTooLargeError(max));
      done(null, chunk);
    },
  });
}

/**
 * The token goes only to HTTPS URLs (Meta's CDN) or to the Graph API's own origin (a Graph URL
 * configured as plain HTTP, such as a local simulator). Meta's URL is followed without redirects.
 */
function mayCarryToken(url: URL, graph: URL): boolean {
  return url.protocol === "https:" || url.origin === graph.origin;
}

function lengthOf(response: AxiosResponse): number | null {
  const value = headerOf(response, "content-length");
  if (value === undefined || !/^\d{1,15}$/.test(value)) return null;
  return Number(value);
}

function headerOf(response: AxiosResponse, name: string): string | undefined {
  const value: unknown = response.headers[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}

function metaError(data: unknown): { code: number; subcode?: number } | null {
  if (!isRecord(data) || !isRecord(data.error) || typeof data.error.code !== "number") return null;
  const subcode = data.error.error_subcode;
  return { code: data.error.code, ...(typeof subcode === "number" ? { subcode } : {}) };
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
