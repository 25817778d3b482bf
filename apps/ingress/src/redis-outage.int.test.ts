import { startRedisServer, freePort } from "@meta-relay/testkit";
import {
  startTestIngress,
  waitFor,
  whatsappText,
  whatsappWebhook,
  type TestIngress,
} from "./testing";

const PHONE_ID = "106540352242922";
const conv = (userId: string) => ({ platform: "whatsapp" as const, channelId: PHONE_ID, userId });
const at = (minutesAgo: number) => Math.floor(Date.now() / 60_000 - minutesAgo) * 60_000;

async function timedPost(t: TestIngress, payload: unknown) {
  const started = Date.now();
  const res = await t.post(payload);
  return { status: res.status, ms: Date.now() - started };
}

async function eventIdsFor(t: TestIngress, metaMessageId: string): Promise<string[]> {
  const jobs = await t.events.getJobs(["waiting"]);
  return jobs
    .filter(
      (job) =>
        (job.data as { data: { metaMessageId: string } }).data.metaMessageId === metaMessageId,
    )
    .map((job) => job.id ?? "");
}

describe("ingress when Redis goes away", () => {
  it("answers 503 within 2 s while Redis is down, then records the redelivery", async () => {
    const server = await startRedisServer();
    const t = await startTestIngress({ redisUrl: server.url });
    try {
      expect(
        (
          await t.post(
            whatsappWebhook(PHONE_ID, { messages: [whatsappText("491", "wamid.before", at(10))] }),
          )
        ).status,
      ).toBe(200);

      await server.stop("SIGKILL");
      const wroteAt = at(5);
      const payload = whatsappWebhook(PHONE_ID, {
        messages: [whatsappText("492", "wamid.during", wroteAt)],
      });
      for (let i = 0; i < 3; i++) {
        const down = await timedPost(t, payload);
        expect(down.status).toBe(503);
        expect(down.ms).toBeLessThan(2_000);
      }
      expect((await fetch(`${t.base}/readyz`)).status).toBe(503);

      await server.restart();
      await waitFor(async () => (await t.post(payload)).status === 200);
      expect(await t.lastCustomerMessageAt(conv("492"))).toBe(wroteAt);
      expect(await eventIdsFor(t, "wamid.during")).toHaveLength(1);
      expect((await fetch(`${t.base}/readyz`)).status).toBe(200);
    } finally {
      await t.close();
      await server.stop("SIGTERM");
    }
  });

  it("starts while Redis is down, answers 503, and works once Redis is up", async () => {
    const port = await freePort();
    const t = await startTestIngress({ redisUrl: `redis://127.0.0.1:${port}` });
    let server: Awaited<ReturnType<typeof startRedisServer>> | undefined;
    try {
      const wroteAt = at(3);
      const payload = whatsappWebhook(PHONE_ID, {
        messages: [whatsappText("493", "wamid.late", wroteAt)],
      });
      const down = await timedPost(t, payload);
      expect(down.status).toBe(503);
      expect(down.ms).toBeLessThan(2_000);

      server = await startRedisServer({ port });
      await waitFor(async () => (await t.post(payload)).status === 200);
      expect(await t.lastCustomerMessageAt(conv("493"))).toBe(wroteAt);
      expect(await eventIdsFor(t, "wamid.late")).toHaveLength(1);
    } finally {
      await t.close();
      await server?.stop("SIGTERM");
    }
  });
});
