// The agent platform's side of event delivery, for tests: a loopback server that checks each
// request's X-Relay-Signature itself (it shares no code with the relay, so it can catch a bad one).
import { createHmac, timingSafeEqual } from "node:crypto";
import {
  createServer,
  type IncomingHttpHeaders,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

const SCHEME = "sha256=";

/** True when `header` is `sha256=<hex HMAC-SHA256 of rawBody under secret>`; constant-time. */
export function hasEventSignature(
  rawBody: Buffer,
  header: string | string[] | undefined,
  secret: string,
): boolean {
  if (typeof header !== "string" || !header.startsWith(SCHEME)) return false;
  const given = Buffer.from(header.slice(SCHEME.length), "hex");
  const expected = createHmac("sha256", secret).update(rawBody).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The envelope of one relay event as it arrived. */
export interface ReceivedEvent {
  id: string;
  type: string;
  occurredAt: string;
  data: Record<string, unknown>;
  [field: string]: unknown;
}

/**
 * What a test takes each envelope for (e.g. core's RelayEvent); the receiver only reads its `id`, and
 * does not check the rest against the type.
 */
type EventShape = { id: string };

/** One POST as the agent platform saw it. */
export interface ReceivedRequest<E extends EventShape = ReceivedEvent> {
  rawBody: Buffer;
  headers: IncomingHttpHeaders;
  method: string;
  /** The parsed envelope (the signature is checked over `rawBody`, not over this). */
  event: E;
  /** Whether X-Relay-Signature verified under the receiver's secret. */
  signed: boolean;
  at: number;
}

/** How the receiver answers: a status (with headers, after `delayMs`), or nothing for `hangMs`. */
export type ReceiverAnswer =
  { status: number; headers?: Record<string, string>; delayMs?: number } | { hangMs: number };

/** A loopback HTTP server playing the agent platform; it can go down and come back on its port. */
export interface EventsReceiver<E extends EventShape = ReceivedEvent> {
  /** Use as EVENTS_WEBHOOK_URL. */
  url: string;
  /** Every request, signed or not, in arrival order (retries included). */
  requests: ReceivedRequest<E>[];
  /** The events of the signed requests, in arrival order (retries included). */
  events: E[];
  /** Requests whose X-Relay-Signature did not verify. */
  unsigned: number;
  /** Decides each answer; `nth` counts the requests for that event id, from 1. Default 200. */
  answer: (request: ReceivedRequest<E>, nth: number) => ReceiverAnswer;
  up(): Promise<void>;
  down(): Promise<void>;
  close(): Promise<void>;
}

/** Binds port 0 once to learn a free port, then serves on it whenever `up()` is called. */
export async function startEventsReceiver<E extends EventShape = ReceivedEvent>(
  secret: string,
): Promise<EventsReceiver<E>> {
  let server: Server | null = null;
  let port = 0;
  const perId = new Map<string, number>();
  const receiver: EventsReceiver<E> = {
    url: "",
    requests: [],
    events: [],
    unsigned: 0,
    answer: () => ({ status: 200 }),
    async up() {
      server = await listen<E>(
        port,
        (request, res) => respond(receiver, perId, request, res),
        secret,
      );
    },
    async down() {
      const current = server;
      server = null;
      if (!current) return;
      current.closeAllConnections();
      await new Promise<void>((resolve) => current.close(() => resolve()));
    },
    close: () => receiver.down(),
  };
  await receiver.up();
  // The first `up()` binds port 0; later ones come back on the port it got.
  port = ((server as Server | null)?.address() as AddressInfo).port;
  receiver.url = `http://127.0.0.1:${port}/relay-events`;
  return receiver;
}

type Respond<E extends EventShape> = (request: ReceivedRequest<E>, res: ServerResponse) => void;

function respond<E extends EventShape>(
  receiver: EventsReceiver<E>,
  perId: Map<string, number>,
  request: ReceivedRequest<E>,
  res: ServerResponse,
): void {
  receiver.requests.push(request);
  if (request.signed) receiver.events.push(request.event);
  else receiver.unsigned += 1;
  const nth = (perId.get(request.event.id) ?? 0) + 1;
  perId.set(request.event.id, nth);
  const answer = receiver.answer(request, nth);
  if ("hangMs" in answer) {
    setTimeout(() => res.destroy(), answer.hangMs).unref();
    return;
  }
  const reply = () => res.writeHead(answer.status, answer.headers ?? {}).end("{}");
  if (answer.delayMs) setTimeout(reply, answer.delayMs).unref();
  else reply();
}

function listen<E extends EventShape>(
  port: number,
  onRequest: Respond<E>,
  secret: string,
): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const rawBody = Buffer.concat(chunks);
      onRequest(
        {
          rawBody,
          headers: req.headers,
          method: req.method ?? "",
          event: JSON.parse(rawBody.toString("utf8")) as E,
          signed: hasEventSignature(rawBody, req.headers["x-relay-signature"], secret),
          at: Date.now(),
        },
        res,
      );
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

/**
 * Environment that names an events receiver nobody listens on (port 9, discard), for tests that read
 * the events queue: without EVENTS_WEBHOOK_URL the relay counts events and never queues them. No
 * events processor runs where this is used, so nothing is ever POSTed there.
 */
export const QUEUED_EVENTS_ENV: Readonly<Record<string, string>> = {
  EVENTS_WEBHOOK_URL: "http://127.0.0.1:9/events",
  EVENTS_WEBHOOK_SECRET: "queued-events-test-secret-0123456789",
};
