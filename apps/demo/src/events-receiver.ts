import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { EVENT_TYPES, type RelayEvent } from "@meta-relay/core";
import { EVENT_SIGNATURE_HEADER, verifyEventSignature } from "@meta-relay/queues";

/** Events are small JSON documents; anything larger is refused before it is read to the end. */
const MAX_EVENT_BYTES = 256 * 1024;
const EVENTS_PATH = "/events";

/**
 * The demo's stand-in for an agent platform: it takes the relay's signed events the way a real
 * receiver should (signature checked on the raw bytes first, deduplicated by event id).
 */
export interface EventsReceiver {
  /** The EVENTS_WEBHOOK_URL to give the relay. */
  readonly url: string;
  /** Every distinct event accepted, in arrival order. */
  readonly events: readonly RelayEvent[];
  /** Requests refused: bad or missing signature, too large, or not an event. */
  refused(): number;
  /** Called once per distinct event; returns the unsubscribe function. */
  onEvent(listener: (event: RelayEvent) => void): () => void;
  close(): Promise<void>;
}

export async function startEventsReceiver(secret: string): Promise<EventsReceiver> {
  const events: RelayEvent[] = [];
  const seen = new Set<string>();
  const listeners = new Set<(event: RelayEvent) => void>();
  let refused = 0;

  const accept = (event: RelayEvent) => {
    if (seen.has(event.id)) return; // at-least-once delivery: the id is the dedupe key
    seen.add(event.id);
    events.push(event);
    for (const listener of listeners) listener(event);
  };
  const refuse = (res: ServerResponse, status: number) => {
    refused += 1;
    res.writeHead(status).end();
  };

  const server = createServer((req, res) => {
    if (req.method !== "POST" || req.url !== EVENTS_PATH) {
      res.writeHead(404).end();
      return;
    }
    void readBody(req).then((raw) => {
      if (raw === null) return refuse(res, 413);
      const signature = req.headers[EVENT_SIGNATURE_HEADER.toLowerCase()];
      // Verify before parsing: an unsigned body is never looked at.
      if (typeof signature !== "string" || !verifyEventSignature(raw, signature, secret)) {
        return refuse(res, 401);
      }
      const event = parseEvent(raw);
      if (event === null) return refuse(res, 400);
      accept(event);
      res.writeHead(204).end();
    });
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}${EVENTS_PATH}`,
    events,
    refused: () => refused,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The raw body, or null when it is larger than MAX_EVENT_BYTES (the connection is then closed). */
function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > MAX_EVENT_BYTES) {
      resolve(null);
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_EVENT_BYTES) {
        resolve(null);
        req.removeAllListeners("data");
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", () => resolve(null));
  });
}

function parseEvent(raw: Buffer): RelayEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(raw.toString("utf8"));
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const { id, type, occurredAt, data } = value as Record<string, unknown>;
  const known = (EVENT_TYPES as readonly unknown[]).includes(type);
  if (typeof id !== "string" || !known || typeof occurredAt !== "string") return null;
  if (typeof data !== "object" || data === null) return null;
  return value as RelayEvent;
}

function listen(server: ReturnType<typeof createServer>): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
  });
}
