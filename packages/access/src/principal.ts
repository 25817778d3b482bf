import type { ChannelRef } from "@meta-relay/core";
import type { ApiKeyRecord } from "@meta-relay/store";
import type { Response } from "express";
import { channelInScope } from "./scope";

/** Who is calling: an admin key of RELAY_API_KEYS, or a scoped key. */
export type Principal = { kind: "admin" } | { kind: "scoped"; key: ApiKeyRecord };

const principals = new WeakMap<Response, Principal>();

export function setPrincipal(res: Response, principal: Principal): void {
  principals.set(res, principal);
}

/**
 * The caller of the request `res` answers. Throws (a 500, never an open door) on a route that is
 * not behind `authenticate`.
 */
export function principalOf(res: Response): Principal {
  const principal = principals.get(res);
  if (!principal) throw new Error("route is not behind authenticate()");
  return principal;
}

/** True when the caller may see and use this channel: admin keys, or a key scoped to it. */
export function canUseChannel(res: Response, channel: ChannelRef): boolean {
  const principal = principalOf(res);
  return principal.kind === "admin" || channelInScope(principal.key.channels, channel);
}
