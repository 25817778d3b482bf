import { startApi, type RunningApi } from "@meta-relay/api";
import { loadConfig } from "@meta-relay/config";
import { createLogger, createMetrics } from "@meta-relay/observability";
import { scanKeys, testRedisClient, testRedisEnv, uniquePrefix } from "@meta-relay/testkit";
import { createClient, type RelayClient } from "./index";

// The client against a running API: every call typed from /openapi.json, and a body the API refuses
// does not compile (each `@ts-expect-error` below fails the typecheck once it stops being an error).
const KEY = "key-client-aaaaaaaaaaaa";

describe("createClient against a running API", () => {
  const prefix = uniquePrefix();
  let api: RunningApi;
  let client: RelayClient;
  let base: string;
  const reply = {
    channel: { platform: "messenger", id: "100" },
    recipient: { id: "psid-1" },
    sender: { type: "agent", id: "agent-7" },
    message: { text: "Your parcel left the warehouse this morning." },
  } as const;

  beforeAll(async () => {
    const config = loadConfig(
      {
        ...testRedisEnv(),
        RELAY_KEY_PREFIX: prefix,
        API_PORT: "0",
        RELAY_API_KEYS: KEY,
        RELAY_ENCRYPTION_KEY: "b".repeat(64),
        DASHBOARD_USERNAME: "ops",
        DASHBOARD_PASSWORD: "password-client",
      },
      ["api"],
    );
    api = await startApi({
      config,
      logger: createLogger({ level: "silent" }),
      metrics: createMetrics(),
    });
    base = `http://127.0.0.1:${api.port}`;
    client = createClient({ baseUrl: `${base}/`, apiKey: KEY });
  });

  afterAll(async () => {
    await api.close(2_000);
    const redis = testRedisClient();
    for (const key of await scanKeys(redis, `${prefix}*`)) await redis.del(key);
    await redis.quit();
  });

  it("connects a channel, lists it, queues a reply and reads it back", async () => {
    const put = await client.PUT("/v1/channels/{platform}/{channelId}", {
      params: { path: { platform: "messenger", channelId: "100" } },
      // No Meta here: stored without checking the token or subscribing the app.
      body: {
        accessToken: "page-token-client",
        name: "Support page",
        verify: false,
        subscribe: false,
      },
    });
    expect(put.response.status).toBe(201);
    expect(put.data).toMatchObject({ platform: "messenger", channelId: "100", humanAgent: false });
    expect(JSON.stringify(put.data)).not.toContain("page-token-client");

    const list = await client.GET("/v1/channels");
    expect(list.data?.channels.map((c) => c.channelId)).toEqual(["100"]);

    const sent = await client.POST("/v1/messages", { body: { ...reply, idempotencyKey: "c-1" } });
    expect(sent.response.status).toBe(202);
    expect(sent.data?.status).toBe("queued");
    const id = sent.data?.id ?? "";

    const read = await client.GET("/v1/messages/{id}", { params: { path: { id } } });
    expect(read.data).toMatchObject({ id, status: "queued", recipient: { id: "psid-1" } });

    const window = await client.GET("/v1/conversations/{platform}/{channelId}/{userId}", {
      params: { path: { platform: "messenger", channelId: "100", userId: "psid-1" } },
    });
    expect(window.data).toEqual({
      lastCustomerMessageAt: null,
      standardWindowEndsAt: null,
      humanAgentWindowEndsAt: null,
      canSend: { bot: false, agent: false, template: false },
    });
  });

  it("gives the error envelope, typed, when the API refuses", async () => {
    const stranger = createClient({ baseUrl: base, apiKey: "key-unknown-aaaaaaaaaaa" });
    const refused = await stranger.GET("/v1/channels");
    expect(refused.response.status).toBe(401);
    expect(refused.error?.error.code).toBe("unauthorized");
    expect(refused.data).toBeUndefined();

    const missing = await client.GET("/v1/messages/{id}", {
      params: { path: { id: "msg_0000000000aaaaaaaaaaaaaaaa" } },
    });
    expect(missing.response.status).toBe(404);
    expect(missing.error?.error.code).toBe("message_not_found");
  });

  it("does not compile a body the API refuses (and the API does refuse it)", async () => {
    const wrong = [
      // @ts-expect-error text must be a string
      await client.POST("/v1/messages", { body: { ...reply, message: { text: 42 } } }),
      // @ts-expect-error the recipient is required
      await client.POST("/v1/messages", { body: { ...reply, recipient: undefined } }),
      await client.POST("/v1/messages", {
        // @ts-expect-error telegram is not a platform
        body: { ...reply, channel: { platform: "telegram", id: "100" } },
      }),
      await client.POST("/v1/messages", {
        // @ts-expect-error sender.type is agent or bot
        body: { ...reply, sender: { type: "human" } },
      }),
    ];
    for (const answer of wrong) {
      expect(answer.response.status).toBe(400);
      expect(answer.error?.error.code).toBe("invalid_request");
    }
  });
});
