import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { RelayEvent } from "@meta-relay/core";
import { randomBytes } from "node:crypto";
import {
  EVENT_SIGNATURE_HEADER,
  verifyEventSignature,
  verifyStandardWebhook,
} from "@meta-relay/queues";
import { sensitive } from "./sensitive";

/**
 * The agent platform's side of the events: verifies every signature — X-Relay-Signature, and the
 * Standard Webhooks signature under each of the two secrets of a rotation — keeps the first copy of
 * each event id and counts the rest (delivery is at least once). Answers 401 to a bad signature,
 * else 200.
 */
export interface EventsReceiver {
  readonly url: string;
  /** EVENTS_WEBHOOK_SECRET: two whsec_ secrets, the new one first, as during a rotation. */
  readonly secret: string;
  /** Every POST, duplicates included. */
  readonly deliveries: () => number;
  /** POSTs of an event id seen before. */
  readonly repeats: () => number;
  readonly badSignatures: () => number;
  /** First copy of each event, by event id. */
  readonly events: Map<string, RelayEvent>;
  /** Distinct `message.received` event ids per Meta message id. */
  receivedIds(metaMessageId: string): number;
  /** The (first) `message.received` event of a Meta message id. */
  received(metaMessageId: string): RelayEvent | null;
  /** `sent` / `failed` for one of our message ids, from its events. */
  outcome(messageId: string): { type: "message.sent" | "message.failed"; event: RelayEvent } | null;
  close(): Promise<void>;
}

/** A whsec_ secret, recorded as sensitive whole and without its prefix. */
function newWhsecSecret(): string {
  const encoded = sensitive("events secret (base64)", randomBytes(32).toString("base64"));
  return sensitive("events secret (whsec_)", `whsec_${encoded}`);
}

export async function startEventsReceiver(): Promise<EventsReceiver> {
  const [newer, older] = [newWhsecSecret(), newWhsecSecret()];
  const secret = `${newer},${older}`;
  const events = new Map<string, RelayEvent>();
  const receivedByMeta = new Map<string, Set<string>>();
  const firstReceived = new Map<string, RelayEvent>();
  const outcomes = new Map<
    string,
    { type: "message.sent" | "message.failed"; event: RelayEvent }
  >();
  let deliveries = 0;
  let repeats = 0;
  let badSignatures = 0;

  const record = (event: RelayEvent) => {
    if (events.has(event.id)) {
      repeats += 1;
      return;
    }
    events.set(event.id, event);
    const data = event.data as unknown as Record<string, unknown>;
    if (event.type === "message.received") {
      const meta = String(data.metaMessageId);
      const ids = receivedByMeta.get(meta) ?? new Set<string>();
      ids.add(event.id);
      receivedByMeta.set(meta, ids);
      if (!firstReceived.has(meta)) firstReceived.set(meta, event);
    }
    if (event.type === "message.sent" || event.type === "message.failed") {
      const id = String(data.id);
      if (!outcomes.has(id)) outcomes.set(id, { type: event.type, event });
    }
  };

  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      deliveries += 1;
      const relaySigned = verifyEventSignature(
        raw,
        req.headers[EVENT_SIGNATURE_HEADER.toLowerCase()] as string,
        newer,
      );
      // A receiver that has the new secret, and one still on the old: both must accept.
      const standardSigned =
        verifyStandardWebhook(raw, req.headers, newer) &&
        verifyStandardWebhook(raw, req.headers, older);
      if (!relaySigned || !standardSigned) {
        badSignatures += 1;
        res.writeHead(401).end();
        return;
      }
      record(JSON.parse(raw.toString("utf8")) as RelayEvent);
      res.writeHead(200).end();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/events`,
    secret,
    deliveries: () => deliveries,
    repeats: () => repeats,
    badSignatures: () => badSignatures,
    events,
    receivedIds: (metaMessageId) => receivedByMeta.get(metaMessageId)?.size ?? 0,
    received: (metaMessageId) => firstReceived.get(metaMessageId) ?? null,
    outcome: (messageId) => outcomes.get(messageId) ?? null,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
