import { randomBytes } from "node:crypto";
import express, { type Express, type Request, type Response } from "express";
import { credentialsOf, listParam } from "./credentials";
import { handleSend, type GraphState } from "./graph-app";
import {
  badToken,
  errorBody,
  expiredToken,
  invalidParameter,
  unknownObjectRead,
  type GraphError,
} from "./graph-errors";
import { answer, answerError, record } from "./management-routes";
import type { SimCall, SimChannel } from "./types";

/** What the Instagram host adds to the Graph state: Meta's rule for refreshing tokens. */
export interface InstagramState extends GraphState {
  /** A token younger than this cannot be refreshed (Meta: 24 hours). */
  tokenMinAgeMs: number;
}

/** The webhook fields of the Instagram API with Instagram Login. */
const INSTAGRAM_FIELDS = new Set([
  "messages",
  "messaging_postbacks",
  "messaging_optins",
  "messaging_reactions",
  "messaging_referrals",
  "messaging_seen",
  "message_edit",
  "comments",
  "mentions",
]);

const BODY_LIMIT = "4mb";

/**
 * graph.instagram.com for accounts connected with Instagram Login: `/me`, sends on the account's
 * path, its `subscribed_apps`, and the refresh of its 60-day token.
 */
export function createInstagramApp(state: InstagramState): Express {
  const app = express();
  app.disable("x-powered-by");
  app.disable("etag");
  const raw = express.raw({ type: () => true, limit: BODY_LIMIT });
  const form = [express.urlencoded({ extended: false }), express.json()];
  app.get(["/refresh_access_token", "/:version/refresh_access_token"], (req, res) =>
    refresh(state, req, res),
  );
  app.post("/:version/:id/messages", raw, (req, res) => handleSend(state, req, res, "instagram"));
  app.get("/:version/:id/subscribed_apps", (req, res) => listApps(state, req, res));
  app.post("/:version/:id/subscribed_apps", ...form, (req, res) => subscribe(state, req, res));
  app.get(["/me", "/:version/me"], (req, res) => me(state, req, res));
  app.use((req, res) => {
    const error = invalidParameter(`Unknown path components: ${req.path}`);
    res.status(error.status).json(errorBody(null, error));
  });
  return app;
}

type Found = { channel: SimChannel; call: SimCall } | { error: GraphError; call: SimCall };

/** The account a call is for (its id, or `me`), checked against the token as Meta does. */
function account(
  state: InstagramState,
  req: Request,
  kind: SimCall["kind"],
  fields: string[] | undefined,
): Found {
  const credentials = credentialsOf(req, req.body);
  const id = typeof req.params.id === "string" ? req.params.id : "me";
  const byToken = state.channels.instagramByToken(credentials.token);
  const channel = id === "me" ? byToken : state.channels.instagramById(id);
  const objectId = channel?.channelId ?? id;
  const call = record(state, req, credentials, kind, objectId, fields, "instagram");
  if (!channel || !byToken) return { error: byToken ? unknownObjectRead(id) : badToken(), call };
  if (byToken !== channel) return { error: unknownObjectRead(id), call };
  if ((channel.tokenExpiresAtMs ?? Infinity) <= Date.now()) return { error: expiredToken(), call };
  return { channel, call };
}

function me(state: InstagramState, req: Request, res: Response): void {
  const found = account(state, req, "verify", listParam(req, "fields"));
  if ("error" in found) return answerError(res, found.call, found.error);
  const { channel } = found;
  // `id` is app-scoped and differs from the account id webhooks name; `user_id` is that id.
  answer(res, found.call, {
    id: `as-${channel.channelId}`,
    user_id: channel.channelId,
    username: channel.name ?? `sim_${channel.channelId}`,
  });
}

function subscribe(state: InstagramState, req: Request, res: Response): void {
  const fields = listParam(req, "subscribed_fields");
  const found = account(state, req, "subscribe", fields);
  if ("error" in found) return answerError(res, found.call, found.error);
  if (!fields || fields.length === 0) {
    return answerError(
      res,
      found.call,
      invalidParameter("The parameter subscribed_fields is required"),
    );
  }
  const unknown = fields.find((field) => !INSTAGRAM_FIELDS.has(field));
  if (unknown !== undefined) {
    return answerError(
      res,
      found.call,
      invalidParameter(`Param subscribed_fields: unknown ${unknown}`),
    );
  }
  state.subscriptions.subscribe(`instagram:${found.channel.channelId}`, state.appId, fields);
  answer(res, found.call, { success: true });
}

function listApps(state: InstagramState, req: Request, res: Response): void {
  const found = account(state, req, "subscribed_apps", undefined);
  if ("error" in found) return answerError(res, found.call, found.error);
  const data = state.subscriptions
    .list(`instagram:${found.channel.channelId}`)
    .map((app) => ({ id: app.appId, subscribed_fields: app.fields }));
  answer(res, found.call, { data });
}

/** Meta's rule: a long-lived token at least 24 hours old and not expired gets a fresh 60 days. */
function refresh(state: InstagramState, req: Request, res: Response): void {
  const found = account(state, req, "refresh_token", undefined);
  if ("error" in found) return answerError(res, found.call, found.error);
  if (req.query.grant_type !== "ig_refresh_token") {
    return answerError(res, found.call, invalidParameter("grant_type must be ig_refresh_token"));
  }
  const now = Date.now();
  const age = now - (found.channel.tokenIssuedAtMs ?? now);
  if (age < state.tokenMinAgeMs) {
    // Meta documents the rule but not the error it answers with; this is a plausible refusal.
    return answerError(
      res,
      found.call,
      invalidParameter("The access token must be at least 24 hours old to be refreshed"),
    );
  }
  const token = `IGAA${randomBytes(24).toString("base64url")}`;
  state.channels.replaceToken(found.channel, token, now);
  const expiresIn = Math.round(((found.channel.tokenExpiresAtMs ?? now) - now) / 1000);
  answer(res, found.call, { access_token: token, token_type: "bearer", expires_in: expiresIn });
}
