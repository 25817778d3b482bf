/** Why an outbound message was not delivered. Public interface: the names never change. */
export const FAILURE_REASONS = [
  "no_customer_message",
  "window_closed",
  "automated_reply_outside_window",
  "human_agent_window_closed",
  "recipient_unavailable",
  "channel_not_configured",
  "channel_auth_failed",
  "channel_restricted",
  "rate_limited",
  "invalid_message",
  "meta_error",
] as const;

export type FailureReason = (typeof FAILURE_REASONS)[number];

/** The refusals core.decide() can make before anything is sent. */
export type WindowRefusal = Extract<
  FailureReason,
  | "no_customer_message"
  | "window_closed"
  | "automated_reply_outside_window"
  | "human_agent_window_closed"
>;

/**
 * A finer cause behind a reason, where the sentence must tell someone what to do: an operator
 * (a missing permission) or whoever wrote the template.
 */
export const FAILURE_CAUSES = ["utility_permission_missing", "template_rejected"] as const;
export type FailureCause = (typeof FAILURE_CAUSES)[number];
