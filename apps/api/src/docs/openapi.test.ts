import { EVENT_TYPES } from "@meta-relay/core";
import { z } from "zod";
import {
  channelParamsSchema,
  channelPutBodySchema,
  messageBodySchema,
  messageSchema,
} from "../v1/schemas";
import { API_ROUTES, COMMON_V1_ERRORS } from "./api-routes";
import { EVENT_HEADERS } from "./event-catalog";
import { messageFailedDataSchema } from "./event-schemas";
import { buildOpenApiDocument, type JsonSchema } from "./openapi";
import type { OpenApiParameter } from "./openapi-types";

function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, found));
  else if (typeof value === "object" && value !== null) {
    for (const [key, v] of Object.entries(value)) {
      if (key === "$ref" && typeof v === "string") found.push(v);
      else refsIn(v, found);
    }
  }
  return found;
}

const withoutMeta = (schema: JsonSchema) => {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
};

describe("buildOpenApiDocument", () => {
  const doc = buildOpenApiDocument();
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ route: `${method} ${path}`, path, op })),
  );

  it("is an OpenAPI 3.1 document of the /v1 routes, with a server and a license", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers).toEqual([{ url: "/", description: expect.any(String) }]);
    expect(doc.info.license).toEqual({ name: expect.any(String), identifier: expect.any(String) });
    expect(operations.map((o) => o.route).sort()).toEqual(
      [
        "put /v1/channels/{platform}/{channelId}",
        "get /v1/channels",
        "get /v1/channels/{platform}/{channelId}",
        "delete /v1/channels/{platform}/{channelId}",
        "post /v1/messages",
        "get /v1/messages/{id}",
        "get /v1/conversations/{platform}/{channelId}/{userId}",
        "post /v1/conversations/{platform}/{channelId}/{userId}/actions",
        "get /v1/channels/whatsapp/{channelId}/media/{mediaId}",
        "post /v1/keys",
        "get /v1/keys",
        "delete /v1/keys/{id}",
        "get /v1/channels/{platform}/{channelId}/conversations",
      ].sort(),
    );
    const ids = [...operations.map((o) => o.op.operationId), ...Object.keys(doc.webhooks)];
    expect(new Set(ids).size).toBe(ids.length);
    expect(API_ROUTES).toHaveLength(operations.length);
  });

  it("generates bodies and parameters from the very schemas the routes validate with", () => {
    expect(doc.components.schemas["MessageInput"]).toEqual(
      withoutMeta(z.toJSONSchema(messageBodySchema, { io: "input" }) as JsonSchema),
    );
    expect(doc.components.schemas["ChannelInput"]).toEqual(
      withoutMeta(z.toJSONSchema(channelPutBodySchema, { io: "input" }) as JsonSchema),
    );
    // Answers are documented open to new fields; otherwise exactly zod's output.
    const message = withoutMeta(z.toJSONSchema(messageSchema, { io: "output" }));
    expect(Object.keys(doc.components.schemas["Message"]?.["properties"] ?? {})).toEqual(
      Object.keys(message["properties"] ?? {}),
    );
    expect(doc.components.schemas["Message"]?.["required"]).toEqual(message["required"]);
    expect(doc.components.schemas["Message"]?.["additionalProperties"]).toBeUndefined();
    const put = doc.paths["/v1/channels/{platform}/{channelId}"]?.["put"];
    const platform = put?.parameters?.find((p) => (p as OpenApiParameter).name === "platform");
    const generated = z.toJSONSchema(channelParamsSchema, { io: "input" }) as {
      properties: Record<string, JsonSchema>;
    };
    const { description, ...schema } = generated.properties["platform"] ?? {};
    expect(platform).toEqual({ name: "platform", in: "path", required: true, description, schema });
  });

  it("gives every /v1 route the API key and every error its middleware can answer", () => {
    for (const { route, op } of operations) {
      expect({ route, security: op.security }).toEqual({ route, security: [{ apiKey: [] }] });
      for (const status of Object.keys(COMMON_V1_ERRORS)) {
        expect({ route, status, schema: op.responses[status]?.content }).toEqual({
          route,
          status,
          schema: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        });
      }
    }
    const reads = ["get /v1/channels/{platform}/{channelId}", "get /v1/messages/{id}"];
    for (const route of reads) {
      expect(operations.find((o) => o.route === route)?.op.responses["404"]).toBeDefined();
    }
  });

  it("documents every event type as a webhook with the signature headers and its body", () => {
    expect(Object.keys(doc.webhooks).sort()).toEqual([...EVENT_TYPES].sort());
    const headers = Object.values(doc.components.parameters).map((p) => p.name);
    expect(headers).toEqual([
      "webhook-id",
      "webhook-timestamp",
      "webhook-signature",
      "X-Relay-Signature",
    ]);
    for (const [type, { post }] of Object.entries(doc.webhooks)) {
      expect(post.parameters).toEqual(
        Object.keys(EVENT_HEADERS).map((id) => ({ $ref: `#/components/parameters/${id}` })),
      );
      const ref = refsIn(post.requestBody)[0] ?? "";
      const envelope = doc.components.schemas[ref.replace("#/components/schemas/", "")];
      expect(envelope?.["required"]).toEqual(["id", "type", "occurredAt", "data"]);
      expect((envelope?.["properties"] as Record<string, JsonSchema>)["type"]).toEqual({
        type: "string",
        const: type,
      });
      expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(["2XX", "4XX", "5XX"]));
    }
    const failed = doc.components.schemas["MessageFailedData"];
    const zodFailed = z.toJSONSchema(messageFailedDataSchema, { io: "output" }) as JsonSchema;
    expect(failed?.["required"]).toEqual(zodFailed["required"]);
    expect(failed?.["properties"]).toMatchObject({
      window: { $ref: "#/components/schemas/Conversation" },
    });
  });

  it("documents the key routes as admin-only, and the key in the creation answer only", () => {
    for (const [path, method] of [
      ["/v1/keys", "post"],
      ["/v1/keys", "get"],
      ["/v1/keys/{id}", "delete"],
    ] as const) {
      expect(doc.paths[path]?.[method]?.responses["403"]).toBeDefined();
    }
    expect(JSON.stringify(doc.components.schemas["KeyInput"])).toContain('"channels"');
    const key = doc.components.schemas["Key"] as { properties: Record<string, unknown> };
    const created = doc.components.schemas["KeyCreated"] as { properties: Record<string, unknown> };
    expect(Object.keys(key.properties)).not.toContain("key");
    expect(Object.keys(created.properties)).toContain("key");
    const write = doc.paths["/v1/messages"]?.["post"];
    expect(write?.responses["403"]).toBeDefined();
  });

  it("declares every path parameter of every template, and resolves every $ref", () => {
    for (const { path, op } of operations) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const declared = ((op.parameters ?? []) as OpenApiParameter[]).filter((p) => p.in === "path");
      expect({ path, params: declared.map((p) => p.name).sort() }).toEqual({
        path,
        params: names,
      });
    }
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(30);
    for (const ref of refs) {
      const [, section, name] = /^#\/components\/(\w+)\/(\w+)$/.exec(ref) ?? [];
      const known = section === "schemas" || section === "parameters";
      const table = (known ? doc.components[section] : {}) as Record<string, unknown>;
      expect({ ref, known: name !== undefined && name in table }).toEqual({ ref, known: true });
    }
  });

  it("documents the worklist's query as the route validates it", () => {
    const op = doc.paths["/v1/channels/{platform}/{channelId}/conversations"]?.["get"];
    const query = ((op?.parameters ?? []) as OpenApiParameter[]).filter((p) => p.in === "query");
    expect(query.map((p) => [p.name, p.required])).toEqual([
      ["state", true],
      ["limit", false],
      ["cursor", false],
    ]);
    expect(op?.responses["200"]?.content?.["application/json"]?.schema).toEqual({
      $ref: "#/components/schemas/Worklist",
    });
  });

  it("never documents a way to read a channel's access token", () => {
    const channel = doc.components.schemas["Channel"] as { properties: Record<string, unknown> };
    expect(Object.keys(channel.properties)).not.toContain("accessToken");
    expect(JSON.stringify(doc.components.schemas["ChannelInput"])).toContain("accessToken");
  });

  it("documents every message kind with an example that the API accepts", () => {
    const input = doc.components.schemas["MessageInput"] as {
      examples: { message: Record<string, unknown> }[];
      properties: { message: { properties: Record<string, unknown> } };
    };
    const kinds = input.examples.map((e) =>
      Object.keys(e.message).find((k) => k !== "quickReplies"),
    );
    expect(kinds.sort()).toEqual(
      ["attachment", "buttons", "list", "location", "raw", "reaction", "template", "text"].sort(),
    );
    for (const example of input.examples) {
      expect(messageBodySchema.safeParse(example).error?.issues ?? []).toEqual([]);
    }
    expect(Object.keys(input.properties.message.properties)).toEqual(
      expect.arrayContaining(["quickReplies", "buttons", "list", "reaction", "location", "raw"]),
    );
    const action = doc.paths["/v1/conversations/{platform}/{channelId}/{userId}/actions"]?.["post"];
    expect(Object.keys(action?.responses ?? {})).toEqual(
      expect.arrayContaining(["202", "400", "404", "409", "502"]),
    );
  });
});
