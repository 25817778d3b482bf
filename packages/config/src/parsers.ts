import { z } from "zod";

/** A comma list with blanks dropped: "a, b,," → ["a", "b"]. */
export const commaList = z.string().transform((value) =>
  value
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item.length > 0),
);

/** "true"/"false"/"1"/"0"/"yes"/"no", so that "false" never means true. */
export const strictBoolean = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: "must be true or false" })
  .transform((value) => value === "true" || value === "1" || value === "yes");

export const port = z.coerce
  .number({ message: "must be a port number" })
  .int("must be a whole number")
  .min(0, "must be between 0 and 65535")
  .max(65535, "must be between 0 and 65535");

export function positiveInt(min = 1, max = Number.MAX_SAFE_INTEGER) {
  return z.coerce
    .number({ message: "must be a number" })
    .int("must be a whole number")
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);
}

/** Minutes as a decimal number, so that a test can ask for seconds ("0.05" is 3 s). */
export function minutes(min: number, max: number) {
  return z.coerce
    .number({ message: "must be a number of minutes" })
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);
}

export const httpUrl = z
  .string()
  .refine((value) => isUrl(value, ["http:", "https:"]), "must be an http(s) URL");

export const redisUrl = z
  .string()
  .refine((value) => isUrl(value, ["redis:", "rediss:"]), "must be a redis:// or rediss:// URL");

function isUrl(value: string, protocols: string[]): boolean {
  try {
    const url = new URL(value);
    return protocols.includes(url.protocol) && url.hostname.length > 0;
  } catch {
    return false;
  }
}

export interface HostPort {
  host: string;
  port: number;
}

/** "10.0.0.1:7000,10.0.0.2:7000" → seeds for an ioredis Cluster. */
export const hostPortList = commaList.transform((items, ctx) => {
  const seeds: HostPort[] = [];
  for (const item of items) {
    const match = /^(.+):(\d{1,5})$/.exec(item);
    const portNumber = match ? Number(match[2]) : NaN;
    if (!match?.[1] || portNumber < 1 || portNumber > 65535) {
      ctx.addIssue({ code: "custom", message: `"${item}" is not host:port` });
      continue;
    }
    seeds.push({ host: match[1], port: portNumber });
  }
  return seeds;
});

/** 32 bytes, written as 64 hex characters or as base64. */
export const encryptionKey = z.string().transform((value, ctx) => {
  const trimmed = value.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, "hex")
    : /^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)
      ? Buffer.from(trimmed, "base64")
      : null;
  if (!key || key.length !== 32) {
    ctx.addIssue({ code: "custom", message: "must be 32 bytes, as 64 hex characters or base64" });
    return z.NEVER;
  }
  return key;
});

/** The prefix of a Standard Webhooks secret: what follows is the key, base64-encoded. */
const WEBHOOK_SECRET_PREFIX = "whsec_";
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * EVENTS_WEBHOOK_SECRET: a comma list (several while a secret is rotated). A `whsec_` secret must
 * carry 24-64 bytes in canonical base64 (what the Standard Webhooks libraries decode); a secret
 * without the prefix, whose UTF-8 bytes are the key, must be at least 16 characters.
 */
export const webhookSecretList = commaList.pipe(
  z
    .array(
      z.string().superRefine((secret, ctx) => {
        const problem = webhookSecretProblem(secret);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    )
    .min(1, "must name at least one secret"),
);

function webhookSecretProblem(secret: string): string | null {
  if (!secret.startsWith(WEBHOOK_SECRET_PREFIX)) {
    return secret.length >= 16 ? null : "must be at least 16 characters";
  }
  const encoded = secret.slice(WEBHOOK_SECRET_PREFIX.length);
  const bytes = STRICT_BASE64.test(encoded) ? Buffer.from(encoded, "base64").length : 0;
  return bytes >= 24 && bytes <= 64
    ? null
    : "a whsec_ secret must carry 24-64 bytes in base64 after the prefix";
}

/** A comma list of whole minutes, each within [min, max]; duplicates dropped, sorted descending. */
export function minutesList(min: number, max: number) {
  return commaList.transform((items, ctx) => {
    const minutes = new Set<number>();
    for (const item of items) {
      const value = Number(item);
      if (!/^\d+$/.test(item) || value < min || value > max) {
        ctx.addIssue({
          code: "custom",
          message: `"${item}" is not a whole number of minutes from ${min} to ${max}`,
        });
        continue;
      }
      minutes.add(value);
    }
    return [...minutes].sort((a, b) => b - a);
  });
}
