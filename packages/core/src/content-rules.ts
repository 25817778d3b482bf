import {
  messageKind,
  type AttachmentContent,
  type Button,
  type ButtonsContent,
  type ListContent,
  type MessageContent,
  type QuickReply,
  type RawContent,
  type TextContent,
} from "./content";
import {
  INSTAGRAM_LIMITS as IG,
  KINDS_BY_PLATFORM,
  MESSENGER_LIMITS as FB,
  WHATSAPP_LIMITS as WA,
} from "./content-limits";
import type { Platform } from "./platform";

/** One reason Meta would refuse a message for its shape; `path` starts at the request body. */
export interface ContentProblem {
  path: (string | number)[];
  message: string;
}

const PLATFORM_NAME: Record<Platform, string> = {
  messenger: "Messenger",
  instagram: "Instagram",
  whatsapp: "WhatsApp",
};

/** Raw WhatsApp fields the relay writes itself. */
const WHATSAPP_RESERVED = ["to", "recipient", "messaging_product"];

/**
 * Everything Meta would refuse in this message on this platform: a kind it cannot carry, a count or
 * a length over its limits. Empty when the message may be queued. Structure (types, required fields)
 * is checked before; this is the platform's part of the contract.
 */
export function contentProblems(platform: Platform, content: MessageContent): ContentProblem[] {
  const kind = messageKind(content);
  const field = Object.keys(content).find((key) => key !== "replyTo") ?? "text";
  if (!KINDS_BY_PLATFORM[platform].includes(kind)) {
    return [problem([field], `${PLATFORM_NAME[platform]} cannot carry a ${field} message`)];
  }
  const out: ContentProblem[] = [];
  if (content.replyTo !== undefined && "reaction" in content) {
    out.push({ path: ["replyTo"], message: "a reaction already names its message" });
  }
  if ("text" in content) out.push(...textProblems(platform, content));
  if ("attachment" in content) out.push(...attachmentProblems(platform, content));
  if ("buttons" in content) out.push(...buttonsProblems(platform, content));
  if ("list" in content) out.push(...listProblems(content));
  if ("raw" in content) out.push(...rawProblems(platform, content));
  return out;
}

function problem(path: (string | number)[], message: string): ContentProblem {
  return { path: ["message", ...path], message };
}

function textProblems(platform: Platform, content: TextContent): ContentProblem[] {
  const out: ContentProblem[] = [];
  const replies = content.quickReplies;
  if (platform === "instagram" && utf8Bytes(content.text) > IG.textBytes) {
    out.push(problem(["text"], `Instagram takes at most ${IG.textBytes} bytes`));
  }
  if (platform === "messenger" && content.text.length > FB.textChars) {
    out.push(problem(["text"], `Messenger takes under ${FB.textChars + 1} characters`));
  }
  if (platform === "whatsapp") {
    // With quick replies the text becomes the body of an interactive message, which is shorter.
    const max = replies ? WA.interactiveBodyChars : WA.textChars;
    if (content.text.length > max) {
      out.push(problem(["text"], `WhatsApp takes at most ${max} characters here`));
    }
  }
  if (replies) out.push(...quickReplyProblems(platform, replies));
  return out;
}

function quickReplyProblems(platform: Platform, replies: QuickReply[]): ContentProblem[] {
  const limits =
    platform === "whatsapp"
      ? { count: WA.replyButtons, title: WA.buttonTitleChars, payload: WA.buttonIdChars }
      : {
          count: platform === "instagram" ? IG.quickReplies : FB.quickReplies,
          title: platform === "instagram" ? IG.quickReplyTitleChars : FB.quickReplyTitleChars,
          payload: platform === "instagram" ? IG.payloadChars : FB.payloadChars,
        };
  const out: ContentProblem[] = [];
  if (replies.length > limits.count) {
    out.push(problem(["quickReplies"], `${PLATFORM_NAME[platform]} takes at most ${limits.count}`));
  }
  replies.forEach((reply, i) => {
    out.push(...lengthProblem(["quickReplies", i, "title"], reply.title, limits.title));
    out.push(...lengthProblem(["quickReplies", i, "payload"], reply.payload, limits.payload));
  });
  if (platform === "whatsapp") out.push(...uniqueness(replies, ["quickReplies"]));
  return out;
}

function attachmentProblems(platform: Platform, content: AttachmentContent): ContentProblem[] {
  const { type, caption, filename } = content.attachment;
  const out: ContentProblem[] = [];
  if (platform !== "whatsapp") {
    if (caption !== undefined) out.push(problem(["attachment", "caption"], "WhatsApp only"));
    if (filename !== undefined) out.push(problem(["attachment", "filename"], "WhatsApp only"));
    return out;
  }
  if (caption !== undefined) {
    if (type === "audio") out.push(problem(["attachment", "caption"], "audio has no caption"));
    out.push(...lengthProblem(["attachment", "caption"], caption, WA.captionChars));
  }
  if (filename !== undefined) {
    if (type !== "file") out.push(problem(["attachment", "filename"], "only a file has a name"));
    out.push(...lengthProblem(["attachment", "filename"], filename, WA.filenameChars));
  }
  return out;
}

