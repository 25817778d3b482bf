import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { ChannelRegistry } from "./channel-registry";
import { SimulatorError } from "./errors";
import { FaultBook } from "./faults";
import { createGraphApp } from "./graph-app";
import { MediaBook } from "./media";
import { SendLog } from "./send-log";
import type { MetaSimulator, MetaSimulatorOptions } from "./types";
import { WindowBook } from "./windows";

/**
 * Starts a fake Meta Graph API on 127.0.0.1 that keeps its own record of customers' windows and
 * applies Meta's messaging rules itself, answering with Meta's real error bodies.
 */
export async function startMetaSimulator(
  options: MetaSimulatorOptions = {},
): Promise<MetaSimulator> {
  const channels = new ChannelRegistry();
  const windows = new WindowBook();
  const faults = new FaultBook();
  const log = new SendLog();
  const media = new MediaBook();
  const timers = new Set<NodeJS.Timeout>();
  const app = createGraphApp({
    channels,
    windows,
    faults,
    log,
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
  });
  const server = createServer(app);
  const port = await listen(server, options.port ?? 0);
  return {
    graphUrl: `http://127.0.0.1:${port}`,
    sends: log.sends,
    addMedia: (input) => media.add(input),
    expireMedia: (id) => media.expire(id),
    mediaDownloads: media.downloads,
    addChannel: (channel) => channels.add(channel),
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
      faults.reset();
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Held (timed-out) requests and keep-alive sockets would keep close() waiting forever.
      server.closeAllConnections();
      await closed;
    },
  };
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
