import pino, { type DestinationStream, type Logger, type LoggerOptions } from "pino";

export type { Logger };

/**
 * Paths pino blanks out in every log line: credentials, signatures and what customers wrote.
 * Objects logged under other keys must not carry these values.
 */
export const REDACTED_PATHS = [
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  'headers["x-hub-signature-256"]',
  '*.headers["x-hub-signature-256"]',
  'headers["x-relay-signature"]',
  '*.headers["x-relay-signature"]',
  'headers["webhook-signature"]',
  '*.headers["webhook-signature"]',
  "accessToken",
  "*.accessToken",
  "*.*.accessToken",
  "access_token",
  "*.access_token",
  "token",
  "*.token",
  "appSecret",
  "*.appSecret",
  "appSecrets",
  "*.appSecrets",
  "secret",
  "*.secret",
  "webhookSecret",
  "*.webhookSecret",
  "webhookSecrets",
  "*.webhookSecrets",
  "password",
  "*.password",
  "apiKey",
  "*.apiKey",
  "signature",
  "*.signature",
  "text",
  "*.text",
  "*.*.text",
  "body",
  "*.body",
  "encryptionKey",
  "*.encryptionKey",
];

export interface LoggerSettings {
  /** The product component, e.g. "meta-relay". */
  name?: string;
  level?: string;
  /** Where lines go; defaults to stdout. Tests pass a capturing stream. */
  destination?: DestinationStream;
}

/** The one root logger of a process; everything else uses `logger.child({ module })`. */
export function createLogger(settings: LoggerSettings = {}): Logger {
  const options: LoggerOptions = {
    name: settings.name ?? "meta-relay",
    level: settings.level ?? "info",
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    serializers: { err: pino.stdSerializers.err },
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return settings.destination ? pino(options, settings.destination) : pino(options);
}
