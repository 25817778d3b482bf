import type { ChannelSubscription } from "@meta-relay/core";
import type { ChannelClient, SubscribedApp } from "@meta-relay/meta";
import type { Logger, RelayMetrics } from "@meta-relay/observability";
import type { ChannelStateStore, ChannelStore, StoredChannel } from "@meta-relay/store";
import { TokenUnreadableError } from "@meta-relay/store";
import type { ChannelState } from "./channel-state";
import { targetOf } from "./channel-target";
import { failureText } from "./connect-channel";
import { refreshDue, refreshToken, type RefreshPolicy } from "./token-refresh";

export interface WatchdogDeps {
  channels: ChannelStore;
  stateStore: ChannelStateStore;
  state: ChannelState;
  client: ChannelClient;
  metrics: RelayMetrics;
  log: Logger;
  /** META_APP_ID; null: subscriptions are not checked (token refresh still runs). */
  appId: string | null;
  refresh: RefreshPolicy;
  /** Channels looked at in parallel. */
  concurrency: number;
}

/** What one pass found, for the log line and the tests. */
export interface WatchdogReport {
  channels: number;
  resubscribed: number;
  refreshed: number;
  lifted: number;
  failed: number;
}

type Outcome = "resubscribed" | "refreshed" | "lifted" | "failed";

/**
 * One pass over every channel: lift restrictions whose end Meta announced, refresh Instagram
 * Login tokens that are due, and check that the app is still subscribed to each channel's
 * webhooks, subscribing again where Meta dropped it. Runs in one worker at a time (a BullMQ job).
 */
export async function runWatchdog(deps: WatchdogDeps): Promise<WatchdogReport> {
  const channels = await deps.channels.listStored();
  const report: WatchdogReport = {
    channels: channels.length,
    resubscribed: 0,
    refreshed: 0,
    lifted: 0,
    failed: 0,
  };
  let next = 0;
  const lane = async () => {
    while (next < channels.length) {
      const channel = channels[next++] as StoredChannel;
      for (const outcome of await watchOne(deps, channel)) report[outcome] += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, deps.concurrency) }, lane));
  deps.log.info({ ...report }, "channel watchdog pass done");
  return report;
}

async function watchOne(deps: WatchdogDeps, channel: StoredChannel): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  try {
    if (await liftExpired(deps, channel)) outcomes.push("lifted");
    let current: StoredChannel | null = channel;
    if (refreshDue(channel, deps.refresh, Date.now())) {
      const outcome = await refreshToken(deps, channel);
      deps.metrics.channelTokenRefreshes.inc({ outcome });
      if (outcome === "refreshed") outcomes.push("refreshed");
      if (outcome === "refused") outcomes.push("failed");
      current = await deps.channels.getStored(channel);
    }
    if (deps.appId && current && current.status !== "auth_failed") {
      const outcome = await checkSubscription(deps, current, deps.appId);
      if (outcome) outcomes.push(outcome);
    }
  } catch (err) {
    if (!(err instanceof TokenUnreadableError)) throw err;
    deps.log.error(
      { platform: channel.platform, channelId: channel.channelId },
      "channel token cannot be decrypted",
    );
    outcomes.push("failed");
  }
  return outcomes;
}

async function liftExpired(deps: WatchdogDeps, channel: StoredChannel): Promise<boolean> {
  const until = channel.restriction?.until;
  if (channel.status !== "restricted" || until === undefined || Date.parse(until) > Date.now()) {
    return false;
  }
  const result = await deps.state.lift(channel, {
    source: "watchdog",
    reason: "the restriction ended",
  });
  return result.kind === "changed";
}

async function checkSubscription(
  deps: WatchdogDeps,
  channel: StoredChannel,
  appId: string,
): Promise<Outcome | null> {
  const target = targetOf(channel);
  const token = deps.channels.token(channel);
  const checkedAtMs = Date.now();
  const record = (subscription: Omit<ChannelSubscription, "checkedAt">) =>
    deps.stateStore.recordSubscription(channel, {
      checkedAt: new Date(checkedAtMs).toISOString(),
      ...subscription,
    });
  const apps = await deps.client.subscribedApps(target, token);
  if (!apps.ok) {
    count(deps, channel, apps.failure.kind === "unreachable" ? "unreachable" : "failed");
    if (apps.failure.kind === "refused")
      await record({ subscribed: false, error: failureText(apps.failure) });
    return apps.failure.kind === "refused" ? "failed" : null;
  }
  const ours = apps.value.find((app: SubscribedApp) => app.id === appId);
  if (ours) {
    count(deps, channel, "subscribed");
    await record({ subscribed: true, ...(ours.fields.length > 0 ? { fields: ours.fields } : {}) });
    return null;
  }
  const again = await deps.client.subscribe(target, token);
  if (!again.ok) {
    count(deps, channel, "failed");
    await record({ subscribed: false, error: failureText(again.failure) });
    return "failed";
  }
  count(deps, channel, "resubscribed");
  await record({
    subscribed: true,
    ...(again.value.fields.length > 0 ? { fields: again.value.fields } : {}),
  });
  await deps.state.resubscribed(channel, checkedAtMs);
  return "resubscribed";
}

function count(deps: WatchdogDeps, channel: StoredChannel, outcome: string): void {
  deps.metrics.channelSubscriptionChecks.inc({ platform: channel.platform, outcome });
}