function buttonsProblems(platform: Platform, content: ButtonsContent): ContentProblem[] {
  const { text, buttons } = content.buttons;
  const out: ContentProblem[] = [];
  const max = platform === "whatsapp" ? WA.replyButtons : FB.buttons;
  if (buttons.length > max) {
    out.push(problem(["buttons", "buttons"], `${PLATFORM_NAME[platform]} takes at most ${max}`));
  }
  const bodyMax = platform === "whatsapp" ? WA.interactiveBodyChars : FB.buttonTextChars;
  out.push(...lengthProblem(["buttons", "text"], text, bodyMax));
  const titleMax = platform === "whatsapp" ? WA.buttonTitleChars : FB.buttonTitleChars;
  const payloadMax = platform === "whatsapp" ? WA.buttonIdChars : FB.payloadChars;
  buttons.forEach((button, i) => {
    out.push(...lengthProblem(["buttons", "buttons", i, "title"], button.title, titleMax));
    if (button.type === "postback") {
      out.push(...lengthProblem(["buttons", "buttons", i, "payload"], button.payload, payloadMax));
    }
  });
  if (platform === "whatsapp") out.push(...whatsappButtonMix(buttons));
  return out;
}

/** WhatsApp: reply buttons only, or exactly one URL button (a `cta_url` message). */
function whatsappButtonMix(buttons: Button[]): ContentProblem[] {
  const urls = buttons.filter((b) => b.type === "url").length;
  if (urls > 0 && buttons.length > 1) {
    return [
      problem(
        ["buttons", "buttons"],
        "WhatsApp takes either postback buttons or exactly one url button",
      ),
    ];
  }
  const postbacks = buttons.flatMap((b) =>
    b.type === "postback" ? [{ title: b.title, payload: b.payload }] : [],
  );
  return uniqueness(postbacks, ["buttons", "buttons"]);
}

function listProblems(content: ListContent): ContentProblem[] {
  const { text, button, sections } = content.list;
  const out = [
    ...lengthProblem(["list", "text"], text, WA.listBodyChars),
    ...lengthProblem(["list", "button"], button, WA.listButtonChars),
  ];
  if (sections.length > WA.listSections) {
    out.push(problem(["list", "sections"], `WhatsApp takes at most ${WA.listSections}`));
  }
  const rows = sections.flatMap((section) => section.rows);
  if (rows.length > WA.listRows) {
    out.push(problem(["list", "sections"], `WhatsApp takes at most ${WA.listRows} rows in all`));
  }
  const ids = new Set<string>();
  sections.forEach((section, s) => {
    const at = (...rest: (string | number)[]) => ["list", "sections", s, ...rest];
    if (section.title === undefined && sections.length > 1) {
      out.push(problem(at("title"), "is required when the list has several sections"));
    }
    if (section.title !== undefined) {
      out.push(...lengthProblem(at("title"), section.title, WA.sectionTitleChars));
    }
    section.rows.forEach((row, r) => {
      out.push(...lengthProblem(at("rows", r, "id"), row.id, WA.rowIdChars));
      out.push(...lengthProblem(at("rows", r, "title"), row.title, WA.rowTitleChars));
      if (row.description !== undefined) {
        const path = at("rows", r, "description");
        out.push(...lengthProblem(path, row.description, WA.rowDescriptionChars));
      }
      if (ids.has(row.id)) out.push(problem(at("rows", r, "id"), "must be unique in the list"));
      ids.add(row.id);
    });
  });
  return out;
}

function rawProblems(platform: Platform, content: RawContent): ContentProblem[] {
  const { raw } = content;
  if (platform !== "whatsapp") {
    return "metadata" in raw
      ? [problem(["raw", "metadata"], "is set by the relay (it names the message in echoes)")]
      : [];
  }
  const out = WHATSAPP_RESERVED.filter((key) => key in raw).map((key) =>
    problem(["raw", key], "is set by the relay"),
  );
  if (raw["type"] === "template") {
    out.push(problem(["raw", "type"], "send templates as `template`, not raw"));
  }
  return out;
}

function lengthProblem(path: (string | number)[], value: string, max: number): ContentProblem[] {
  return value.length > max ? [problem(path, `takes at most ${max} characters`)] : [];
}

/** WhatsApp refuses two reply buttons with the same title or the same id. */
function uniqueness(
  buttons: { title: string; payload: string }[],
  path: (string | number)[],
): ContentProblem[] {
  const out: ContentProblem[] = [];
  const titles = new Set<string>();
  const ids = new Set<string>();
  buttons.forEach((button, i) => {
    if (titles.has(button.title)) out.push(problem([...path, i, "title"], "must be unique"));
    if (ids.has(button.payload)) out.push(problem([...path, i, "payload"], "must be unique"));
    titles.add(button.title);
    ids.add(button.payload);
  });
  return out;
}

const UTF8 = new TextEncoder();

function utf8Bytes(text: string): number {
  return UTF8.encode(text).length;
}
