import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { ChannelRegistry } from "./channel-registry";
import { SimulatorError } from "./errors";
import { FaultBook } from "./faults";
import { createGraphApp } from "./graph-app";
import { createInstagramApp, type InstagramState } from "./instagram-app";
import { MediaBook } from "./media";
import { SendLog } from "./send-log";
import { SubscriptionBook, subscriptionObject } from "./subscription-book";
import type {
  MetaSimulator,
  MetaSimulatorOptions,
  SimCall,
  SimChannel,
  SimChannelRef,
} from "./types";
import { SIM_APP_ID } from "./page-payloads";
import { HOUR_MS, WindowBook } from "./windows";

/**
 * Starts a fake Meta Graph API on 127.0.0.1 that keeps its own record of customers' windows and
 * applies Meta's messaging rules itself, answering with Meta's real error bodies.
 */
export async function startMetaSimulator(
  options: MetaSimulatorOptions = {},
): Promise<MetaSimulator> {
  const channels = new ChannelRegistry(options.instagramTokenTtlMs);
  const windows = new WindowBook();
  const faults = new FaultBook();
  const log = new SendLog();
  const media = new MediaBook();
  const subscriptions = new SubscriptionBook();
  const calls: SimCall[] = [];
  const restricted = new Set<string>();
  const appId = options.appId ?? SIM_APP_ID;
  const timers = new Set<NodeJS.Timeout>();
  const state: InstagramState = {
    channels,
    windows,
    faults,
    log,
    subscriptions,
    calls,
    restricted,
    appId,
    tokenMinAgeMs: options.instagramTokenMinAgeMs ?? 24 * HOUR_MS,
    media,
    windowFailures: options.whatsappWindowFailures ?? "sync",
    sleep: (ms) =>
      new Promise((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, ms);
        timers.add(timer);
      }),
  };
  const server = createServer(createGraphApp(state));
  const instagramServer = createServer(createInstagramApp(state));
  const port = await listen(server, options.port ?? 0);
  const instagramPort = await listen(instagramServer, 0);
  const known = (ref: SimChannelRef): SimChannel => {
    const channel = channels.get(ref.platform, ref.channelId);
    if (!channel)
      throw new SimulatorError("unknown_channel", `no ${ref.platform} channel ${ref.channelId}`);
    return channel;
  };
  const objectOf = (ref: SimChannelRef): string => {
    const object = subscriptionObject(known(ref));
    if (!object) throw new SimulatorError("no_waba", "a WhatsApp channel needs a wabaId");
    return object;
  };
  return {
    graphUrl: `http://127.0.0.1:${port}`,
    instagramGraphUrl: `http://127.0.0.1:${instagramPort}`,
    appId,
    sends: log.sends,
    addMedia: (input) => media.add(input),
    expireMedia: (id) => media.expire(id),
    mediaDownloads: media.downloads,
    calls,
    addChannel: (channel) => channels.add(channel),
    subscriptions: (ref) => subscriptions.list(objectOf(ref)),
    unsubscribeApp: (ref, app = appId) => subscriptions.unsubscribe(objectOf(ref), app),
    restrict: (ref, on) => {
      const key = `${known(ref).platform} ${ref.channelId}`;
      if (on) restricted.add(key);
      else restricted.delete(key);
    },
    tokenOf: (ref) => {
      const channel = known(ref);
      return {
        token: channel.accessToken,
        ...(channel.tokenIssuedAtMs !== undefined ? { issuedAtMs: channel.tokenIssuedAtMs } : {}),
        ...(channel.tokenExpiresAtMs !== undefined
          ? { expiresAtMs: channel.tokenExpiresAtMs }
          : {}),
      };
    },
    customerWrote: ({ platform, channelId, userId, atMs, metaMessageId, fromAd }) => {
      if (!Number.isFinite(atMs)) throw new SimulatorError("invalid_time", "atMs must be a number");
      windows.record(platform, channelId, userId, atMs);
      if (metaMessageId) windows.recordMessage(platform, channelId, userId, metaMessageId);
      if (fromAd && platform !== "whatsapp") windows.recordAd(platform, channelId, userId, atMs);
    },
    refusals: () => log.refusals(),
    inject: (rule) => faults.inject(rule),
    chaos: (chaos) => faults.setChaos(chaos),
    onSend: (listener) => log.onSend(listener),
    reset: () => {
      log.clear();
      calls.length = 0;
      faults.reset();
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.all([closeServer(server), closeServer(instagramServer)]);
    },
  };
}

function closeServer(server: ReturnType<typeof createServer>): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Held (timed-out) requests and keep-alive sockets would keep close() waiting forever.
  server.closeAllConnections();
  return closed;
}

function listen(server: ReturnType<typeof createServer>, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
