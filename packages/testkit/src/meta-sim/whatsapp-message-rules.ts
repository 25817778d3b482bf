import {
  invalidParameter,
  invalidValue,
  missingParameter,
  templateDisabled,
  templateMissing,
  templatePaused,
  type GraphError,
} from "./graph-errors";
import type { SimChannel } from "./types";
import { isRecord, stringField } from "./verdict";

// What the Cloud API accepts inside a message of each type: Meta's counts and lengths, the fields it
// requires, and the number's template review.

const MEDIA_TYPES = new Set(["image", "audio", "video", "document", "sticker"]);
const CAPTIONED = new Set(["image", "video", "document"]);
const INTERACTIVE_BODY = 1024;
const LIST_BODY = 4096;
const REPLY_BUTTONS = 3;
const BUTTON_TITLE = 20;
const BUTTON_ID = 256;
const LIST_SECTIONS = 10;
const LIST_ROWS = 10;
const ROW_TITLE = 24;
const ROW_ID = 200;
const ROW_DESCRIPTION = 72;
const CAPTION = 1024;

export function isMediaType(type: string): boolean {
  return MEDIA_TYPES.has(type);
}

/** The first thing Meta would refuse in the `type` object of a message, or undefined. */
export function whatsappContentError(
  channel: SimChannel,
  type: string,
  content: unknown,
): GraphError | undefined {
  // Contact cards are the one type whose object is an array.
  if (type === "contacts") {
    return Array.isArray(content) && content.length > 0
      ? undefined
      : missingParameter("The parameter contacts is required.");
  }
  if (!isRecord(content)) return missingParameter(`The parameter ${type} is required.`);
  if (type === "text") {
    const text = content.body;
    if (typeof text !== "string" || text.length === 0 || text.length > 4096) {
      return invalidParameter("Param text['body'] must be a string of 1 to 4096 characters.");
    }
  }
  if (type === "template") return templateError(channel, content);
  if (type === "interactive") return interactiveError(content);
  if (type === "location") return locationError(content);
  if (MEDIA_TYPES.has(type)) return mediaError(type, content);
  return undefined;
}

function mediaError(type: string, content: Record<string, unknown>): GraphError | undefined {
  if (content.id === undefined && content.link === undefined) {
    return invalidParameter(`Param ${type} must have an id or a link.`);
  }
  const caption = content.caption;
  if (caption === undefined) return undefined;
  if (!CAPTIONED.has(type)) return invalidValue(`${type} messages take no caption`);
  return typeof caption === "string" && caption.length <= CAPTION
    ? undefined
    : invalidValue(`caption must be at most ${CAPTION} characters`);
}

function templateError(
  channel: SimChannel,
  content: Record<string, unknown>,
): GraphError | undefined {
  const name = stringField(content, "name");
  if (name === undefined) return missingParameter("The parameter template['name'] is required.");
  const language = stringField(content.language, "code");
  if (language === undefined) {
    return missingParameter("The parameter template['language']['code'] is required.");
  }
  if (!channel.templates) return undefined;
  const known = channel.templates.find((t) => t.name === name && t.language === language);
  if (!known || known.status === "PENDING" || known.status === "REJECTED") {
    return templateMissing(name, language);
  }
  if (known.status === "PAUSED") return templatePaused();
  return known.status === "DISABLED" ? templateDisabled() : undefined;
}

function locationError(content: Record<string, unknown>): GraphError | undefined {
  const { latitude, longitude } = content;
  if (typeof latitude !== "number" || typeof longitude !== "number") {
    return missingParameter("location['latitude'] and location['longitude'] are required.");
  }
  return Math.abs(latitude) > 90 || Math.abs(longitude) > 180
    ? invalidValue("location is out of range")
    : undefined;
}

