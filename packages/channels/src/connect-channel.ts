import type { ChannelSubscription } from "@meta-relay/core";
import type { ChannelClient, ChannelTarget, MetaCallFailure } from "@meta-relay/meta";
import type { Logger } from "@meta-relay/observability";
import type { ChannelInput, ChannelStore, PutResult } from "@meta-relay/store";
import { ChannelAuthError, ChannelMismatchError, MetaUnreachableError } from "./channel-errors";
import type { ChannelState } from "./channel-state";
import { targetOf } from "./channel-target";

export interface ConnectInput extends ChannelInput {
  /** Check the token with Meta before storing anything (default true). */
  verify?: boolean | undefined;
  /** Subscribe the app to the channel's webhooks (default true). */
  subscribe?: boolean | undefined;
}

export interface ConnectDeps {
  channels: ChannelStore;
  client: ChannelClient;
  state: ChannelState;
  log: Logger;
}

/**
 * `PUT /v1/channels/...`: verify the token with Meta, subscribe the app, then store the channel.
 * A refused token or an unreachable Meta throws before anything is stored; a failed subscription
 * is recorded in the channel and does not stop the connect.
 */
export async function connectChannel(deps: ConnectDeps, input: ConnectInput): Promise<PutResult> {
  const target = targetOf(input);
  const name = input.verify === false ? input.name : await verifiedName(deps, target, input);
  const subscription =
    input.subscribe === false ? undefined : await subscribe(deps, target, input.accessToken);
  const result = await deps.channels.put({
    ...withoutSwitches(input),
    ...(name !== undefined ? { name } : {}),
    ...(subscription ? { subscription } : {}),
    ...(await tokenTimes(deps.channels, input)),
  });
  if (result.statusBefore === "restricted") {
    await deps.state.liftedByPut(input, result.at);
  }
  return result;
}

async function verifiedName(
  deps: ConnectDeps,
  target: ChannelTarget,
  input: ConnectInput,
): Promise<string | undefined> {
  const answer = await deps.client.verify(target, input.accessToken);
  if (!answer.ok) throw connectError(answer.failure);
  if (target.kind === "instagram_login" && answer.value.id !== input.channelId) {
    // Webhooks name the account by `user_id`: a channel under another id would never match them.
    throw new ChannelMismatchError(
      "channelId",
      `must be the Instagram account id of this token (user_id ${answer.value.id || "unknown"})`,
    );
  }
  return input.name ?? answer.value.name ?? undefined;
}

async function subscribe(
  deps: ConnectDeps,
  target: ChannelTarget,
  token: string,
): Promise<ChannelSubscription> {
  const checkedAt = new Date().toISOString();
  const answer = await deps.client.subscribe(target, token);
  if (answer.ok) {
    return {
      checkedAt,
      subscribed: true,
      ...(answer.value.fields.length > 0 ? { fields: answer.value.fields } : {}),
    };
  }
  deps.log.warn({ kind: target.kind, failure: answer.failure.kind }, "channel not subscribed");
  return { checkedAt, subscribed: false, error: failureText(answer.failure) };
}

/**
 * Instagram Login: a new token's age is counted from now (Meta tells its expiry only on refresh,
 * so it is unknown until then); the same token again keeps what was known of it.
 */
async function tokenTimes(
  channels: ChannelStore,
  input: ConnectInput,
): Promise<Pick<ChannelInput, "tokenIssuedAtMs" | "tokenExpiresAtMs">> {
  if (input.platform !== "instagram" || input.api !== "instagram_login") return {};
  const existing = await channels.getStored(input);
  if (existing && existing.api === "instagram_login" && sameToken(channels, existing, input)) {
    return {};
  }
  return { tokenIssuedAtMs: Date.now(), tokenExpiresAtMs: 0 };
}

function sameToken(
  channels: ChannelStore,
  existing: Parameters<ChannelStore["token"]>[0],
  input: ConnectInput,
): boolean {
  try {
    return channels.token(existing) === input.accessToken;
  } catch {
    return false;
  }
}

function withoutSwitches(input: ConnectInput): ChannelInput {
  const { verify: _verify, subscribe: _subscribe, ...rest } = input;
  return rest;
}

function connectError(failure: MetaCallFailure): Error {
  return failure.kind === "refused"
    ? new ChannelAuthError(failure)
    : new MetaUnreachableError(failure);
}

export function failureText(failure: MetaCallFailure): string {
  return failure.kind === "refused"
    ? `Meta refused (${failure.code}${failure.subcode === undefined ? "" : `/${failure.subcode}`}): ${failure.message}`
    : `Meta unreachable (${failure.detail})`;
}
