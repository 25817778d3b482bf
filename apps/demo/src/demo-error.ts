import { RelayError } from "@meta-relay/core";

/** What can stop the demo before or while it plays. */
export type DemoErrorCode =
  "demo_usage" | "demo_redis_unavailable" | "demo_start_failed" | "demo_api_refused";

/** An error the demo reports in one sentence to the person running it (no stack trace). */
export class DemoError extends RelayError<DemoErrorCode> {}
