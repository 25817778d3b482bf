import { ConfigError, loadConfig } from "./index";

const KEY_HEX = "a".repeat(64);
const complete = {
  META_APP_SECRET: "secret-one",
  META_VERIFY_TOKEN: "verify-me",
  RELAY_API_KEYS: "key-aaaaaaaaaaaaaaaa",
  RELAY_ENCRYPTION_KEY: KEY_HEX,
  DASHBOARD_USERNAME: "ops",
  DASHBOARD_PASSWORD: "correct-horse",
};

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).context.problems;
  }
  throw new Error("expected loadConfig to throw");
}

describe("loadConfig", () => {
  it("applies the documented defaults", () => {
    const config = loadConfig(complete);
    expect(config.roles).toEqual(["ingress", "api", "worker"]);
    expect(config.redis).toEqual({
      url: "redis://127.0.0.1:6379",
      clusterNodes: null,
      keyPrefix: "mr",
    });
    expect(config.ports).toEqual({ ingress: 8080, api: 8081, worker: 8082 });
    expect(config.meta.graphUrl).toBe("https://graph.facebook.com");
    expect(config.meta.graphVersion).toBe("v26.0");
    expect(config.meta.graphMaxAttempts).toBe(6);
    expect(config.windowMarginMs).toBe(60_000);
    expect(config.shutdownTimeoutMs).toBe(25_000);
    expect(config.events.webhookUrl).toBeNull();
    expect(config.encryptionKey).toHaveLength(32);
  });

  it("names every missing required variable in one error", () => {
    const problems = problemsOf(() => loadConfig({}));
    const named = problems.map((p) => p.split(":")[0]);
    expect(named.sort()).toEqual(
      [
        "DASHBOARD_PASSWORD",
        "DASHBOARD_USERNAME",
        "META_APP_SECRET",
        "META_VERIFY_TOKEN",
        "RELAY_API_KEYS",
        "RELAY_ENCRYPTION_KEY",
      ].sort(),
    );
    expect(problems.join("\n")).toContain("required for role(s) api, worker");
  });

  it("requires only what the selected roles need", () => {
    const config = loadConfig({ RELAY_ROLES: "worker", RELAY_ENCRYPTION_KEY: KEY_HEX });
    expect(config.roles).toEqual(["worker"]);
    expect(problemsOf(() => loadConfig({ RELAY_ROLES: "ingress" }))).toHaveLength(2);
  });

  it("rejects a malformed URL", () => {
    const problems = problemsOf(() =>
      loadConfig({ ...complete, REDIS_URL: "localhost:6379", META_GRAPH_URL: "ftp://x" }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        "REDIS_URL: must be a redis:// or rediss:// URL",
        "META_GRAPH_URL: must be an http(s) URL",
      ]),
    );
  });

  it("rejects a non-numeric port and reports it with other problems", () => {
    const problems = problemsOf(() =>
      loadConfig({ ...complete, API_PORT: "eighty", INGRESS_PORT: "70000" }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^API_PORT: /),
        expect.stringMatching(/^INGRESS_PORT: /),
      ]),
    );
  });

  it("splits comma lists and trims blanks", () => {
    const config = loadConfig({
      ...complete,
      META_APP_SECRET: " old-secret , new-secret ,",
      RELAY_API_KEYS: "key-aaaaaaaaaaaaaaaa,key-bbbbbbbbbbbbbbbb",
      REDIS_CLUSTER_NODES: "127.0.0.1:7000, 127.0.0.1:7001",
    });
    expect(config.meta.appSecrets).toEqual(["old-secret", "new-secret"]);
    expect(config.api.keys).toHaveLength(2);
    expect(config.redis.clusterNodes).toEqual([
      { host: "127.0.0.1", port: 7000 },
      { host: "127.0.0.1", port: 7001 },
    ]);
  });

  it("rejects a cluster seed that is not host:port", () => {
    expect(problemsOf(() => loadConfig({ ...complete, REDIS_CLUSTER_NODES: "127.0.0.1" }))).toEqual(
      ['REDIS_CLUSTER_NODES: "127.0.0.1" is not host:port'],
    );
  });

  it("rejects an unknown role", () => {
    const problems = problemsOf(() =>
      loadConfig({ ...complete, RELAY_ROLES: "ingress,scheduler" }),
    );
    expect(problems[0]).toMatch(/^RELAY_ROLES\.1: must be a comma list of ingress, api, worker/);
  });

  it("requires the events secret when the events URL is set", () => {
    expect(
      problemsOf(() =>
        loadConfig({ ...complete, EVENTS_WEBHOOK_URL: "https://agents.example/hook" }),
      ),
    ).toEqual(["EVENTS_WEBHOOK_SECRET: required when EVENTS_WEBHOOK_URL is set"]);
  });

  it("takes EVENTS_WEBHOOK_SECRET as a comma list of plain and whsec_ secrets", () => {
    const whsec = `whsec_${Buffer.alloc(24, 9).toString("base64")}`;
    const config = loadConfig({
      ...complete,
      EVENTS_WEBHOOK_SECRET: `${whsec}, plain-secret-0123456789`,
    });
    expect(config.events.webhookSecrets).toEqual([whsec, "plain-secret-0123456789"]);
    expect(config.events.webhookSecret).toBe(whsec);
    const single = loadConfig({ ...complete, EVENTS_WEBHOOK_SECRET: "plain-secret-0123456789" });
    expect(single.events.webhookSecrets).toEqual(["plain-secret-0123456789"]);
    expect(single.events.webhookSecret).toBe("plain-secret-0123456789");
    expect(loadConfig(complete).events).toMatchObject({ webhookSecret: null, webhookSecrets: [] });
  });

  it("refuses short secrets and whsec_ secrets that are not 24-64 bytes of base64", () => {
    const whsec = (bytes: number) => `whsec_${Buffer.alloc(bytes, 1).toString("base64")}`;
    for (const secret of [whsec(64), whsec(32), whsec(24)]) {
      expect(
        loadConfig({ ...complete, EVENTS_WEBHOOK_SECRET: secret }).events.webhookSecrets,
      ).toEqual([secret]);
    }
    const refused = [
      whsec(23),
      whsec(65),
      "whsec_",
      "whsec_not base64 at all!",
      `${whsec(24)}=`,
      whsec(32).replace(/=$/, ""),
      "whsec_" + Buffer.alloc(24, 1).toString("base64url").replace(/A/g, "-"),
    ];
    for (const secret of refused) {
      expect({
        secret,
        problems: problemsOf(() => loadConfig({ ...complete, EVENTS_WEBHOOK_SECRET: secret })),
      }).toEqual({
        secret,
        problems: [
          "EVENTS_WEBHOOK_SECRET.0: a whsec_ secret must carry 24-64 bytes in base64 after the prefix",
        ],
      });
    }
    expect(
      problemsOf(() =>
        loadConfig({ ...complete, EVENTS_WEBHOOK_SECRET: `plain-secret-0123456789,short` }),
      ),
    ).toEqual(["EVENTS_WEBHOOK_SECRET.1: must be at least 16 characters"]);
  });

  it("accepts the encryption key as base64 and refuses a short one", () => {
    const base64 = Buffer.alloc(32, 7).toString("base64");
    expect(loadConfig({ ...complete, RELAY_ENCRYPTION_KEY: base64 }).encryptionKey).toEqual(
      Buffer.alloc(32, 7),
    );
    expect(problemsOf(() => loadConfig({ ...complete, RELAY_ENCRYPTION_KEY: "abcd" }))).toEqual([
      "RELAY_ENCRYPTION_KEY: must be 32 bytes, as 64 hex characters or base64",
    ]);
  });

  it("parses booleans strictly", () => {
    expect(
      loadConfig({ ...complete, DASHBOARD_ALLOW_RETRIES: "false" }).dashboard.allowRetries,
    ).toBe(false);
    expect(
      loadConfig({ ...complete, DASHBOARD_ALLOW_RETRIES: "true" }).dashboard.allowRetries,
    ).toBe(true);
    expect(
      problemsOf(() => loadConfig({ ...complete, DASHBOARD_ALLOW_RETRIES: "maybe" })),
    ).toHaveLength(1);
  });

  it("configures channels: the app id, the Instagram host and secrets, the watchdog", () => {
    const defaults = loadConfig(complete);
    expect(defaults.meta.appId).toBeNull();
    expect(defaults.meta.instagramGraphUrl).toBe("https://graph.instagram.com");
    expect(defaults.meta.instagramAppSecrets).toEqual([]);
    expect(defaults.channels).toEqual({
      subscriptionCheckMs: 600_000,
      webhookSilenceMs: 3_600_000,
    });
    const set = loadConfig({
      ...complete,
      META_APP_ID: "1234567890",
      META_INSTAGRAM_GRAPH_URL: "http://127.0.0.1:9000/",
      META_INSTAGRAM_APP_SECRET: "ig-old, ig-new",
      SUBSCRIPTION_CHECK_MINUTES: "0.05",
      WEBHOOK_SILENCE_MINUTES: "0.5",
    });
    expect(set.meta.appId).toBe("1234567890");
    expect(set.meta.instagramGraphUrl).toBe("http://127.0.0.1:9000");
    expect(set.meta.instagramAppSecrets).toEqual(["ig-old", "ig-new"]);
    expect(set.channels).toEqual({ subscriptionCheckMs: 3_000, webhookSilenceMs: 30_000 });
    expect(loadConfig({ ...complete, SUBSCRIPTION_CHECK_MINUTES: "0" }).channels).toMatchObject({
      subscriptionCheckMs: 0,
    });
  });

  it("refuses a non-numeric app id and negative minutes", () => {
    const problems = problemsOf(() =>
      loadConfig({ ...complete, META_APP_ID: "my-app", SUBSCRIPTION_CHECK_MINUTES: "-1" }),
    );
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual([
      "META_APP_ID",
      "SUBSCRIPTION_CHECK_MINUTES",
    ]);
  });

  it("treats an empty variable as unset", () => {
    expect(loadConfig({ ...complete, REDIS_URL: "" }).redis.url).toBe("redis://127.0.0.1:6379");
  });
});
