import { startTestIngress, VERIFY_TOKEN, type TestIngress } from "./testing";

describe("GET /webhooks/meta (subscription handshake)", () => {
  let t: TestIngress;
  beforeAll(async () => {
    t = await startTestIngress();
  });
  afterAll(() => t.close());

  const verify = (query: Record<string, string>) =>
    fetch(`${t.base}/webhooks/meta?${new URLSearchParams(query).toString()}`);

  it("answers the challenge as text/plain for the right token", async () => {
    const res = await verify({
      "hub.mode": "subscribe",
      "hub.verify_token": VERIFY_TOKEN,
      "hub.challenge": "1158201444",
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await res.text()).toBe("1158201444");
  });

  it("refuses a wrong token with 403", async () => {
    const res = await verify({
      "hub.mode": "subscribe",
      "hub.verify_token": `${VERIFY_TOKEN}x`,
      "hub.challenge": "1158201444",
    });
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain("1158201444");
  });

  it("refuses a wrong or missing mode with 403", async () => {
    const wrongMode = await verify({
      "hub.mode": "unsubscribe",
      "hub.verify_token": VERIFY_TOKEN,
      "hub.challenge": "1",
    });
    expect(wrongMode.status).toBe(403);
    const noMode = await verify({ "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "1" });
    expect(noMode.status).toBe(403);
    const noToken = await verify({ "hub.mode": "subscribe", "hub.challenge": "1" });
    expect(noToken.status).toBe(403);
  });

  it("refuses a repeated token parameter with 403", async () => {
    const res = await fetch(
      `${t.base}/webhooks/meta?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1`,
    );
    expect(res.status).toBe(403);
  });
});
