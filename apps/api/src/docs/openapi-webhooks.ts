import { z } from "zod";
import { EVENT_CATALOG, EVENT_HEADERS, type EventDoc } from "./event-catalog";
import { EVENT_DATA_SCHEMAS } from "./event-schemas";
import type { OpenApiOperation, OpenApiParameter } from "./openapi-types";

/** "message.received" → "MessageReceived". */
function pascalCase(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== "")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}

/** The component name of an event type's whole body, e.g. MessageReceivedEvent. */
const eventSchemaName = (type: string) => `${pascalCase(type)}Event`;

/** The envelope of each event type, `data` being its named schema: what is POSTed, exactly. */
export function eventEnvelopeSchemas(
  catalog: Record<string, EventDoc> = EVENT_CATALOG,
): Record<string, z.ZodType> {
  return Object.fromEntries(
    Object.entries(catalog).map(([type, doc]) => {
      const envelope = z
        .object({
          id: z.string().describe("The event id: the same on every retry, the dedupe key"),
          type: z.literal(type),
          occurredAt: z.iso.datetime().describe("When the event was created"),
          data: EVENT_DATA_SCHEMAS[doc.data],
        })
        .describe(doc.summary);
      return [
        eventSchemaName(type),
        doc.examples ? envelope.meta({ examples: [...doc.examples] }) : envelope,
      ];
    }),
  );
}

export const EVENTS_TAG = {
  name: "Events",
  description:
    "What the relay POSTs to EVENTS_WEBHOOK_URL: one event per request, retried with backoff for up to EVENTS_MAX_AGE_HOURS while the receiver fails. Verify the signature on the raw body before parsing it, and dedupe on `webhook-id`.",
};

/** How the relay treats the receiver's answer (apps/worker/src/events/classify.ts). */
const RECEIVER_ANSWERS: OpenApiOperation["responses"] = {
  "2XX": { description: "Delivered: the relay will not send this event again" },
  "408": { description: "Retried" },
  "410": { description: "Refused for good, like any other 4XX: not retried" },
  "429": { description: "Retried, no sooner than `Retry-After` when the answer has one" },
  "4XX": { description: "Refused for good (except 408 and 429): not retried" },
  "5XX": {
    description: "Retried, like a redirect, a timeout (EVENTS_TIMEOUT_MS) or no connection",
  },
};

/** The header parameters every event request carries, for components.parameters. */
export function eventHeaderParameters(): Record<string, OpenApiParameter> {
  return Object.fromEntries(
    Object.entries(EVENT_HEADERS).map(([id, header]) => [
      id,
      { ...header, in: "header", required: true, schema: { ...header.schema } },
    ]),
  );
}

/** The OpenAPI 3.1 `webhooks`: one POST per event type, with its headers and body. */
export function buildWebhooks(
  catalog: Record<string, EventDoc> = EVENT_CATALOG,
): Record<string, { post: OpenApiOperation }> {
  const headers = Object.keys(EVENT_HEADERS).map((id) => ({
    $ref: `#/components/parameters/${id}`,
  }));
  const entries = Object.entries(catalog).map(([type, doc]) => {
    const post: OpenApiOperation = {
      operationId: `on${pascalCase(type)}`,
      tags: [EVENTS_TAG.name],
      summary: doc.summary,
      security: [],
      parameters: headers,
      requestBody: {
        required: true,
        content: {
          "application/json": { schema: { $ref: `#/components/schemas/${eventSchemaName(type)}` } },
        },
      },
      responses: RECEIVER_ANSWERS,
    };
    if (doc.description) post.description = doc.description;
    return [type, { post }] as const;
  });
  return Object.fromEntries(entries);
}
