import type { ConversationRef } from "@meta-relay/core";
import { openQueue, OUTBOUND_QUEUE } from "@meta-relay/queues";
import { startHarness, type Harness } from "../testing/outbound-harness";
import {
  buildRelay,
  killAll,
  sentCounts,
  startWorkerProcess,
  waitFor,
  type WorkerProcess,
} from "../testing/worker-processes";

// Two worker processes on one Redis, started from the build as `npm start` runs them: both take
// conversations from the one outbound queue, each conversation still leaves in order, and a paced
// channel keeps its pace whichever process sends for it.

const FAST_CONVERSATIONS = 24;
const PACED_CONVERSATIONS = 6;
const REPLIES = 5;
const PACED_PER_SECOND = 10;

describe("two worker processes on one Redis", () => {
  let h: Harness;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    buildRelay();
    h = await startHarness({ noWorker: true });
    await h.channel({ platform: "messenger", channelId: "page-fast", accessToken: "tok-fast" });
    await h.channel({ platform: "messenger", channelId: "page-paced", accessToken: "tok-paced" });
    const paced = await h.api("PUT", "/v1/channels/messenger/page-paced", {
      accessToken: "tok-paced",
      pacing: { perSecond: PACED_PER_SECOND, burst: 1 },
    });
    expect(paced.status).toBe(200);
    // Few slots each, so that neither process can take every conversation by itself.
    const env = { ...h.env, OUTBOUND_CONCURRENCY: "4", SHUTDOWN_TIMEOUT_SECONDS: "10" };
    for (const name of ["worker-a", "worker-b"]) workers.push(await startWorkerProcess(name, env));
  }, 360_000);

  afterAll(async () => {
    await killAll(workers);
    await h?.close();
  });

  it("shares the conversations between both processes, in order, at the channel's pace", async () => {
    const conv = (channelId: string, userId: string): ConversationRef => ({
      platform: "messenger",
      channelId,
      userId,
    });
    const convs = [
      ...Array.from({ length: FAST_CONVERSATIONS }, (_, i) => conv("page-fast", `f${i}`)),
      ...Array.from({ length: PACED_CONVERSATIONS }, (_, i) => conv("page-paced", `p${i}`)),
    ];
    for (const c of convs) await h.customerWrote(c, Date.now());
    // Every reply is queued before either process may take one, so that the work is there to share
    // and the paced channel has 30 replies ready at once.
    const outbound = openQueue(OUTBOUND_QUEUE, {
      connection: h.redis,
      keyPrefix: h.config.redis.keyPrefix,
    });
    await outbound.pause();
    h.sim.chaos({ minDelayMs: 5, maxDelayMs: 40 });
    await Promise.all(
      convs.map(async (c) => {
        for (let n = 0; n < REPLIES; n++) {
          await h.send({
            channel: { platform: c.platform, id: c.channelId },
            recipient: { id: c.userId },
            sender: { type: "agent" },
            message: { text: `r${n}` },
          });
        }
      }),
    );
    expect(h.sim.sends).toEqual([]);
    await outbound.resume();
    await outbound.close();
    const accepted = () => h.sim.sends.filter((s) => s.outcome === "accepted");
    await waitFor(
      () => accepted().length >= convs.length * REPLIES,
      120_000,
      "every reply to be accepted by Meta",
    );
    h.sim.chaos(null);

    for (const c of convs) {
      const texts = accepted()
        .filter((s) => s.userId === c.userId)
        .map((s) => (s.body as { message: { text: string } }).message.text);
      expect({ user: c.userId, texts }).toEqual({
        user: c.userId,
        texts: Array.from({ length: REPLIES }, (_, n) => `r${n}`),
      });
    }
    const perWorker = await sentCounts(workers, convs.length * REPLIES);
    expect(perWorker.every((n) => n > 0)).toBe(true);
    expect(perWorker.reduce((sum, n) => sum + n, 0)).toBe(convs.length * REPLIES);

    // The pace is kept in Redis, so two processes together still send at most about
    // PACED_PER_SECOND a second on the paced channel (a little slack for arrival jitter).
    const times = accepted()
      .filter((s) => s.channelId === "page-paced")
      .map((s) => s.at)
      .sort((a, b) => a - b);
    expect(times).toHaveLength(PACED_CONVERSATIONS * REPLIES);
    const busiestSecond = Math.max(
      ...times.map((t) => times.filter((u) => u >= t && u < t + 1_000).length),
    );
    expect(busiestSecond).toBeLessThanOrEqual(PACED_PER_SECOND + 2);
    const intervalMs = 1_000 / PACED_PER_SECOND;
    expect((times.at(-1) ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(
      (times.length - 1) * intervalMs * 0.8,
    );
    process.stdout.write(
      `multi-worker test: sends per worker process ${perWorker.join(" + ")}, busiest second on the paced channel ${busiestSecond}\n`,
    );
  }, 180_000);

  it("stops both processes cleanly", async () => {
    expect(await Promise.all(workers.map((w) => w.stop()))).toEqual([0, 0]);
  }, 60_000);
});
