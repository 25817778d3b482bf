import { Writable } from "node:stream";
import { createLogger } from "@meta-relay/observability";
import {
  fromCustomer,
  messagingWebhook,
  startTestIngress,
  VERIFY_TOKEN,
  type TestIngress,
} from "./testing";

const PAGE = "104512345678977";
const DAY_MS = 86_400_000;

describe("ingress request ids", () => {
  const lines: string[] = [];
  let t: TestIngress;
  beforeAll(async () => {
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString("utf8"));
        done();
      },
    });
    t = await startTestIngress({ logger: createLogger({ level: "debug", destination }) });
  });
  afterAll(() => t.close());

  const linesOf = (requestId: string) =>
    lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l["requestId"] === requestId);

  it("answers a refused webhook with its X-Request-Id, in the envelope and the log line", async () => {
    const res = await t.post("{}", {
      signature: "sha256=00",
      headers: { "X-Request-Id": "abc-123" },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get("x-request-id")).toBe("abc-123");
    expect(((await res.json()) as { error: { requestId: string } }).error.requestId).toBe(
      "abc-123",
    );
    expect(linesOf("abc-123").map((l) => l["msg"])).toEqual(["webhook signature refused"]);
  });

  it("binds the request id to what the webhook handler logs", async () => {
    const stale = messagingWebhook("page", [
      {
        id: PAGE,
        messaging: [
          fromCustomer(PAGE, "u-stale", Date.now() - 9 * DAY_MS, {
            message: { mid: "m_reqid_stale", text: "old" },
          }),
        ],
      },
    ]);
    const res = await t.post(stale, { headers: { "X-Request-Id": "hook-77" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toBe("hook-77");
    expect(linesOf("hook-77").map((l) => l["msg"])).toContain(
      "customer actions older than the dedupe horizon ignored",
    );
  });

  it("gives the handshake and health answers an id of their own", async () => {
    const ok = await fetch(
      `${t.base}/webhooks/meta?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=c1`,
    );
    const refused = await fetch(`${t.base}/webhooks/meta?hub.mode=subscribe&hub.verify_token=x`);
    const health = await fetch(`${t.base}/healthz`);
    const ids = [ok, refused, health].map((r) => r.headers.get("x-request-id"));
    expect(ids.every((id) => typeof id === "string" && id.length === 36)).toBe(true);
    expect(new Set(ids).size).toBe(3);
    expect(linesOf(ids[1] ?? "").map((l) => l["msg"])).toEqual(["webhook handshake refused"]);
  });
});
