import type { AxiosInstance } from "axios";
import { z } from "zod";
import { classifyGraphFailure, type GraphFailure } from "./classify";
import { graphHttp, metaError, transportFailure } from "./graph-client";

/** What a channel is to Meta's management calls: a page, an Instagram Login account, a number. */
export type ChannelTarget =
  /** A Messenger page, or the page an Instagram account is linked to. */
  | { kind: "page"; pageId: string }
  /** An Instagram professional account connected with Instagram Login (graph.instagram.com). */
  | { kind: "instagram_login"; accountId: string }
  /** A WhatsApp phone number; its business account (WABA) holds the webhook subscription. */
  | { kind: "whatsapp"; phoneNumberId: string; wabaId: string | null };

/** Why a management call did not succeed: Meta said no, or Meta could not be asked. */
export type MetaCallFailure =
  | { kind: "refused"; code: number; subcode?: number | undefined; message: string }
  | { kind: "unreachable"; detail: string };

export type MetaCall<T> = { ok: true; value: T } | { ok: false; failure: MetaCallFailure };

/** Who the token speaks for, as Meta answers the verify call. */
export interface ChannelIdentity {
  /** The page id, Instagram account id (`user_id`) or phone number id Meta returned. */
  id: string;
  name: string | null;
}

/** One app on a page's, account's or WABA's `subscribed_apps`. */
export interface SubscribedApp {
  id: string;
  fields: string[];
}

export interface RefreshedToken {
  accessToken: string;
  /** Seconds until the new token expires, as Meta says. */
  expiresInSeconds: number | null;
}

/** Meta's channel management calls: verify a token, subscribe the app, read subscriptions, refresh. */
export interface ChannelClient {
  verify(target: ChannelTarget, token: string): Promise<MetaCall<ChannelIdentity>>;
  /** Subscribes our app to the channel's webhooks; resolves the fields asked for. */
  subscribe(target: ChannelTarget, token: string): Promise<MetaCall<{ fields: string[] }>>;
  subscribedApps(target: ChannelTarget, token: string): Promise<MetaCall<SubscribedApp[]>>;
  /** Instagram Login: a fresh 60-day token for a long-lived one at least 24 hours old. */
  refreshInstagramToken(token: string): Promise<MetaCall<RefreshedToken>>;
}

export interface ChannelClientOptions {
  graphUrl: string;
  instagramGraphUrl: string;
  graphVersion: string;
  timeoutMs: number;
}

/**
 * The page fields the relay handles (messages and their receipts, echoes, reactions, edits,
 * handover and standby, and Meta's policy enforcement notices). Instagram linked to a page is
 * subscribed through the page with the same call.
 */
export const PAGE_WEBHOOK_FIELDS = [
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
] as const;

/** The webhook fields of the Instagram API with Instagram Login. */
export const INSTAGRAM_LOGIN_WEBHOOK_FIELDS = [
  "messages",
  "messaging_postbacks",
  "messaging_optins",
  "messaging_reactions",
  "messaging_referrals",
  "messaging_seen",
] as const;

const identitySchema = z.looseObject({
  id: z.union([z.string(), z.number()]).optional(),
  user_id: z.union([z.string(), z.number()]).optional(),
  name: z.string().optional(),
  username: z.string().optional(),
  verified_name: z.string().optional(),
  display_phone_number: z.string().optional(),
});

const subscribedAppsSchema = z.looseObject({
  data: z.array(
    z.looseObject({
      id: z.union([z.string(), z.number()]).optional(),
      subscribed_fields: z
        .array(z.union([z.string(), z.looseObject({ name: z.string() })]))
        .optional(),
      whatsapp_business_api_data: z
        .looseObject({ id: z.union([z.string(), z.number()]).optional() })
        .optional(),
    }),
  ),
});

const refreshSchema = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.number().optional(),
});

export function createChannelClient(options: ChannelClientOptions): ChannelClient {
  const graph = graphHttp(options.graphUrl, options.timeoutMs);
  const instagram = graphHttp(options.instagramGraphUrl, options.timeoutMs);
  const v = options.graphVersion;
  const hostOf = (target: ChannelTarget) => (target.kind === "instagram_login" ? instagram : graph);
  return {
    async verify(target, token) {
      const call = await request(hostOf(target), "GET", verifyPath(target, v), token);
      if (!call.ok) return call;
      return parsed(identitySchema, call.value, (data) => identityOf(target, data));
    },
    async subscribe(target, token) {
      const path = subscribePath(target, v);
      if (!path) return missingWaba();
      const fields = fieldsOf(target);
      const query = fields.length > 0 ? `?subscribed_fields=${fields.join(",")}` : "";
      const call = await request(hostOf(target), "POST", `${path}${query}`, token);
      return call.ok ? { ok: true, value: { fields } } : call;
    },
    async subscribedApps(target, token) {
      const path = subscriptionsPath(target, v);
      if (!path) return missingWaba();
      const call = await request(hostOf(target), "GET", path, token);
      if (!call.ok) return call;
      return parsed(subscribedAppsSchema, call.value, (data) => data.data.map(appOf));
    },
    async refreshInstagramToken(token) {
      // Meta documents the token as a query parameter on this call; it is never logged.
      const path = `/refresh_access_token?grant_type=ig_refresh_token&access_token=${encodeURIComponent(token)}`;
      const call = await request(instagram, "GET", path, null);
      if (!call.ok) return call;
      return parsed(refreshSchema, call.value, (data) => ({
        accessToken: data.access_token,
        expiresInSeconds: data.expires_in ?? null,
      }));
    },
  };
}

