import type { FailureCause, FailureReason, MessagingType, MetaErrorInfo } from "@meta-relay/core";

/** What went wrong with one Graph API call, without anything secret (no request, no headers). */
export type GraphFailure =
  | {
      kind: "meta";
      httpStatus: number;
      code: number;
      subcode?: number | undefined;
      message: string;
    }
  | { kind: "http"; httpStatus: number }
  | { kind: "timeout" }
  | { kind: "network"; errorCode: string; connected: boolean };

/** What the worker does about a failed call. */
export type GraphVerdict =
  | { action: "sent" }
  | {
      action: "fail";
      reason: FailureReason;
      windowDisagreement: boolean;
      /** What the refusal was about, when the sentence must say who acts (a template, a permission). */
      cause?: FailureCause;
    }
  | {
      action: "retry";
      /** Meta throttled this scope: the channel's (or the recipient's) pacing moves forward too. */
      throttle: "channel" | "recipient" | null;
      /** The reason when the attempts run out. */
      exhaustedReason: "rate_limited" | "meta_error";
      /** Meta may have sent the message: a retry may duplicate it. */
      outcomeUnknown: boolean;
    };

type Rule = { codes: number[]; subcodes?: number[] };

const WINDOW: Rule[] = [
  { codes: [10], subcodes: [2018278, 2018065, 2534022] },
  { codes: [131047] },
];
/** Meta restricted the whole page from sending (not about one recipient). */
const RESTRICTED: Rule[] = [{ codes: [10], subcodes: [1893063] }];
const RECIPIENT: Rule[] = [
  { codes: [551, 1545041, 131026] },
  { codes: [100], subcodes: [2018001, 2534014] },
  { codes: [200], subcodes: [2018108] },
];
const AUTH: Rule[] = [{ codes: [190, 133010] }, { codes: [200], subcodes: [2534041] }];
const INVALID: Rule[] = [{ codes: [100, 131008, 131009, 131051, 2018109] }];
/** WhatsApp's template errors: unknown, unapproved, paused, disabled, parameters that do not match. */
const TEMPLATE: Rule[] = [{ codes: range(132000, 132016) }];
const CHANNEL_THROTTLE = [4, 17, 32, 613, 80007, 130429];
const RECIPIENT_THROTTLE = [131056];
const TRANSIENT = [1, 2, 131000, 131016, 133004];

/** What was being sent, where the same code means different things for different sends. */
export interface GraphCallContext {
  messagingType?: MessagingType | null | undefined;
}

/**
 * The one classification of Graph API errors (product.md, "Meta's refusals and retries"). Rows are
 * checked in the table's order, so 100 with a recipient subcode is `recipient_unavailable` while any
 * other 100 is `invalid_message`.
 */
export function classifyGraphFailure(
  failure: GraphFailure,
  context: GraphCallContext = {},
): GraphVerdict {
  switch (failure.kind) {
    case "timeout":
      return transient(true);
    case "network":
      return transient(failure.connected);
    case "http":
      if (failure.httpStatus === 429) return throttled("channel");
      if (failure.httpStatus >= 500) return transient(false);
      return fail("meta_error");
    case "meta":
      return classifyMetaError(failure, context);
  }
}

function classifyMetaError(
  error: { httpStatus: number; code: number; subcode?: number | undefined },
  context: GraphCallContext,
): GraphVerdict {
  const { code, subcode } = error;
  const utility = context.messagingType === "UTILITY";
  // Meta sent the message and still answered with an error: never retry (it would duplicate).
  if (code === 1 && subcode === 1357046) return { action: "sent" };
  if (matches(WINDOW, code, subcode))
    return { action: "fail", reason: "window_closed", windowDisagreement: true };
  if (matches(RESTRICTED, code, subcode)) return fail("channel_restricted");
  if (matches(RECIPIENT, code, subcode) || subcode === 1545041)
    return fail("recipient_unavailable");
  if (matches(AUTH, code, subcode)) return fail("channel_auth_failed");
  if (utility && lacksUtilityPermission(code, subcode)) {
    return fail("meta_error", "utility_permission_missing");
  }
  if (matches(TEMPLATE, code, subcode) || (utility && code === 100)) {
    return fail("invalid_message", "template_rejected");
  }
  if (matches(INVALID, code, subcode) || subcode === 2018109) return fail("invalid_message");
  if (CHANNEL_THROTTLE.includes(code)) return throttled("channel");
  if (RECIPIENT_THROTTLE.includes(code)) return throttled("recipient");
  if (TRANSIENT.includes(code)) return transient(false);
  if (error.httpStatus >= 500) return transient(false);
  return fail("meta_error");
}

/**
 * The reason for a message WhatsApp failed after accepting it (a `failed` status webhook). The same
 * table applies; a retryable code there is final anyway, so it takes its "attempts ran out" reason.
 */
export function reasonForStatusErrors(errors: MetaErrorInfo[]): FailureReason {
  const first = errors[0];
  if (!first) return "meta_error";
  const verdict = classifyMetaError(
    { httpStatus: 200, code: first.code, subcode: first.subcode },
    {},
  );
  if (verdict.action === "fail") return verdict.reason;
  if (verdict.action === "retry") return verdict.exhaustedReason;
  return "meta_error";
}

/** Whether Meta's refusal contradicts our window record (counted as a disagreement). */
export function isWindowRefusal(errors: MetaErrorInfo[]): boolean {
  return errors.some((e) => matches(WINDOW, e.code, e.subcode));
}

function matches(rules: Rule[], code: number, subcode: number | undefined): boolean {
  return rules.some(
    (rule) =>
      rule.codes.includes(code) &&
      (rule.subcodes === undefined || (subcode !== undefined && rule.subcodes.includes(subcode))),
  );
}

/**
 * Meta's permission errors (3 capability, 10 permission, 200 permissions) on a utility send: the
 * page's token lacks pages_utility_messaging. The exact code Meta uses for it is UNCONFIRMED (peers
 * quote only the text "requires pages_utility_messaging permission"), so every permission code counts.
 * A 10 with a subcode is another refusal (window, restriction) and is matched elsewhere.
 */
function lacksUtilityPermission(code: number, subcode: number | undefined): boolean {
  return code === 3 || code === 200 || (code === 10 && subcode === undefined);
}

function fail(reason: FailureReason, cause?: FailureCause): GraphVerdict {
  return cause
    ? { action: "fail", reason, windowDisagreement: false, cause }
    : { action: "fail", reason, windowDisagreement: false };
}

function throttled(scope: "channel" | "recipient"): GraphVerdict {
  return {
    action: "retry",
    throttle: scope,
    exhaustedReason: "rate_limited",
    outcomeUnknown: false,
  };
}

function transient(outcomeUnknown: boolean): GraphVerdict {
  return { action: "retry", throttle: null, exhaustedReason: "meta_error", outcomeUnknown };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
