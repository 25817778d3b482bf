// The kinds of an outbound message (product.md §4.2): what an agent or a bot may say, before it is
// written in any platform's Graph API shape.

export const ATTACHMENT_TYPES = ["image", "video", "audio", "file"] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** A quick reply under a text: Messenger/Instagram `quick_replies[]`, WhatsApp reply buttons. */
export interface QuickReply {
  title: string;
  /** What comes back in the customer's answer (`quick_reply.payload`, `button_reply.id`). */
  payload: string;
}

export interface TextContent {
  text: string;
  quickReplies?: QuickReply[] | undefined;
}

export interface AttachmentContent {
  attachment: {
    type: AttachmentType;
    url: string;
    /** WhatsApp only. */
    caption?: string | undefined;
    /** WhatsApp documents only. */
    filename?: string | undefined;
  };
}

export type Button =
  | { type: "postback"; title: string; payload: string }
  | { type: "url"; title: string; url: string };

export interface ButtonsContent {
  buttons: { text: string; buttons: Button[] };
}

export interface ListRow {
  id: string;
  title: string;
  description?: string | undefined;
}

export interface ListContent {
  list: {
    text: string;
    /** The label of the button that opens the list. */
    button: string;
    sections: { title?: string | undefined; rows: ListRow[] }[];
  };
}

export interface ReactionContent {
  /** An empty emoji removes the reaction. */
  reaction: { metaMessageId: string; emoji: string };
}

export interface LocationContent {
  location: {
    latitude: number;
    longitude: number;
    name?: string | undefined;
    address?: string | undefined;
  };
}

export interface TemplateContent {
  name: string;
  language: string;
  components?: unknown[] | undefined;
}

export interface TemplateMessageContent {
  template: TemplateContent;
}

/** Meta's own message object for the platform, sent as given. */
export interface RawContent {
  raw: Record<string, unknown>;
}

/** Makes a message a reply to an earlier one (Messenger/Instagram `reply_to`, WhatsApp `context`). */
export interface ReplyTo {
  metaMessageId: string;
}

/** Exactly one kind, plus the optional message it answers. */
export type MessageContent = (
  | TextContent
  | AttachmentContent
  | ButtonsContent
  | ListContent
  | ReactionContent
  | LocationContent
  | TemplateMessageContent
  | RawContent
) & { replyTo?: ReplyTo | undefined };

export const MESSAGE_KINDS = [
  "text",
  "media",
  "buttons",
  "list",
  "reaction",
  "location",
  "template",
  "raw",
] as const;
/** The kind of a message as records and the window policy name it ("media" is an attachment). */
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export function messageKind(content: MessageContent): MessageKind {
  if ("template" in content) return "template";
  if ("attachment" in content) return "media";
  if ("buttons" in content) return "buttons";
  if ("list" in content) return "list";
  if ("reaction" in content) return "reaction";
  if ("location" in content) return "location";
  if ("raw" in content) return "raw";
  return "text";
}

/** Every kind but a template is free-form and obeys the windows exactly as text does. */
export function isFreeForm(kind: MessageKind): boolean {
  return kind !== "template";
}