function verifyPath(target: ChannelTarget, v: string): string {
  switch (target.kind) {
    case "page":
      return `/${v}/${target.pageId}?fields=id,name`;
    case "instagram_login":
      return `/${v}/me?fields=user_id,username`;
    case "whatsapp":
      return `/${v}/${target.phoneNumberId}?fields=display_phone_number,verified_name`;
  }
}

function subscribePath(target: ChannelTarget, v: string): string | null {
  if (target.kind === "instagram_login") return `/${v}/me/subscribed_apps`;
  return subscriptionsPath(target, v);
}

function subscriptionsPath(target: ChannelTarget, v: string): string | null {
  switch (target.kind) {
    case "page":
      return `/${v}/${target.pageId}/subscribed_apps`;
    case "instagram_login":
      return `/${v}/${target.accountId}/subscribed_apps`;
    case "whatsapp":
      return target.wabaId ? `/${v}/${target.wabaId}/subscribed_apps` : null;
  }
}

function fieldsOf(target: ChannelTarget): string[] {
  if (target.kind === "page") return [...PAGE_WEBHOOK_FIELDS];
  if (target.kind === "instagram_login") return [...INSTAGRAM_LOGIN_WEBHOOK_FIELDS];
  // A WABA subscription has no fields: the app's own webhook settings choose them.
  return [];
}

function identityOf(target: ChannelTarget, data: z.output<typeof identitySchema>): ChannelIdentity {
  switch (target.kind) {
    case "page":
      return { id: idString(data.id) ?? target.pageId, name: data.name ?? null };
    case "instagram_login":
      // `id` is app-scoped; `user_id` is the account id webhooks name (entry[].id).
      return { id: idString(data.user_id) ?? "", name: data.username ?? null };
    case "whatsapp":
      return {
        id: idString(data.id) ?? target.phoneNumberId,
        name: data.verified_name ?? data.display_phone_number ?? null,
      };
  }
}

function appOf(app: z.output<typeof subscribedAppsSchema>["data"][number]): SubscribedApp {
  const id = idString(app.id) ?? idString(app.whatsapp_business_api_data?.id) ?? "";
  const fields = (app.subscribed_fields ?? []).map((f) => (typeof f === "string" ? f : f.name));
  return { id, fields };
}

function idString(value: string | number | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}

function missingWaba(): MetaCall<never> {
  return {
    ok: false,
    failure: {
      kind: "refused",
      code: 0,
      message: "wabaId is needed to subscribe a WhatsApp number's business account",
    },
  };
}

async function request(
  http: AxiosInstance,
  method: "GET" | "POST",
  path: string,
  token: string | null,
): Promise<MetaCall<unknown>> {
  try {
    const response = await http.request<unknown>({
      method,
      url: path,
      ...(token === null ? {} : { headers: { authorization: `Bearer ${token}` } }),
    });
    return answer(response.status, response.data);
  } catch (error) {
    return { ok: false, failure: unreachable(transportFailure(error)) };
  }
}

function answer(status: number, data: unknown): MetaCall<unknown> {
  const error = metaError(data);
  if (error) {
    const failure: GraphFailure = { kind: "meta", httpStatus: status, ...error };
    // Throttled or transient: Meta could not answer now, which says nothing about the token.
    if (classifyGraphFailure(failure).action === "retry") {
      return { ok: false, failure: unreachable(failure) };
    }
    return { ok: false, failure: { kind: "refused", ...error } };
  }
  if (status >= 200 && status < 300) return { ok: true, value: data };
  return { ok: false, failure: unreachable({ kind: "http", httpStatus: status }) };
}

function unreachable(failure: GraphFailure): MetaCallFailure {
  switch (failure.kind) {
    case "meta":
      return { kind: "unreachable", detail: `Meta error ${failure.code}` };
    case "http":
      return { kind: "unreachable", detail: `HTTP ${failure.httpStatus}` };
    case "timeout":
      return { kind: "unreachable", detail: "timeout" };
    case "network":
      return { kind: "unreachable", detail: failure.errorCode };
  }
}

function parsed<S extends z.ZodType, T>(
  schema: S,
  data: unknown,
  map: (value: z.output<S>) => T,
): MetaCall<T> {
  const result = schema.safeParse(data);
  if (!result.success) {
    return { ok: false, failure: { kind: "unreachable", detail: "unexpected answer from Meta" } };
  }
  return { ok: true, value: map(result.data) };
}
