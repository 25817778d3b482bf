import { randomBytes } from "node:crypto";
import type { SimPlatform } from "./types";

/** A refusal as the fake Graph API answers it. */
export interface GraphError {
  status: number;
  code: number;
  subcode?: number;
  message: string;
  /** WhatsApp puts the human explanation in `error_data.details`. */
  details?: string;
}

/** Meta's error envelope, as its Graph API writes it. */
export function errorBody(platform: SimPlatform | null, error: GraphError): object {
  const body: Record<string, unknown> = {
    message: error.message,
    type: "OAuthException",
    code: error.code,
  };
  if (error.subcode !== undefined) body.error_subcode = error.subcode;
  if (platform === "whatsapp") {
    body.error_data = { messaging_product: "whatsapp", details: error.details ?? error.message };
  }
  body.fbtrace_id = randomBytes(9).toString("base64url");
  return { error: body };
}

export function invalidParameter(message: string, subcode?: number): GraphError {
  return { status: 400, code: 100, message: `(#100) ${message}`, subcode };
}

export function badToken(): GraphError {
  return {
    status: 401,
    code: 190,
    message: "Invalid OAuth access token - Cannot parse access token",
  };
}

/** Meta's answer for a token that expired (Instagram Login tokens live 60 days). */
export function expiredToken(): GraphError {
  return {
    status: 400,
    code: 190,
    subcode: 463,
    message: "Error validating access token: Session has expired.",
  };
}

/** A page Meta restricted from sending (the whole page, whoever the recipient). */
export function pageRestricted(): GraphError {
  return {
    status: 400,
    code: 10,
    subcode: 1893063,
    message: "(#10) This Page is temporarily restricted from sending messages.",
  };
}

/** A WhatsApp account blocked for policy violations. */
export function accountBlocked(): GraphError {
  return {
    status: 400,
    code: 368,
    message: "(#368) Temporarily blocked for policies violations",
  };
}

/** A GET of an id Meta does not know, or that the token may not read. */
export function unknownObjectRead(id: string): GraphError {
  return {
    status: 400,
    code: 100,
    subcode: 33,
    message: `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
  };
}

export function unknownObject(id: string): GraphError {
  return {
    status: 400,
    code: 100,
    subcode: 33,
    message: `Unsupported post request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
  };
}

export function outsideWindow(platform: "messenger" | "instagram"): GraphError {
  return platform === "instagram"
    ? {
        status: 400,
        code: 10,
        subcode: 2534022,
        message:
          "This message is sent outside of allowed window. Apps can only send a message to a person within 24 hours of their last message.",
      }
    : {
        status: 400,
        code: 10,
        subcode: 2018278,
        message: "(#10) This message is sent outside of allowed window.",
      };
}

export function humanAgentNotApproved(): GraphError {
  return {
    status: 400,
    code: 10,
    message: "(#10) Application does not have permission for this action (HUMAN_AGENT tag).",
  };
}

export function reEngagement(): GraphError {
  return {
    status: 400,
    code: 131047,
    message: "(#131047) Re-engagement message",
    details:
      "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
  };
}

/** WhatsApp: a required field is missing (its details name it). */
export function missingParameter(details: string): GraphError {
  return { status: 400, code: 131008, message: "(#131008) Required parameter is missing", details };
}

/** WhatsApp: a field's value breaks Meta's rules (a count, a length, an unknown id). */
export function invalidValue(details: string): GraphError {
  return { status: 400, code: 131009, message: "(#131009) Parameter value is not valid", details };
}

/** WhatsApp: no approved template of that name and language on this number. */
export function templateMissing(name: string, language: string): GraphError {
  return {
    status: 404,
    code: 132001,
    message: "(#132001) Template name does not exist in the translation",
    details: `template name (${name}) does not exist in ${language}`,
  };
}

export function templatePaused(): GraphError {
  return {
    status: 400,
    code: 132015,
    message: "(#132015) Template is Paused",
    details: "Template is paused due to low quality",
  };
}

export function templateDisabled(): GraphError {
  return {
    status: 400,
    code: 132016,
    message: "(#132016) Template is disabled",
    details: "Template has been paused too many times",
  };
}

/**
 * Messenger: the page's token lacks pages_utility_messaging. Meta's exact code is UNCONFIRMED;
 * peers quote the text, and 10 is Meta's code for a missing messaging permission.
 */
export function utilityPermissionMissing(): GraphError {
  return {
    status: 400,
    code: 10,
    message: "(#10) This message requires the pages_utility_messaging permission",
  };
}

/** Messenger: the utility template is unknown or not approved for the page (UNCONFIRMED shape). */
export function utilityTemplateRefused(name: string, why: "unknown" | "unapproved"): GraphError {
  return invalidParameter(
    why === "unknown"
      ? `Template ${name} does not exist for this page`
      : `Template ${name} is not approved for sending`,
  );
}

export function unsupportedType(type: string): GraphError {
  return {
    status: 400,
    code: 131051,
    message: "(#131051) Unsupported message type",
    details: `Message type ${type} is not currently supported.`,
  };
}

/** What Meta says for codes a test injects without a message of its own. */
const KNOWN_MESSAGES: Record<number, string> = {
  1: "An unknown error occurred",
  2: "An unexpected error has occurred. Please retry your request later.",
  4: "(#4) Application request limit reached",
  17: "(#17) User request limit reached",
  32: "(#32) Page request limit reached",
  613: "(#613) Calls to this api have exceeded the rate limit.",
  80007: "(#80007) Rate limit hit for WhatsApp Business Account",
  130429: "(#130429) Rate limit hit",
  131000: "(#131000) Something went wrong",
  131016: "(#131016) Service unavailable",
  131048: "(#131048) Spam rate limit hit",
  131056: "(#131056) (Business Account, Consumer Account) pair rate limit hit",
  133004: "(#133004) Server temporarily unavailable",
};

/** Meta's HTTP status for a code: 429 for WhatsApp throttling, 5xx for its transient errors. */
function defaultStatusFor(code: number): number {
  if (code === 130429 || code === 131056 || code === 131048) return 429;
  if (code === 131000) return 500;
  if (code === 1 || code === 2 || code === 131016 || code === 133004) return 503;
  if (code === 190) return 401;
  return 400;
}

/** The error an injected rule answers with; unset fields take Meta's values for the code. */
export function injectedError(
  platform: SimPlatform | null,
  rule: { status?: number; code?: number; subcode?: number; message?: string },
): GraphError {
  const code = rule.code ?? (platform === "whatsapp" ? 130429 : 613);
  return {
    status: rule.status ?? defaultStatusFor(code),
    code,
    subcode: rule.subcode,
    message: rule.message ?? KNOWN_MESSAGES[code] ?? `(#${code}) Injected error`,
  };
}
