import { invalidParameter, type GraphError } from "./graph-errors";
import type { SimPlatform } from "./types";
import { isRecord, stringField } from "./verdict";

// What Meta's Send API accepts in `message` (Messenger, Instagram through the Messenger Platform):
// one of text, attachment or (Messenger utility) template; quick replies; button templates.

type PagePlatform = Exclude<SimPlatform, "whatsapp">;

const ATTACHMENT_TYPES = new Set(["image", "video", "audio", "file", "template"]);
const BUTTON_TYPES = new Set(["postback", "web_url", "phone_number"]);
const QUICK_REPLIES = 13;
const QUICK_REPLY_TITLE = 20;
const PAYLOAD = 1000;
const BUTTON_TEXT = 640;
const BUTTONS = 3;
const BUTTON_TITLE = 20;

/** The first thing Meta would refuse in `message`, or undefined. */
export function pageMessageError(
  platform: PagePlatform,
  message: unknown,
  utility: boolean,
): GraphError | undefined {
  if (!isRecord(message)) return invalidParameter("The parameter message is required");
  const parts = ["text", "attachment", "template"].filter((key) => message[key] !== undefined);
  if (parts.length !== 1) {
    return invalidParameter("Param message must have exactly one of text, attachment or template");
  }
  const metadata = message.metadata;
  if (metadata !== undefined && (typeof metadata !== "string" || metadata.length >= 1000)) {
    return invalidParameter(
      "Param message[metadata] must be a string of less than 1000 characters",
    );
  }
  if (message.template !== undefined) return templateShapeError(message.template, utility);
  if (utility) return invalidParameter("messaging_type UTILITY requires message[template]");
  const replies = quickRepliesError(message.quick_replies);
  if (replies) return replies;
  return message.text !== undefined
    ? textError(platform, message.text)
    : attachmentError(message.attachment);
}

function textError(platform: PagePlatform, text: unknown): GraphError | undefined {
  if (typeof text !== "string" || text.length === 0) {
    return invalidParameter("Param message[text] must be a non-empty UTF-8 string");
  }
  // Messenger counts characters (under 2000); Instagram counts bytes (at most 1000).
  const tooLong =
    platform === "instagram" ? Buffer.byteLength(text, "utf8") > 1000 : text.length >= 2000;
  return tooLong ? invalidParameter("Param message[text] is too long") : undefined;
}

function quickRepliesError(replies: unknown): GraphError | undefined {
  if (replies === undefined) return undefined;
  if (!Array.isArray(replies) || replies.length === 0 || replies.length > QUICK_REPLIES) {
    return invalidParameter(
      `Param message[quick_replies] must be an array of 1 to ${QUICK_REPLIES}`,
    );
  }
  for (const [i, reply] of replies.entries()) {
    const type = stringField(reply, "content_type");
    if (type !== "text" && type !== "user_phone_number" && type !== "user_email") {
      return invalidParameter(`Param message[quick_replies][${i}][content_type] is invalid`);
    }
    if (type !== "text") continue;
    const title = stringField(reply, "title");
    if (title === undefined || title === "" || title.length > QUICK_REPLY_TITLE) {
      return invalidParameter(
        `Param message[quick_replies][${i}][title] must be 1 to ${QUICK_REPLY_TITLE} characters`,
      );
    }
    const payload = stringField(reply, "payload");
    if (payload === undefined || payload === "" || payload.length > PAYLOAD) {
      return invalidParameter(
        `Param message[quick_replies][${i}][payload] must be 1 to ${PAYLOAD} characters`,
      );
    }
  }
  return undefined;
}

function attachmentError(attachment: unknown): GraphError | undefined {
  const type = stringField(attachment, "type");
  if (type === undefined || !ATTACHMENT_TYPES.has(type)) {
    return invalidParameter(
      "Param message[attachment][type] must be one of {image, video, audio, file, template}",
    );
  }
  if (!isRecord(attachment) || !isRecord(attachment.payload)) {
    return invalidParameter("The parameter message[attachment][payload] is required");
  }
  if (type !== "template") return undefined;
  const payload = attachment.payload;
  const templateType = stringField(payload, "template_type");
  if (templateType === undefined) {
    return invalidParameter(
      "The parameter message[attachment][payload][template_type] is required",
    );
  }
  return templateType === "button" ? buttonTemplateError(payload) : undefined;
}

function buttonTemplateError(payload: Record<string, unknown>): GraphError | undefined {
  const text = stringField(payload, "text");
  if (text === undefined || text === "" || text.length > BUTTON_TEXT) {
    return invalidParameter(
      `Param message[attachment][payload][text] must be 1 to ${BUTTON_TEXT} characters`,
    );
  }
  const buttons = payload.buttons;
  if (!Array.isArray(buttons) || buttons.length === 0 || buttons.length > BUTTONS) {
    return invalidParameter(
      `Param message[attachment][payload][buttons] must have 1 to ${BUTTONS} buttons`,
    );
  }
  for (const [i, button] of buttons.entries()) {
    const at = `message[attachment][payload][buttons][${i}]`;
    const type = stringField(button, "type");
    if (type === undefined || !BUTTON_TYPES.has(type))
      return invalidParameter(`Param ${at}[type] is invalid`);
    const title = stringField(button, "title");
    if (title === undefined || title === "" || title.length > BUTTON_TITLE) {
      return invalidParameter(`Param ${at}[title] must be 1 to ${BUTTON_TITLE} characters`);
    }
    if (type === "web_url" && !/^https?:\/\//.test(stringField(button, "url") ?? "")) {
      return invalidParameter(`Param ${at}[url] must be a valid URL`);
    }
    const payloadValue = stringField(button, "payload");
    if (type !== "web_url" && (payloadValue === undefined || payloadValue.length > PAYLOAD)) {
      return invalidParameter(`Param ${at}[payload] must be 1 to ${PAYLOAD} characters`);
    }
  }
  return undefined;
}

function templateShapeError(template: unknown, utility: boolean): GraphError | undefined {
  if (!utility) return invalidParameter("message[template] requires messaging_type UTILITY");
  if (stringField(template, "name") === undefined) {
    return invalidParameter("The parameter message[template][name] is required");
  }
  const language = isRecord(template) ? template.language : undefined;
  if (stringField(language, "code") === undefined) {
    return invalidParameter("The parameter message[template][language][code] is required");
  }
  return undefined;
}
