import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { RelayEvent } from "@meta-relay/core";
import { EVENT_SIGNATURE_HEADER, verifyEventSignature } from "@meta-relay/queues";
import { newSecret } from "./sensitive";

/**
 * The agent platform's side of the events: verifies every signature, keeps the first copy of each
 * event id and counts the rest (delivery is at least once). Always answers 200.
 */
export interface EventsReceiver {
  readonly url: string;
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

export async function startEventsReceiver(): Promise<EventsReceiver> {
  const secret = newSecret("events secret");
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
      if (
        !verifyEventSignature(
          raw,
          req.headers[EVENT_SIGNATURE_HEADER.toLowerCase()] as string,
          secret,
        )
      ) {
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
