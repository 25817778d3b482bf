import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadConfig } from "@meta-relay/config";
import { createLogger, createMetrics } from "@meta-relay/observability";
import { EVENTS_QUEUE, openQueue, OUTBOUND_QUEUE } from "@meta-relay/queues";
import {
  testRedisClient,
  testRedisEnv,
  uniquePrefix,
  type TestRedisClient,
} from "@meta-relay/testkit";
import { type Queue } from "bullmq";
import { chromium, type Browser } from "playwright-core";
import { startApi, type RunningApi } from "../api";

const ARTIFACTS = resolve(__dirname, "../../../../test-artifacts");
const USER = "ops";
const PASSWORD = "browser-test-pass";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

describe("queue dashboard in a browser", () => {
  const prefix = uniquePrefix();
  let connection: TestRedisClient;
  let outbound: Queue;
  let events: Queue;
  let api: RunningApi;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    const config = loadConfig(
      {
        ...testRedisEnv(),
        RELAY_KEY_PREFIX: prefix,
        API_PORT: "0",
        RELAY_API_KEYS: "key-browser-aaaaaaaaa",
        RELAY_ENCRYPTION_KEY: "f".repeat(64),
        DASHBOARD_USERNAME: USER,
        DASHBOARD_PASSWORD: PASSWORD,
      },
      ["api"],
    );
    api = await startApi({
      config,
      logger: createLogger({ level: "silent" }),
      metrics: createMetrics(),
    });
    base = `http://127.0.0.1:${api.port}`;
    connection = testRedisClient({ maxRetriesPerRequest: null });
    outbound = openQueue(OUTBOUND_QUEUE, { connection, keyPrefix: prefix });
    events = openQueue(EVENTS_QUEUE, { connection, keyPrefix: prefix });
    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      headless: true,
      args: CHROMIUM_ARGS,
    });
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close(2_000);
    for (const queue of [outbound, events]) {
      await queue?.obliterate({ force: true });
      await queue?.close();
    }
    await connection?.quit();
  });

  it("refuses a visitor without credentials", async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const answers: { status: number; challenge: string | undefined }[] = [];
      page.on("response", (response) =>
        answers.push({
          status: response.status(),
          challenge: response.headers()["www-authenticate"],
        }),
      );
      // Headless Chromium cannot show the login prompt, so the navigation ends in an auth error.
      const navigation = await page.goto(`${base}/admin/queues`).catch((error: Error) => error);
      expect(navigation).toBeInstanceOf(Error);
      expect(answers[0]).toEqual({
        status: 401,
        challenge: 'Basic realm="meta-relay", charset="UTF-8"',
      });
      // Nothing of the dashboard (its page, scripts or data) was served.
      expect(answers.filter((a) => a.status !== 401)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("shows the outbound and events queues with their counts to a logged-in operator", async () => {
    for (const userId of ["u1", "u2", "u3"]) {
      await outbound.add("drain", { platform: "messenger", channelId: "100", userId });
    }
    await events.add("message.sent", { id: "evt_a" });
    await events.add("message.sent", { id: "evt_b" });
    const context = await browser.newContext({
      httpCredentials: { username: USER, password: PASSWORD },
      viewport: { width: 1280, height: 720 },
    });
    try {
      const page = await context.newPage();
      const response = await page.goto(`${base}/admin/queues`);
      expect(response?.status()).toBe(200);
      const card = (queue: string) =>
        page.locator("main li", { has: page.locator(`a[title="${queue}"]`) });
      await card(OUTBOUND_QUEUE).getByText("3 Jobs").waitFor({ timeout: 20_000 });
      await card(EVENTS_QUEUE).getByText("2 Jobs").waitFor({ timeout: 20_000 });
      expect(await page.innerText("main")).toMatch(/WAITING\s+5/);
      mkdirSync(ARTIFACTS, { recursive: true });
      const screenshot = join(ARTIFACTS, "admin-queues.png");
      await page.screenshot({ path: screenshot, fullPage: true });
      process.stdout.write(`queue dashboard screenshot: ${screenshot}\n`);

      await page.getByText(OUTBOUND_QUEUE, { exact: true }).first().click();
      await page.getByText("u2").first().waitFor({ timeout: 20_000 });
    } finally {
      await context.close();
    }
  });
});
