import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadConfig } from "@meta-relay/config";
import { createLogger, createMetrics } from "@meta-relay/observability";
import { testRedisEnv, uniquePrefix } from "@meta-relay/testkit";
import { chromium, type Browser, type Page } from "playwright-core";
import { startApi, type RunningApi } from "../api";
import { buildOpenApiDocument } from "./openapi";

// A person's visit to /docs: the reference renders every /v1 route and event, they authorise with an
// API key and send GET /v1/channels from the page. Everything comes from the API itself.

const ARTIFACTS = resolve(__dirname, "../../../../test-artifacts");
const KEY = "key-docs-browser-aaaaaa";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

describe("the API reference in a browser", () => {
  let api: RunningApi;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    const config = loadConfig(
      {
        ...testRedisEnv(),
        RELAY_KEY_PREFIX: uniquePrefix(),
        API_PORT: "0",
        RELAY_API_KEYS: KEY,
        RELAY_ENCRYPTION_KEY: "d".repeat(64),
        DASHBOARD_USERNAME: "ops",
        DASHBOARD_PASSWORD: "password-docs-browser",
      },
      ["api"],
    );
    api = await startApi({
      config,
      logger: createLogger({ level: "silent" }),
      metrics: createMetrics(),
    });
    base = `http://127.0.0.1:${api.port}`;
    const connected = await fetch(`${base}/v1/channels/messenger/104857600000001`, {
      method: "PUT",
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
      // No Meta here: stored without checking the token or subscribing the app.
      body: JSON.stringify({
        accessToken: "page-token-browser",
        name: "Support page",
        verify: false,
        subscribe: false,
      }),
    });
    expect(connected.status).toBe(201);
    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      headless: true,
      args: CHROMIUM_ARGS,
    });
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close(2_000);
  });

  /** The page, with every request it makes and every console error it logs. */
  async function openDocs(): Promise<{ page: Page; requests: string[]; errors: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    const response = await page.goto(`${base}/docs`);
    expect(response?.status()).toBe(200);
    await page.locator(".opblock").first().waitFor({ timeout: 30_000 });
    return { page, requests, errors };
  }

  it("shows every /v1 route and every event, authorises with a key and sends GET /v1/channels", async () => {
    const { page, requests, errors } = await openDocs();
    try {
      const doc = buildOpenApiDocument();
      const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
        Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
      );
      const shown = await page
        .locator(".opblock-summary")
        .evaluateAll((blocks) =>
          blocks.map(
            (block) =>
              `${block.querySelector(".opblock-summary-method")?.textContent ?? ""} ${
                block.querySelector(".opblock-summary-path")?.getAttribute("data-path") ?? ""
              }`,
          ),
        );
      const routes = shown.filter((s) => s.includes(" /v1/"));
      expect(routes.sort()).toEqual(documented.sort());
      const text = await page.locator("#swagger-ui").innerText();
      for (const type of Object.keys(doc.webhooks)) expect(text).toContain(type);
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, "api-docs-overview.png") });

      await page.locator(".auth-wrapper button.authorize").click();
      const dialog = page.locator(".dialog-ux");
      await dialog.locator("input").first().fill(KEY);
      await dialog.locator("button.authorize").click();
      await dialog.locator("button.btn-done").click();

      const listChannels = page.locator("#operations-Channels-listChannels");
      await listChannels.locator(".opblock-summary").click();
      const answered = page.waitForResponse((res) => res.url() === `${base}/v1/channels`);
      await listChannels.locator("button.execute").click();
      const response = await answered;
      expect(response.status()).toBe(200);
      expect(response.request().headers()["authorization"]).toBe(`Bearer ${KEY}`);
      const status = listChannels
        .locator(".live-responses-table tr.response .response-col_status")
        .first();
      await status.waitFor({ timeout: 20_000 });
      expect((await status.innerText()).trim()).toBe("200");
      expect(await listChannels.locator(".live-responses-table").innerText()).toContain(
        "104857600000001",
      );

      const screenshot = join(ARTIFACTS, "api-docs.png");
      await listChannels.scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshot, fullPage: false });
      process.stdout.write(`API reference screenshot: ${screenshot}\n`);

      // Nothing came from elsewhere, and nothing the page wanted was refused by its policy.
      expect(requests.filter((url) => !url.startsWith(`${base}/`))).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });
});
