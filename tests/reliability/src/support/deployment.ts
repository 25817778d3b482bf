import { randomBytes } from "node:crypto";
import { freePort, uniquePrefix } from "@meta-relay/testkit";
import { newSecret, newTextMarker, sensitive } from "./sensitive";

/** The relay's three roles, as RELAY_ROLES names them. */
export type RelayRole = "ingress" | "api" | "worker";

export interface RolePorts {
  ingress: number;
  api: number;
  worker: number;
}

export interface DeploymentOptions {
  redisUrl: string;
  /** META_GRAPH_URL: the Meta simulator. */
  graphUrl: string;
  /** EVENTS_WEBHOOK_URL and the secret the receiver checks. */
  events?: { url: string; secret: string };
  /** Further variables for every process (GRAPH_TIMEOUT_MS, …). */
  extra?: Record<string, string>;
}

/**
 * One deployment of the relay: a key prefix on a Redis, and fresh credentials, every one of them
 * recorded as sensitive. Each process started from it gets its own free ports.
 */
export interface Deployment {
  prefix: string;
  apiKey: string;
  appSecret: string;
  verifyToken: string;
  dashboard: { username: string; password: string };
  /** Put into every message text the test sends. */
  textMarker: string;
  /** A channel access token, recorded as sensitive. */
  newAccessToken(): string;
  /** The whole environment of one relay process (nothing inherited but PATH). */
  envFor(roles: RelayRole[], ports: RolePorts): Record<string, string>;
}

export function createDeployment(options: DeploymentOptions): Deployment {
  const prefix = uniquePrefix("rel");
  const apiKey = newSecret("api key");
  const appSecret = newSecret("app secret");
  const verifyToken = newSecret("verify token");
  const password = newSecret("dashboard password");
  const encryptionKey = sensitive("encryption key", randomBytes(32).toString("hex"));
  const base: Record<string, string> = {
    REDIS_URL: options.redisUrl,
    RELAY_KEY_PREFIX: prefix,
    META_APP_SECRET: appSecret,
    META_VERIFY_TOKEN: verifyToken,
    META_GRAPH_URL: options.graphUrl,
    RELAY_API_KEYS: apiKey,
    RELAY_ENCRYPTION_KEY: encryptionKey,
    DASHBOARD_USERNAME: "ops",
    DASHBOARD_PASSWORD: password,
    // Every line the relay can write goes to the log the audit reads.
    LOG_LEVEL: "debug",
    SHUTDOWN_TIMEOUT_SECONDS: "10",
    ...(options.events
      ? { EVENTS_WEBHOOK_URL: options.events.url, EVENTS_WEBHOOK_SECRET: options.events.secret }
      : {}),
    ...options.extra,
  };
  return {
    prefix,
    apiKey,
    appSecret,
    verifyToken,
    dashboard: { username: "ops", password },
    textMarker: newTextMarker(),
    newAccessToken: () => newSecret("access token"),
    envFor(roles, ports) {
      return {
        ...base,
        RELAY_ROLES: roles.join(","),
        INGRESS_PORT: String(ports.ingress),
        API_PORT: String(ports.api),
        WORKER_PORT: String(ports.worker),
      };
    },
  };
}

/** Three free ports for one relay process (never the defaults 8080-8082). */
export async function freeRolePorts(): Promise<RolePorts> {
  return { ingress: await freePort(), api: await freePort(), worker: await freePort() };
}
