import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { assertChannelAccess, channelNotFound } from "@meta-relay/access";
import { isRelayError } from "@meta-relay/core";
import { requestLog } from "@meta-relay/http";
import type { MediaDownload } from "@meta-relay/meta";
import { Router, type Response } from "express";
import { mediaParamsSchema } from "./schemas";
import { parseOrThrow } from "./validate";
import type { V1Deps } from "./v1-deps";

/**
 * GET /v1/channels/whatsapp/{channelId}/media/{mediaId}: the bytes of a file a customer sent,
 * fetched from Meta with the channel's token and streamed as they come (never held whole).
 */
export function mediaRouter(deps: V1Deps): Router {
  const router = Router();
  const log = deps.log.child({ module: "media" });
  const count = (outcome: string) => deps.metrics.mediaRequests.inc({ outcome });

  router.get("/channels/whatsapp/:channelId/media/:mediaId", async (req, res) => {
    const { channelId, mediaId } = parseOrThrow(mediaParamsSchema, req.params, "");
    // A key scoped to other channels learns nothing of this one, not even that it exists.
    assertChannelAccess(res, { platform: "whatsapp", channelId });
    const channel = await deps.channels.getStored({ platform: "whatsapp", channelId });
    if (!channel) {
      count("channel_not_found");
      throw channelNotFound("whatsapp", channelId);
    }
    // The client going away cancels Meta's lookup or download, whichever is under way.
    const abort = new AbortController();
    res.once("close", () => abort.abort());
    let download: MediaDownload;
    try {
      const token = deps.channels.token(channel);
      download = await deps.media.open({
        phoneNumberId: channelId,
        mediaId,
        token,
        signal: abort.signal,
      });
    } catch (error) {
      count(isRelayError(error) ? error.code : "error");
      throw error;
    }
    await stream(deps, res, download, (outcome, bytes) => {
      count(outcome);
      requestLog(res, log).info({ channelId, outcome, bytes }, "media relayed");
    });
  });
  return router;
}

async function stream(
  deps: V1Deps,
  res: Response,
  download: MediaDownload,
  done: (outcome: "served" | "aborted", bytes: number) => void,
): Promise<void> {
  res.status(200);
  res.set("content-type", download.contentType);
  if (download.contentLength !== null) res.set("content-length", String(download.contentLength));
  // Meta's bytes are the customer's, whatever type Meta names: never run them on this origin.
  res.set({
    "content-disposition": "attachment",
    "content-security-policy": "default-src 'none'; sandbox",
    "x-content-type-options": "nosniff",
    "cache-control": "private, no-store",
  });
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, next) {
      bytes += chunk.length;
      next(null, chunk);
    },
  });
  try {
    await pipeline(download.body, counter, res);
    done("served", bytes);
  } catch {
    // Headers are gone: a truncated body (and Content-Length) is how the client learns of it.
    res.destroy();
    done("aborted", bytes);
  } finally {
    deps.metrics.mediaBytes.inc(bytes);
  }
}
