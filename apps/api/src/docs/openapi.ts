import { z } from "zod";
import { API_ROUTES, REQUEST_SCHEMAS, RESPONSE_SCHEMAS, type ApiRoute } from "./api-routes";

/** A JSON Schema (2020-12) object, as OpenAPI 3.1 embeds it. */
export type JsonSchema = Record<string, unknown>;

interface OpenApiParameter {
  name: string;
  in: "path";
  required: true;
  description?: string;
  schema: JsonSchema;
}

export interface OpenApiOperation {
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  security: Record<string, string[]>[];
  parameters?: OpenApiParameter[];
  requestBody?: { required: true; content: Record<string, { schema: JsonSchema }> };
  responses: Record<
    string,
    { description: string; content?: Record<string, { schema: JsonSchema }> }
  >;
}

export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: {
    schemas: Record<string, JsonSchema>;
    securitySchemes: Record<string, { type: "http"; scheme: string; description: string }>;
  };
}

const REF = (name: string) => `#/components/schemas/${name}`;

const TAGS = [
  {
    name: "Channels",
    description: "Connected Facebook pages, Instagram accounts and WhatsApp numbers",
  },
  {
    name: "Messages",
    description: "Replies to customers, checked against Meta's windows when sent",
  },
  { name: "Conversations", description: "Each customer's messaging window" },
  { name: "Operations", description: "Health, metrics, the queue dashboard and this reference" },
];

/**
 * The OpenAPI 3.1 document of the API, generated from the zod schemas the routes validate with
 * (zod's own JSON Schema output, which is the dialect OpenAPI 3.1 uses).
 */
export function buildOpenApiDocument(routes: ApiRoute[] = API_ROUTES): OpenApiDocument {
  const paths: OpenApiDocument["paths"] = {};
  for (const route of routes) {
    paths[route.path] = { ...paths[route.path], [route.method]: operation(route) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "meta-relay API",
      version: "1",
      description:
        "The agent API of meta-relay: connect Meta channels, queue replies that are checked against Meta's messaging windows when they are sent, and read their outcome. Every /v1 route takes `Authorization: Bearer <key>`; errors use one envelope, `{ error: { code, message, details? } }`.",
    },
    tags: TAGS,
    paths,
    components: {
      schemas: {
        ...namedSchemas(REQUEST_SCHEMAS, "input"),
        ...namedSchemas(RESPONSE_SCHEMAS, "output"),
      },
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "One of RELAY_API_KEYS" },
        dashboard: {
          type: "http",
          scheme: "basic",
          description: "DASHBOARD_USERNAME and DASHBOARD_PASSWORD",
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
    security: security(route.auth),
    responses: responses(route),
  };
  if (route.description) op.description = route.description;
  if (route.params) op.parameters = pathParameters(route.params);
  if (route.body) {
    op.requestBody = {
      required: true,
      content: { "application/json": { schema: { $ref: REF(route.body) } } },
    };
  }
  return op;
}

function security(auth: ApiRoute["auth"]): Record<string, string[]>[] {
  if (auth === "bearer") return [{ apiKey: [] }];
  if (auth === "basic") return [{ dashboard: [] }];
  return [];
}

function responses(route: ApiRoute): OpenApiOperation["responses"] {
  const out: OpenApiOperation["responses"] = {};
  for (const [status, response] of Object.entries(route.responses)) {
    const entry: OpenApiOperation["responses"][string] = { description: response.description };
    if (response.schema) {
      entry.content = { "application/json": { schema: { $ref: REF(response.schema) } } };
    } else if (response.contentType) {
      entry.content = { [response.contentType]: { schema: { type: "string" } } };
    }
    out[status] = entry;
  }
  return out;
}

function pathParameters(params: z.ZodObject): OpenApiParameter[] {
  const schema = clean(z.toJSONSchema(params, { io: "input" }));
  const properties = (schema["properties"] ?? {}) as Record<string, JsonSchema>;
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    const parameter: OpenApiParameter = { name, in: "path", required: true, schema: rest };
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
  const generated = z.toJSONSchema(registry, { io, uri: REF }) as {
    schemas: Record<string, JsonSchema>;
  };
  return Object.fromEntries(
    Object.entries(generated.schemas).map(([id, schema]) => [id, clean(schema)]),
  );
}

/** Drops the keywords that only make sense in a standalone JSON Schema document. */
function clean(schema: JsonSchema): JsonSchema {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}
