import { z } from "zod";
import {
  channelParamsSchema,
  channelPutBodySchema,
  messageBodySchema,
  messageSchema,
} from "../v1/schemas";
import { keyInputSchema } from "../v1/key-schemas";
import { API_ROUTES } from "./api-routes";
import { buildOpenApiDocument, type JsonSchema } from "./openapi";

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

  it("is an OpenAPI 3.1 document with every product route", () => {
    expect(doc.openapi).toBe("3.1.0");
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        "PUT /v1/channels/{platform}/{channelId}",
        "GET /v1/channels",
        "GET /v1/channels/{platform}/{channelId}",
        "DELETE /v1/channels/{platform}/{channelId}",
        "POST /v1/messages",
        "GET /v1/messages/{id}",
        "GET /v1/conversations/{platform}/{channelId}/{userId}",
        "POST /v1/conversations/{platform}/{channelId}/{userId}/actions",
        "POST /v1/keys",
        "GET /v1/keys",
        "DELETE /v1/keys/{id}",
        "GET /healthz",
        "GET /readyz",
        "GET /metrics",
        "GET /admin/queues",
        "GET /openapi.json",
        "GET /docs",
      ].sort(),
    );
    const ids = operations.length;
    expect(new Set(API_ROUTES.map((r) => r.operationId)).size).toBe(ids);
  });

  it("generates bodies from the very schemas the routes validate with", () => {
    expect(doc.components.schemas["MessageInput"]).toEqual(
      withoutMeta(z.toJSONSchema(messageBodySchema, { io: "input" }) as JsonSchema),
    );
    expect(doc.components.schemas["ChannelInput"]).toEqual(
      withoutMeta(z.toJSONSchema(channelPutBodySchema, { io: "input" }) as JsonSchema),
    );
    expect(doc.components.schemas["Message"]).toEqual(
      withoutMeta(z.toJSONSchema(messageSchema, { io: "output" }) as JsonSchema),
    );
    const put = doc.paths["/v1/channels/{platform}/{channelId}"]?.["put"];
    const platform = put?.parameters?.find((p) => p.name === "platform");
    const generated = z.toJSONSchema(channelParamsSchema, { io: "input" }) as {
      properties: Record<string, JsonSchema>;
    };
    const { description, ...schema } = generated.properties["platform"] ?? {};
    expect(platform).toEqual({ name: "platform", in: "path", required: true, description, schema });
  });

  it("declares every path parameter of every template, and resolves every $ref", () => {
    for (const [path, methods] of Object.entries(doc.paths)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const op of Object.values(methods)) {
        expect({ path, params: (op.parameters ?? []).map((p) => p.name).sort() }).toEqual({
          path,
          params: names,
        });
      }
    }
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      const name = ref.replace("#/components/schemas/", "");
      expect({ ref, known: name in doc.components.schemas }).toEqual({ ref, known: true });
    }
  });

  it("protects /v1 with the API key, the dashboard with basic auth, and nothing else", () => {
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const op of Object.values(methods)) {
        const schemes = op.security.flatMap((s) => Object.keys(s));
        const expected = path.startsWith("/v1/")
          ? ["apiKey"]
          : path === "/admin/queues"
            ? ["dashboard"]
            : [];
        expect({ path, schemes }).toEqual({ path, schemes: expected });
        if (path.startsWith("/v1/")) expect(op.responses["401"]).toBeDefined();
      }
    }
    expect(doc.components.securitySchemes["apiKey"]).toMatchObject({
      type: "http",
      scheme: "bearer",
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
    expect(doc.components.schemas["KeyInput"]).toEqual(
      withoutMeta(z.toJSONSchema(keyInputSchema, { io: "input" }) as JsonSchema),
    );
    const key = doc.components.schemas["Key"] as { properties: Record<string, unknown> };
    const created = doc.components.schemas["KeyCreated"] as { properties: Record<string, unknown> };
    expect(Object.keys(key.properties)).not.toContain("key");
    expect(Object.keys(created.properties)).toContain("key");
    const write = doc.paths["/v1/messages"]?.["post"];
    expect(write?.responses["403"]).toBeDefined();
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
      expect.arrayContaining(["202", "400", "404", "409"]),
    );
  });
});