function interactiveError(content: Record<string, unknown>): GraphError | undefined {
  const type = stringField(content, "type");
  const body = stringField(content.body, "text");
  if (body === undefined || body === "")
    return missingParameter("interactive['body']['text'] is required.");
  const action = content.action;
  if (!isRecord(action)) return missingParameter("interactive['action'] is required.");
  switch (type) {
    case "button":
      return tooLong(body, INTERACTIVE_BODY, "body text") ?? replyButtonsError(action.buttons);
    case "cta_url":
      return tooLong(body, INTERACTIVE_BODY, "body text") ?? ctaUrlError(action);
    case "list":
      return tooLong(body, LIST_BODY, "body text") ?? listError(action);
    default:
      return invalidValue(`interactive type ${String(type)} is not supported`);
  }
}

function replyButtonsError(buttons: unknown): GraphError | undefined {
  if (!Array.isArray(buttons) || buttons.length === 0 || buttons.length > REPLY_BUTTONS) {
    return invalidValue(`buttons must have 1 to ${REPLY_BUTTONS} entries`);
  }
  const titles = new Set<string>();
  const ids = new Set<string>();
  for (const button of buttons) {
    const reply = isRecord(button) ? button.reply : undefined;
    const id = stringField(reply, "id");
    const title = stringField(reply, "title");
    if (stringField(button, "type") !== "reply" || id === undefined || title === undefined) {
      return missingParameter("each button needs type reply and reply['id'], reply['title']");
    }
    const error =
      tooLong(title, BUTTON_TITLE, "button title") ?? tooLong(id, BUTTON_ID, "button id");
    if (error) return error;
    if (titles.has(title) || ids.has(id))
      return invalidValue("buttons must have unique titles and ids");
    titles.add(title);
    ids.add(id);
  }
  return undefined;
}

function ctaUrlError(action: Record<string, unknown>): GraphError | undefined {
  const parameters = action.parameters;
  const text = stringField(parameters, "display_text");
  const url = stringField(parameters, "url");
  if (stringField(action, "name") !== "cta_url" || text === undefined || url === undefined) {
    return missingParameter("action needs name cta_url and parameters display_text, url");
  }
  return tooLong(text, BUTTON_TITLE, "display_text");
}

function listError(action: Record<string, unknown>): GraphError | undefined {
  const button = stringField(action, "button");
  if (button === undefined || button === "")
    return missingParameter("action['button'] is required.");
  const buttonError = tooLong(button, BUTTON_TITLE, "button");
  if (buttonError) return buttonError;
  const sections = action.sections;
  if (!Array.isArray(sections) || sections.length === 0 || sections.length > LIST_SECTIONS) {
    return invalidValue(`sections must have 1 to ${LIST_SECTIONS} entries`);
  }
  const rows = sections.flatMap((s) =>
    isRecord(s) && Array.isArray(s.rows) ? (s.rows as unknown[]) : [],
  );
  if (rows.length === 0 || rows.length > LIST_ROWS)
    return invalidValue(`a list has 1 to ${LIST_ROWS} rows`);
  for (const section of sections) {
    const title = stringField(section, "title");
    if (title === undefined && sections.length > 1) {
      return missingParameter("section title is required with several sections");
    }
    const error = title === undefined ? undefined : tooLong(title, ROW_TITLE, "section title");
    if (error) return error;
  }
  return rowsError(rows);
}

function rowsError(rows: unknown[]): GraphError | undefined {
  const ids = new Set<string>();
  for (const row of rows) {
    const id = stringField(row, "id");
    const title = stringField(row, "title");
    if (id === undefined || title === undefined)
      return missingParameter("each row needs an id and a title");
    const description = stringField(row, "description");
    const error =
      tooLong(id, ROW_ID, "row id") ??
      tooLong(title, ROW_TITLE, "row title") ??
      (description === undefined
        ? undefined
        : tooLong(description, ROW_DESCRIPTION, "row description"));
    if (error) return error;
    if (ids.has(id)) return invalidValue("row ids must be unique");
    ids.add(id);
  }
  return undefined;
}

function tooLong(value: string, max: number, what: string): GraphError | undefined {
  return value.length > max ? invalidValue(`${what} must be at most ${max} characters`) : undefined;
}
