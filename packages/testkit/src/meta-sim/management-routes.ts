import express, { type Express, type Request, type Response } from "express";
import type { ChannelRegistry, GraphObject } from "./channel-registry";
import { credentialsOf, listParam, type Credentials } from "./credentials";
import {
  badToken,
  errorBody,
  invalidParameter,
  unknownObjectRead,
  type GraphError,
} from "./graph-errors";
import type { SubscriptionBook } from "./subscription-book";
import type { SimCall, SimChannel } from "./types";

/** What Meta's channel management endpoints read and write. */
export interface ManagementState {
  channels: ChannelRegistry;
  subscriptions: SubscriptionBook;
  calls: SimCall[];
  appId: string;
}

/** The page fields Meta lets an app subscribe to (those the relay may ask for, and a few more). */
const PAGE_FIELDS = new Set([
  "messages",
  "messaging_postbacks",
  "messaging_optins",
  "messaging_referrals",
  "message_deliveries",
  "message_reads",
  "message_echoes",
  "message_reactions",
  "message_edits",
  "messaging_handovers",
  "standby",
  "messaging_policy_enforcement",
  "messaging_account_linking",
  "business_integrity",
  "feed",
]);

const form = [
  express.urlencoded({ extended: false, limit: "64kb" }),
  express.json({ limit: "64kb" }),
];

/** graph.facebook.com: `GET /{id}` (who a token is), and `/{id}/subscribed_apps` of pages and WABAs. */
export function mountGraphManagement(app: Express, state: ManagementState): void {
  app.get("/:version/:id/subscribed_apps", (req, res) => listApps(state, req, res));
  app.post("/:version/:id/subscribed_apps", ...form, (req, res) => subscribe(state, req, res));
  app.get("/:version/:id", (req, res) => verify(state, req, res));
}

function verify(state: ManagementState, req: Request, res: Response): void {
  const credentials = credentialsOf(req, undefined);
  const id = String(req.params.id);
  const fields = listParam(req, "fields");
  const found = authorize(state, id, credentials);
  const call = record(state, req, credentials, "verify", id, fields);
  if ("error" in found) return answerError(res, call, found.error);
  const channel = found.object.channels[0] as SimChannel;
  const body: Record<string, unknown> = { id };
  if (found.object.kind === "page") body.name = channel.name ?? `Sim Page ${id}`;
  if (found.object.kind === "phone_number") {
    body.verified_name = channel.name ?? "Sim Business";
    body.display_phone_number = `+1 555-${id.slice(-4).padStart(4, "0")}`;
  }
  if (found.object.kind === "waba") body.name = channel.name ?? "Sim Business";
  answer(res, call, body);
}

function subscribe(state: ManagementState, req: Request, res: Response): void {
  const credentials = credentialsOf(req, req.body);
  const id = String(req.params.id);
  const fields = listParam(req, "subscribed_fields");
  const found = authorize(state, id, credentials);
  const call = record(state, req, credentials, "subscribe", id, fields);
  if ("error" in found) return answerError(res, call, found.error);
  if (found.object.kind === "phone_number") {
    return answerError(res, call, invalidParameter("A phone number has no subscribed_apps edge"));
  }
  if (found.object.kind === "page") {
    const error = pageFieldsError(fields);
    if (error) return answerError(res, call, error);
  }
  state.subscriptions.subscribe(objectKey(found.object), state.appId, fields ?? []);
  answer(res, call, { success: true });
}

function listApps(state: ManagementState, req: Request, res: Response): void {
  const credentials = credentialsOf(req, undefined);
  const id = String(req.params.id);
  const found = authorize(state, id, credentials);
  const call = record(state, req, credentials, "subscribed_apps", id, undefined);
  if ("error" in found) return answerError(res, call, found.error);
  const apps = state.subscriptions.list(objectKey(found.object));
  const data =
    found.object.kind === "waba"
      ? apps.map((app) => ({
          whatsapp_business_api_data: {
            id: app.appId,
            link: "https://sim.example/app",
            name: "Sim App",
          },
        }))
      : apps.map((app) => ({
          category: "Business",
          link: "https://sim.example/app",
          name: "Sim App",
          id: app.appId,
          subscribed_fields: app.fields,
        }));
  answer(res, call, { data });
}

function pageFieldsError(fields: string[] | undefined): GraphError | undefined {
  if (!fields || fields.length === 0) {
    return invalidParameter("The parameter subscribed_fields is required");
  }
  const unknown = fields.find((field) => !PAGE_FIELDS.has(field));
  return unknown === undefined
    ? undefined
    : invalidParameter(`Param subscribed_fields[${fields.indexOf(unknown)}] must be a page field`);
}

/** The object the token may act on, or Meta's refusal: a bad token, or an id it may not read. */
function authorize(
  state: { channels: ChannelRegistry },
  id: string,
  credentials: Credentials,
): { object: GraphObject } | { error: GraphError } {
  const object = state.channels.graphObject(id);
  if (object && object.channels.some((c) => c.accessToken === credentials.token)) {
    return { object };
  }
  // A token Meta knows, for something else: the object cannot be loaded with it. Any other
  // token is no token of Meta's at all.
  const known = credentials.token !== null && state.channels.knowsToken(credentials.token);
  return { error: known ? unknownObjectRead(id) : badToken() };
}

function objectKey(object: GraphObject): string {
  return object.kind === "waba" ? `waba:${object.id}` : `page:${object.id}`;
}

export function record(
  state: { calls: SimCall[] },
  req: Request,
  credentials: Credentials,
  kind: SimCall["kind"],
  objectId: string,
  fields: string[] | undefined,
  host: SimCall["host"] = "graph",
): SimCall {
  const call: SimCall = {
    host,
    method: req.method,
    path: req.path,
    kind,
    objectId,
    token: credentials.token,
    auth: credentials.auth,
    ...(fields ? { fields } : {}),
    status: 200,
    at: Date.now(),
  };
  state.calls.push(call);
  return call;
}

export function answer(res: Response, call: SimCall, body: object): void {
  call.status = 200;
  res.status(200).json(body);
}

export function answerError(res: Response, call: SimCall, error: GraphError): void {
  call.status = error.status;
  res.status(error.status).json(errorBody(null, error));
}
