import express, {
  type ErrorRequestHandler,
  type Express,
  type Request,
  type Response,
} from "express";
import { isInstagramLogin, type ChannelRegistry } from "./channel-registry";
import { credentialsOf } from "./credentials";
import type { FaultAction, FaultBook } from "./faults";
import {
  accountBlocked,
  badToken,
  errorBody,
  expiredToken,
  pageRestricted,
  unknownObject,
  type GraphError,
} from "./graph-errors";
import { mountGraphManagement, type ManagementState } from "./management-routes";
import type { MediaBook } from "./media";
import { mountMediaRoutes } from "./media-routes";
import { judgeMessengerSend, messengerFacts } from "./messenger-rules";
import type { SendLog } from "./send-log";
import type { SimChannel, SimPlatform, SimSend } from "./types";
import { isRecord, type Verdict } from "./verdict";
import { judgeWhatsAppSend, whatsappFacts, type WindowFailureMode } from "./whatsapp-rules";
import type { WindowBook } from "./windows";

/** Everything the fake Graph API reads and writes while answering sends. */
export interface GraphState extends ManagementState {
  channels: ChannelRegistry;
  /** "platform channelId" of channels Meta restricted from sending. */
  restricted: Set<string>;
  windows: WindowBook;
  faults: FaultBook;
  log: SendLog;
  media: MediaBook;
  windowFailures: WindowFailureMode;
  /** Waits `ms` unless the simulator closes first (then never resolves). */
  sleep(ms: number): Promise<void>;
}

// Meta takes up to a few MB per request; anything bigger is a bug in the caller.
const BODY_LIMIT = "4mb";

/** The express app serving `POST /{version}/{id}/messages` as Meta's Graph API does. */
export function createGraphApp(state: GraphState): Express {
  const app = express();
  app.disable("x-powered-by");
  app.disable("etag");
  app.post(
    "/:version/:id/messages",
    express.raw({ type: () => true, limit: BODY_LIMIT }),
    (req, res) => handleSend(state, req, res, "graph"),
  );
  // Media first: its download path and its `GET /{media-id}` share the shape of `GET /{id}`.
  mountMediaRoutes(app, state);
  mountGraphManagement(app, state);
  app.use((req, res) => {
    const error: GraphError = {
      status: 400,
      code: 2500,
      message: `Unknown path components: ${req.path}`,
    };
    res.status(error.status).json(errorBody(null, error));
  });
  app.use(bodyErrors);
  return app;
}

/** `POST /{v}/{id}/messages` on either host: the Graph API, or the Instagram Login host. */
export async function handleSend(
  state: GraphState,
  req: Request,
  res: Response,
  host: "graph" | "instagram",
): Promise<void> {
  const arrival = state.log.arrive();
  const at = Date.now();
  const pathId = String(req.params.id);
  const body = parseBody(req);
  const { token, auth } = credentialsOf(req, body);
  const channel = sendingChannel(state, host, pathId, body, token);
  const platform = channel?.platform ?? (host === "instagram" ? "instagram" : guessPlatform(body));
  const owner = (id: string) =>
    state.windows.messageOwner("whatsapp", channel?.channelId ?? pathId, id);
  const facts = platform === "whatsapp" ? whatsappFacts(body, owner) : messengerFacts(body);
  const send: SimSend = {
    platform,
    channelId: channel?.channelId ?? pathId,
    ...facts,
    path: req.path,
    token,
    host,
    auth,
    body,
    outcome: "accepted",
    at,
  };
  const delay = state.faults.delayMs();
  if (delay > 0) await state.sleep(delay);
  if (!channel) return refuse(state, arrival, send, res, unknownObject(pathId));
  if (token !== channel.accessToken) return refuse(state, arrival, send, res, badToken());
  if (isInstagramLogin(channel) && (channel.tokenExpiresAtMs ?? Infinity) <= at) {
    return refuse(state, arrival, send, res, expiredToken());
  }
  if (state.restricted.has(`${channel.platform} ${channel.channelId}`)) {
    const error = channel.platform === "whatsapp" ? accountBlocked() : pageRestricted();
    return refuse(state, arrival, send, res, error);
  }
  const fault = state.faults.take({ platform, channelId: channel.channelId, userId: send.userId });
  if (fault) return answerFault(state, arrival, send, res, fault);
  answerVerdict(state, arrival, send, res, judge(state, channel, body));
}

