import type { AddressInfo } from "node:net";
import { errorMapper } from "@meta-relay/http";
import { createLogger } from "@meta-relay/observability";
import { closeRedis, createApiKeyStore, createKeys, createRedis } from "@meta-relay/store";
import { testRedisSettings, uniquePrefix } from "@meta-relay/testkit";
import express from "express";
import { authenticate } from "./authenticate";
import { assertChannelAccess, requireAdmin, requireSend } from "./guards";
import { cachedKeyLookup } from "./key-cache";
import { canUseChannel, principalOf } from "./principal";

// The guards as a route outside the /v1 router applies them: authenticate, then requireSend or
// requireAdmin, then assertChannelAccess on the channel the request names.

const ADMIN = "admin-key-0123456789";

describe("access guards", () => {
  const redis = createRedis(testRedisSettings(), { mode: "patient" });
  const store = createApiKeyStore(redis, createKeys(uniquePrefix()));
  const lookup = cachedKeyLookup(store, 200);
  const app = express();
  const channel = (req: express.Request) => ({
    platform: "messenger" as const,
    channelId: String(req.params["channelId"]),
  });
  app.use(authenticate({ adminKeys: [ADMIN], findKey: lookup }));
  app.get("/things/:channelId", (req, res) => {
    assertChannelAccess(res, channel(req));
    res.json({ kind: principalOf(res).kind });
  });
  app.post("/things/:channelId", requireSend(), (req, res) => {
    assertChannelAccess(res, channel(req));
    res.status(201).end();
  });
  app.get("/visible", (_req, res) => {
    const ids = ["1", "2", "3"].filter((id) =>
      canUseChannel(res, { platform: "messenger", channelId: id }),
    );
    res.json(ids);
  });
  app.post("/admin", requireAdmin(), (_req, res) => res.status(204).end());
  app.use(errorMapper(createLogger({ level: "silent" })));
  let base = "";
  const server = app.listen(0, "127.0.0.1");

  beforeAll(async () => {
    await new Promise((resolve) => server.once("listening", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await closeRedis(redis);
  });

  const call = async (method: string, path: string, key: string) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}` },
    });
    const text = await res.text();
    const code = text
      ? ((JSON.parse(text) as { error?: { code: string } }).error?.code ?? null)
      : null;
    return { status: res.status, code };
  };
  const create = async (access: "send" | "read", channels: string[]) => {
    const created = await store.create({ name: "t", access, channels });
    if (!created) throw new Error("no key");
    return created;
  };

  it("lets admin keys do everything", async () => {
    expect(await call("GET", "/things/9", ADMIN)).toEqual({ status: 200, code: null });
    expect(await call("POST", "/things/9", ADMIN)).toEqual({ status: 201, code: null });
    expect(await call("POST", "/admin", ADMIN)).toEqual({ status: 204, code: null });
  });

  it("keeps a send key to its channels and off the admin routes", async () => {
    const { key } = await create("send", ["messenger/1"]);
    expect(await call("GET", "/things/1", key)).toEqual({ status: 200, code: null });
    expect(await call("POST", "/things/1", key)).toEqual({ status: 201, code: null });
    expect(await call("GET", "/things/2", key)).toEqual({ status: 404, code: "channel_not_found" });
    expect(await call("POST", "/things/2", key)).toEqual({
      status: 404,
      code: "channel_not_found",
    });
    expect(await call("POST", "/admin", key)).toEqual({ status: 403, code: "forbidden" });
  });

  it("keeps a read key from writing, even on its own channels", async () => {
    const { key } = await create("read", ["messenger/*"]);
    expect(await call("GET", "/things/2", key)).toEqual({ status: 200, code: null });
    expect(await call("POST", "/things/2", key)).toEqual({ status: 403, code: "forbidden" });
    const res = await fetch(`${base}/visible`, { headers: { authorization: `Bearer ${key}` } });
    expect(await res.json()).toEqual(["1", "2", "3"]);
    const narrow = await create("read", ["messenger/3"]);
    const few = await fetch(`${base}/visible`, {
      headers: { authorization: `Bearer ${narrow.key}` },
    });
    expect(await few.json()).toEqual(["3"]);
  });

  it("refuses unknown keys with 401, and a deleted key once the cache has expired", async () => {
    expect(await call("GET", "/things/1", `mrk_${"x".repeat(43)}`)).toEqual({
      status: 401,
      code: "unauthorized",
    });
    expect(await call("GET", "/things/1", "")).toEqual({ status: 401, code: "unauthorized" });
    const { key, record } = await create("send", ["messenger/1"]);
    expect((await call("GET", "/things/1", key)).status).toBe(200);
    await store.delete(record.id);
    const deletedAt = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - deletedAt < 2_000) {
      status = (await call("GET", "/things/1", key)).status;
    }
    expect(status).toBe(401);
    expect(Date.now() - deletedAt).toBeLessThan(1_000);
  });

  it("fails closed on a route that forgot authenticate", async () => {
    const bare = express();
    bare.get("/", (_req, res) => res.json(principalOf(res)));
    bare.use(errorMapper(createLogger({ level: "silent" })));
    const other = bare.listen(0, "127.0.0.1");
    await new Promise((resolve) => other.once("listening", resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`);
      expect(res.status).toBe(500);
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });
});
