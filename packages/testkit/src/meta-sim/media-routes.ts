import { createHmac, timingSafeEqual } from "node:crypto";
import { pipeline } from "node:stream";
import type { Express, Request, Response } from "express";
import type { ChannelRegistry } from "./channel-registry";
import type { FaultAction, FaultBook } from "./faults";
import { badToken, errorBody, unknownObject, type GraphError } from "./graph-errors";
import { URL_SECRET, type MediaBook } from "./media";
import type { SimMediaDownload } from "./types";

/** What the media routes read: the media, the channels (their tokens) and the injected faults. */
export interface MediaState {
  media: MediaBook;
  channels: ChannelRegistry;
  faults: FaultBook;
}

/** Meta's download URLs stop working 5 minutes after the lookup handed them out. */
const URL_LIFETIME_S = 300;
const DOWNLOAD_PATH = "/whatsapp_business/attachments/";

/**
 * WhatsApp media as the Graph API serves it: `GET /{version}/{media-id}` answers the media's URL,
 * type, size and SHA-256; the URL, fetched with the same token, answers the bytes.
 */
export function mountMediaRoutes(app: Express, state: MediaState): void {
  app.get(DOWNLOAD_PATH, (req, res) => serveDownload(state, req, res));
  app.get("/:version/:mediaId", (req, res, next) => {
    if (!/^v\d+\.\d+$/.test(String(req.params.version))) return next();
    // A page, account or number is not media: its `GET /{id}` is another route's.
    const id = String(req.params.mediaId);
    if (!state.media.find(id) && state.channels.graphObject(id)) return next();
    serveLookup(state, req, res);
  });
}

function serveLookup(state: MediaState, req: Request, res: Response): void {
  const id = String(req.params.mediaId);
  const media = state.media.find(id);
  const phoneNumberId =
    typeof req.query.phone_number_id === "string" ? req.query.phone_number_id : undefined;
  const fault = state.faults.take(
    { platform: "whatsapp", channelId: media?.channelId ?? "", userId: "" },
    "media",
  );
  if (fault) return answerFault(res, fault);
  // Unknown, expired, or sent to another number: Meta says the same for all three.
  if (!media || (phoneNumberId !== undefined && phoneNumberId !== media.channelId)) {
    return refuse(res, { ...unknownObject(id), message: unsupportedGet(id) });
  }
  if (!tokenFits(state, req, media.channelId)) return refuse(res, badToken());
  const ext = Math.floor(Date.now() / 1000) + URL_LIFETIME_S;
  const base = `${req.protocol}://${req.get("host") ?? "127.0.0.1"}`;
  const query = new URLSearchParams({ mid: id, ext: String(ext), hash: sign(id, ext) });
  res.status(200).json({
    messaging_product: "whatsapp",
    url: `${base}${DOWNLOAD_PATH}?${query.toString()}`,
    mime_type: media.mimeType,
    sha256: state.media.sha256(id),
    file_size: String(media.size),
    id,
  });
}

function serveDownload(state: MediaState, req: Request, res: Response): void {
  const id = typeof req.query.mid === "string" ? req.query.mid : "";
  const ext = Number(req.query.ext);
  const hash = typeof req.query.hash === "string" ? req.query.hash : "";
  const media = state.media.find(id);
  if (!media || !validSignature(id, ext, hash) || ext * 1000 < Date.now()) {
    res.status(404).type("text/plain").send("Not Found");
    return;
  }
  if (!tokenFits(state, req, media.channelId)) return refuse(res, badToken());
  const record: SimMediaDownload = { mediaId: id, bytes: 0, completed: false, aborted: false };
  state.media.downloads.push(record);
  res.status(200);
  res.set({ "content-type": media.mimeType, "content-length": String(media.size) });
  const body = state.media.stream(media);
  body.on("data", (chunk: Buffer) => {
    record.bytes += chunk.length;
  });
  pipeline(body, res, (error) => {
    record.completed = !error && record.bytes === media.size;
    record.aborted = !record.completed;
  });
}

/** The token must be the channel's (any known channel's when the media names none). */
function tokenFits(state: MediaState, req: Request, channelId: string | undefined): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(req.get("authorization") ?? "");
  const token = match?.[1];
  if (!token) return false;
  if (channelId === undefined) return state.channels.hasToken(token);
  return state.channels.get("whatsapp", channelId)?.accessToken === token;
}

function sign(id: string, ext: number): string {
  return createHmac("sha256", URL_SECRET).update(`${id}.${ext}`).digest("base64url");
}

function validSignature(id: string, ext: number, hash: string): boolean {
  if (!Number.isSafeInteger(ext)) return false;
  const expected = Buffer.from(sign(id, ext));
  const given = Buffer.from(hash);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function unsupportedGet(id: string): string {
  return `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`;
}

function refuse(res: Response, error: GraphError): void {
  res.status(error.status).json(errorBody("whatsapp", error));
}

function answerFault(res: Response, fault: FaultAction): void {
  if (fault.kind === "timeout") return; // held open until the client gives up
  if (fault.kind === "http") {
    res.status(fault.status).type("text/html").send(`<html><body>${fault.status}</body></html>`);
    return;
  }
  refuse(res, fault.error);
}
