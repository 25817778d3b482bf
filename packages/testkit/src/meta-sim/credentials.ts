import type { Request } from "express";
import { isRecord } from "./verdict";

export interface Credentials {
  token: string | null;
  /** Where the token came from, as Meta accepts it in all three places. */
  auth: "bearer" | "query" | "body" | null;
}

/** The access token of a Graph request: Authorization header, `access_token` query or body field. */
export function credentialsOf(req: Request, body: unknown): Credentials {
  const header = req.get("authorization");
  const match = header ? /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header.trim()) : null;
  if (match?.[1]) return { token: match[1], auth: "bearer" };
  const query = req.query.access_token;
  if (typeof query === "string" && query !== "") return { token: query, auth: "query" };
  const field = isRecord(body) ? body.access_token : undefined;
  if (typeof field === "string" && field !== "") return { token: field, auth: "body" };
  return { token: null, auth: null };
}

/** A comma list from the query string or a form/JSON body field (`fields`, `subscribed_fields`). */
export function listParam(req: Request, name: string): string[] | undefined {
  const raw = req.query[name] ?? (isRecord(req.body) ? req.body[name] : undefined);
  if (Array.isArray(raw)) return raw.map(String);
  if (typeof raw !== "string") return undefined;
  return raw
    .split(",")
    .map((field) => field.trim())
    .filter((field) => field !== "");
}
