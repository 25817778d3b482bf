import { RelayError, type ChannelRef } from "@meta-relay/core";
import type { RequestHandler, Response } from "express";
import { canUseChannel, principalOf } from "./principal";

/**
 * The answer for a channel that is not connected, and, word for word, for one outside the key's
 * scope: a scoped key cannot tell the two apart.
 */
export function channelNotFound(platform: string, channelId: string): RelayError {
  return new RelayError("channel_not_found", `No ${platform} channel ${channelId} is connected.`);
}

/** Throws `404 channel_not_found` unless the caller may use the channel. Call it before any read. */
export function assertChannelAccess(res: Response, channel: ChannelRef): void {
  if (!canUseChannel(res, channel)) throw channelNotFound(channel.platform, channel.channelId);
}

/** Middleware of every route that changes something: a `read` key gets `403 forbidden`. */
export function requireSend(): RequestHandler {
  return (_req, res, next) => {
    const principal = principalOf(res);
    if (principal.kind === "scoped" && principal.key.access !== "send") {
      throw new RelayError("forbidden", "This API key may only read.");
    }
    next();
  };
}

/** Middleware of the admin routes (key management): any scoped key gets `403 forbidden`. */
export function requireAdmin(): RequestHandler {
  return (_req, res, next) => {
    if (principalOf(res).kind !== "admin") {
      throw new RelayError("forbidden", "Only an admin key (RELAY_API_KEYS) may do this.");
    }
    next();
  };
}
