import { RelayError } from "@meta-relay/core";
import type { MetaCallFailure } from "@meta-relay/meta";

/** Meta refused the channel's token: nothing was stored (HTTP 422). */
export class ChannelAuthError extends RelayError<"channel_auth_failed"> {
  constructor(failure: Extract<MetaCallFailure, { kind: "refused" }>) {
    super("channel_auth_failed", `Meta refused the access token: ${failure.message}`, {
      context: {
        details: {
          meta: {
            code: failure.code,
            ...(failure.subcode !== undefined ? { subcode: failure.subcode } : {}),
            message: failure.message,
          },
        },
      },
    });
  }
}

/** Meta could not be asked (timeout, network, 5xx): nothing was stored (HTTP 502). */
export class MetaUnreachableError extends RelayError<"meta_unreachable"> {
  constructor(failure: Extract<MetaCallFailure, { kind: "unreachable" }>) {
    super(
      "meta_unreachable",
      `Meta could not be reached to check the token (${failure.detail}); nothing was stored. Try again.`,
      { retryable: true },
    );
  }
}

/** The token belongs to another account than the channel id names (HTTP 400). */
export class ChannelMismatchError extends RelayError<"invalid_request"> {
  constructor(path: string, message: string) {
    super("invalid_request", `Invalid request: ${path}.`, {
      context: { details: [{ path, message }] },
    });
  }
}
