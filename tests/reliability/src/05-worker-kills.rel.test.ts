import {
  createSimCustomers,
  startMetaSimulator,
  type MetaSimulator,
  type SimCustomerRef,
  type SimCustomers,
} from "@meta-relay/testkit";
import { createApiClient, type ApiClient } from "./support/api-client";
import { createDeployment, type Deployment } from "./support/deployment";
import { startEventsReceiver, type EventsReceiver } from "./support/events-receiver";
import { report } from "./support/figures";
import { acceptedByKey, deliverUntilAccepted, sentMessageKey } from "./support/meta-delivery";
import { startPrivateRedis, type PrivateRedis } from "./support/private-redis";
import { startRelayFor, type RelayProcess } from "./support/relay-process";
import { formatCounts, outcomeCounts, waitAllFinal } from "./support/replies";
import { mapLimit, sleep, waitFor } from "./support/wait";

// The worker process is killed with SIGKILL and started again five times while it delivers 1 000
// replies to 50 customers: no reply is lost, at most one duplicate per kill reaches a customer, and
// each customer receives their replies in the order they were queued.

const CUSTOMERS = 50;
const PER_CUSTOMER = 20;
const KILLS = 5;

describe("worker killed five times", () => {
  let redis: PrivateRedis;
  let sim: MetaSimulator;
  let receiver: EventsReceiver;
  let d: Deployment;
  let front: RelayProcess;
  let worker: RelayProcess;
  let api: ApiClient;
  let customers: SimCustomers;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    sim = await startMetaSimulator();
    receiver = await startEventsReceiver();
    d = createDeployment({
      redisUrl: redis.server.url,
      graphUrl: sim.graphUrl,
      events: { url: receiver.url, secret: receiver.secret },
      extra: { GRAPH_TIMEOUT_MS: "2000" },
    });
    front = await startRelayFor(d, "worker-kills-front", ["ingress", "api"]);
    api = createApiClient(front.url("api"), d.apiKey);
    // Meta's echo of every accepted send reaches the ingress: it confirms sends a killed worker
    // never recorded.
    customers = createSimCustomers({
      ingressUrl: front.url("ingress"),
      appSecret: d.appSecret,
      simulator: sim,
      followUps: true,
    });
    for (const [platform, channelId] of [
      ["messenger", "wk-page"],
      ["instagram", "wk-ig"],
    ] as const) {
      const accessToken = d.newAccessToken();
      sim.addChannel({
        platform,
        channelId,
        accessToken,
        ...(platform === "instagram" ? { pageId: "wk-page" } : {}),
      });
      await api.putChannel(platform, channelId, {
        accessToken,
        ...(platform === "instagram" ? { pageId: "wk-page" } : {}),
      });
    }
  });
  afterAll(async () => {
    await worker?.dispose();
    await customers?.close();
    await front?.dispose();
    await receiver?.close();
    await sim?.close();
    await redis?.stop();
  });

  it("loses nothing, duplicates at most once per kill and keeps each customer's order", async () => {
    const who: SimCustomerRef[] = Array.from({ length: CUSTOMERS }, (_, i) => ({
      platform: i % 2 === 0 ? "messenger" : "instagram",
      channelId: i % 2 === 0 ? "wk-page" : "wk-ig",
      userId: `wk-user-${i}`,
    }));
    await mapLimit(who, 16, (to) =>
      deliverUntilAccepted(customers, () => customers.message(to, { text: `${d.textMarker} hi` })),
    );
    // Replies to one customer are queued one after the other: that is the order they must arrive in.
    const order = new Map<string, string[]>();
    await mapLimit(who, 25, async (to) => {
      const ids: string[] = [];
      for (let n = 0; n < PER_CUSTOMER; n++) {
        ids.push(
          await api.sendReliably(
            {
              channel: { platform: to.platform, id: to.channelId },
              recipient: { id: to.userId },
              sender: { type: "agent", id: "agent-wk" },
              message: { text: `${d.textMarker} ${to.userId} #${n}` },
            },
            `wk-${to.userId}-${n}`,
          ),
        );
      }
      order.set(to.userId, ids);
    });
    const all = [...order.values()].flat();
    // Slow answers, so that sends are in flight when the worker dies.
    sim.chaos({ minDelayMs: 20, maxDelayMs: 150 });
    const accepted = () => sim.sends.filter((s) => s.outcome === "accepted").length;
    const started = Date.now();
    worker = await startRelayFor(d, "worker-kills-worker", ["worker"]);
    const kills: { killedAt: number; sentBefore: number }[] = [];
    for (let k = 1; k <= KILLS; k++) {
      const target = Math.floor((k * all.length) / (KILLS + 2));
      await waitFor(() => accepted() >= target, 180_000, `${target} replies sent`);
      await worker.stop("SIGKILL");
      const killedAt = Date.now();
      const sentBefore = accepted();
      await sleep(300);
      await worker.restart();
      kills.push({ killedAt, sentBefore });
    }
    const views = await waitAllFinal(api, all, 300_000, receiver);
    await customers.settled();

    const perMessage = acceptedByKey(sim.sends);
    const duplicates = [...perMessage.values()].reduce((sum, n) => sum + n - 1, 0);
    const lost = all.filter((id) => !perMessage.has(id));
    const outOfOrder: string[] = [];
    for (const to of who) {
      const ids = order.get(to.userId) ?? [];
      const seen = sim.sends
        .filter((s) => s.outcome === "accepted" && s.userId === to.userId)
        .map(sentMessageKey);
      const firsts = seen.filter((id, i) => seen.indexOf(id) === i);
      if (firsts.join() !== ids.join()) outOfOrder.push(to.userId);
    }
    /** After a kill: how long until every customer still waiting for a reply got the next one. */
    const resumeMs = (killedAt: number, nextKillAt: number) => {
      let slowest = 0;
      for (const to of who) {
        const mine = sim.sends.filter((s) => s.outcome === "accepted" && s.userId === to.userId);
        if (mine.filter((s) => s.at <= killedAt).length >= PER_CUSTOMER) continue;
        const next = mine.find((s) => s.at > killedAt);
        if (next && next.at < nextKillAt) slowest = Math.max(slowest, next.at - killedAt);
      }
      return slowest;
    };
    report({
      section: "05 worker SIGKILL ×5 during 1 000 replies",
      figures: {
        replies: `${all.length} to ${CUSTOMERS} customers`,
        ...Object.fromEntries(
          kills.map((k, i) => [
            `kill #${i + 1}`,
            `after ${k.sentBefore} sent; every waiting customer served again within ${(resumeMs(k.killedAt, kills[i + 1]?.killedAt ?? Infinity) / 1000).toFixed(1)} s`,
          ]),
        ),
        outcomes: formatCounts(outcomeCounts(views.values())),
        lost: lost.length,
        "duplicates (limit: kills)": `${duplicates} (${KILLS})`,
        "customers whose replies arrived out of order": outOfOrder.length,
        "Meta refusals (rules broken)": sim.refusals(),
        "echoes posted": customers.posts.filter((p) => p.auto).length,
        "total time": `${((Date.now() - started) / 1000).toFixed(0)} s`,
      },
    });
    expect(views.size).toBe(all.length);
    expect(lost).toEqual([]);
    expect(duplicates).toBeLessThanOrEqual(KILLS);
    expect(outOfOrder).toEqual([]);
    expect([...views.values()].filter((v) => v.status === "failed")).toEqual([]);
  });
});
