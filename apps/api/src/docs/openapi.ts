import { z } from "zod";
import {
  API_ROUTES,
  API_TAGS,
  COMMON_V1_ERRORS,
  REQUEST_SCHEMAS,
  RESPONSE_SCHEMAS,
  type ApiRoute,
  type RouteResponse,
} from "./api-routes";
import { EVENT_CATALOG, type EventDoc } from "./event-catalog";
import { EVENT_DATA_SCHEMAS } from "./event-schemas";
import type {
  JsonSchema,
  OpenApiDocument,
  OpenApiOperation,
  OpenApiParameter,
  OpenApiResponse,
} from "./openapi-types";
import {
  buildWebhooks,
  eventEnvelopeSchemas,
  eventHeaderParameters,
  EVENTS_TAG,
} from "./openapi-webhooks";

export type { JsonSchema, OpenApiDocument } from "./openapi-types";

const REF = (name: string) => `#/components/schemas/${name}`;

const DESCRIPTION = [
  "The agent API of meta-relay: connect Meta channels, queue replies that are checked against Meta's messaging windows when they are sent, read their outcome, and receive events.",
  "Every `/v1` route takes `Authorization: Bearer <key>`. Errors use one envelope, `{ error: { code, message, details? } }`.",
  "The events the relay POSTs to your EVENTS_WEBHOOK_URL are the `webhooks` of this document. A typed client, `@meta-relay/client`, is generated from it.",
  "Health (`/healthz`, `/readyz`), metrics (`/metrics`) and the queue dashboard (`/admin/queues`) are operators' routes, described in docs/operations.md.",
].join("\n\n");

/**
 * The OpenAPI 3.1 document of the API and its events, generated from the zod schemas the routes
 * validate with (zod's own JSON Schema output, the dialect OpenAPI 3.1 uses).
 */
export function buildOpenApiDocument(
  routes: ApiRoute[] = API_ROUTES,
  events: Record<string, EventDoc> = EVENT_CATALOG,
): OpenApiDocument {
  const paths: OpenApiDocument["paths"] = {};
  for (const route of routes) {
    paths[route.path] = { ...paths[route.path], [route.method]: operation(route) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "meta-relay API",
      version: "1",
      description: DESCRIPTION,
      // The project is not licensed to others (package.json: UNLICENSED); SPDX's LicenseRef- form
      // names a license that is not on its list.
      license: { name: "Proprietary (UNLICENSED)", identifier: "LicenseRef-Proprietary" },
    },
    servers: [{ url: "/", description: "The relay that serves this document" }],
    tags: [
      ...Object.entries(API_TAGS).map(([name, description]) => ({ name, description })),
      EVENTS_TAG,
    ],
    paths,
    webhooks: buildWebhooks(events),
    components: {
      schemas: {
        ...namedSchemas(REQUEST_SCHEMAS, "input"),
        ...namedSchemas(
          { ...RESPONSE_SCHEMAS, ...EVENT_DATA_SCHEMAS, ...eventEnvelopeSchemas(events) },
          "output",
        ),
      },
      parameters: eventHeaderParameters(),
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          description: "One of RELAY_API_KEYS (admin), or a scoped key from POST /v1/keys",
        },
      },
    },
  };
}

function operation(route: ApiRoute): OpenApiOperation {
  const op: OpenApiOperation = {
    operationId: route.operationId,
    tags: [route.tag],
    summary: route.summary,
    security: [{ apiKey: [] }],
    responses: responses({ ...COMMON_V1_ERRORS, ...route.responses }),
  };
  if (route.description) op.description = route.description;
  const parameters = [
    ...(route.params ? parametersOf(route.params, "path") : []),
    ...(route.query ? parametersOf(route.query, "query") : []),
  ];
  if (parameters.length > 0) op.parameters = parameters;
  if (route.body) {
    const media: { schema: JsonSchema; example?: unknown } = { schema: { $ref: REF(route.body) } };
    if (route.bodyExample !== undefined) media.example = route.bodyExample;
    op.requestBody = { required: true, content: { "application/json": media } };
  }
  return op;
}

function responses(all: Record<number, RouteResponse>): OpenApiOperation["responses"] {
  const out: OpenApiOperation["responses"] = {};
  for (const [status, response] of Object.entries(all)) {
    const entry: OpenApiResponse = { description: response.description };
    if (response.schema) {
      entry.content = { "application/json": { schema: { $ref: REF(response.schema) } } };
    } else if (response.contentType) {
      entry.content = { [response.contentType]: { schema: { type: "string" } } };
    }
    out[status] = entry;
  }
  return out;
}

function parametersOf(params: z.ZodObject, where: "path" | "query"): OpenApiParameter[] {
  const schema = clean(z.toJSONSchema(params, { io: "input" }));
  const properties = (schema["properties"] ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema["required"] ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    const parameter: OpenApiParameter = {
      name,
      in: where,
      required: where === "path" || required.has(name),
      schema: rest,
    };
    if (typeof description === "string") parameter.description = description;
    return parameter;
  });
}

function namedSchemas(
  schemas: Record<string, z.ZodType>,
  io: "input" | "output",
): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const generated = z.toJSONSchema(registry, {
    io,
    uri: REF,
    override: io === "output" ? openOutput : undefined,
  }) as { schemas: Record<string, JsonSchema> };
  return Object.fromEntries(
    Object.entries(generated.schemas).map(([id, schema]) => [id, clean(schema)]),
  );
}

/**
 * What the relay returns and sends gains fields over time (release 2 adds many), so a receiver that
 * validates with these schemas must not refuse a field it does not know yet: answers and events are
 * documented open, not with zod's `additionalProperties: false`. `format: date-time` says what the
 * long pattern zod adds to ISO times says.
 */
function openOutput(ctx: { zodSchema: z.core.$ZodType; jsonSchema: JsonSchema }): void {
  const def = ctx.zodSchema._zod.def as { type: string; catchall?: z.core.$ZodType };
  const strict = def.catchall?._zod.def.type === "never";
  if (def.type === "object" && !strict && ctx.jsonSchema["additionalProperties"] === false) {
    delete ctx.jsonSchema["additionalProperties"];
  }
  if (ctx.jsonSchema["format"] === "date-time") delete ctx.jsonSchema["pattern"];
}

/** Drops the keywords that only make sense in a standalone JSON Schema document. */
function clean(schema: JsonSchema): JsonSchema {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}