function sendingChannel(
  state: GraphState,
  host: "graph" | "instagram",
  pathId: string,
  body: unknown,
  token: string | null,
): SimChannel | undefined {
  if (host === "graph") return state.channels.resolve(pathId, body, state.windows);
  return pathId === "me"
    ? state.channels.instagramByToken(token)
    : state.channels.instagramById(pathId);
}

function judge(state: GraphState, channel: SimChannel, body: unknown): Verdict {
  const now = Date.now();
  if (channel.platform === "whatsapp") {
    return judgeWhatsAppSend(channel, body, state.windows, now, state.windowFailures);
  }
  return judgeMessengerSend({ ...channel, platform: channel.platform }, body, state.windows, now);
}

function answerVerdict(
  state: GraphState,
  arrival: number,
  send: SimSend,
  res: Response,
  verdict: Verdict,
): void {
  if (verdict.kind === "refuse") return refuse(state, arrival, send, res, verdict.error);
  res.status(200).json(verdict.response);
  const { metaMessageId } = verdict;
  if (verdict.kind === "accept") {
    const accepted: SimSend = { ...send, outcome: "accepted" };
    if (metaMessageId !== undefined) accepted.metaMessageId = metaMessageId;
    state.log.add(arrival, accepted);
    return;
  }
  const { code, subcode } = verdict.error;
  state.log.add(arrival, {
    ...send,
    outcome: "refused",
    metaMessageId,
    error: { status: 200, code, ...(subcode !== undefined && { subcode }) },
    failsAsync: true,
  });
}

function refuse(
  state: GraphState,
  arrival: number,
  send: SimSend,
  res: Response,
  error: GraphError,
): void {
  res.status(error.status).json(errorBody(send.platform, error));
  state.log.add(arrival, { ...send, outcome: "refused", error: errorSummary(error) });
}

function answerFault(
  state: GraphState,
  arrival: number,
  send: SimSend,
  res: Response,
  fault: FaultAction,
): void {
  const record: SimSend = { ...send, outcome: "fault", fault: fault.kind };
  if (fault.kind === "timeout") {
    // Never answered: the socket stays open until the client gives up or the simulator closes.
    state.log.add(arrival, record);
    return;
  }
  if (fault.kind === "http") {
    res.status(fault.status).type("text/html").send(`<html><body>${fault.status}</body></html>`);
    state.log.add(arrival, { ...record, error: { status: fault.status, code: 0 } });
    return;
  }
  res.status(fault.error.status).json(errorBody(send.platform, fault.error));
  state.log.add(arrival, { ...record, error: errorSummary(fault.error) });
}

function errorSummary(error: GraphError): NonNullable<SimSend["error"]> {
  const { status, code, subcode } = error;
  return subcode === undefined ? { status, code } : { status, code, subcode };
}

/** JSON (what the relay sends) or a form body (Meta accepts both); raw text when neither parses. */
function parseBody(req: Request): unknown {
  const raw = Buffer.isBuffer(req.body) ? req.body.toString("utf8") : "";
  if (raw === "") return {};
  if (req.is("application/x-www-form-urlencoded")) return parseForm(raw);
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

function parseForm(raw: string): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    try {
      fields[key] = /^[[{]/.test(value) ? (JSON.parse(value) as unknown) : value;
    } catch {
      fields[key] = value;
    }
  }
  return fields;
}

function guessPlatform(body: unknown): SimPlatform {
  return isRecord(body) && body.messaging_product !== undefined ? "whatsapp" : "messenger";
}

const bodyErrors: ErrorRequestHandler = (err, _req, res, _next) => {
  const status =
    typeof (err as { status?: unknown }).status === "number"
      ? (err as { status: number }).status
      : 500;
  const error: GraphError = {
    status,
    code: status === 413 ? 100 : 1,
    message: "(#100) Invalid request body",
  };
  res.status(status).json(errorBody(null, error));
};
