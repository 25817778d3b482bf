import {
  ATTACHMENT_TYPES,
  contentProblems,
  type MessageContent,
  type MessageKind,
} from "@meta-relay/core";
import { SENDER_ACTIONS } from "@meta-relay/meta";
import { z } from "zod";
import { type FieldProblem, InvalidRequestError } from "./validate";

// What `message` in POST /v1/messages may be (product.md §4.2): the structure of each kind here;
// each platform's own limits, in Meta's unit, from core's contentProblems.

/**
 * JSON passed to Meta as is (template components, raw messages) is a few levels deep; far deeper
 * JSON (thousands of levels fit in the body limit) could not even be stored, so it is refused.
 */
export const MAX_COMPONENT_DEPTH = 16;

const shallow = <T extends z.ZodType>(schema: T) =>
  schema.refine((value) => nestingDepth(value, MAX_COMPONENT_DEPTH) <= MAX_COMPONENT_DEPTH, {
    message: `must be nested at most ${MAX_COMPONENT_DEPTH} levels deep`,
  });

/** Meta's message ids (mid, wamid) are long and opaque; they never end up in a Redis key. */
const metaMessageId = z
  .string()
  .min(1)
  .max(512)
  .describe("Meta's id of the message (mid or wamid)");
const httpUrl = z.url({ protocol: /^https?$/ }).max(2_048);

const quickReply = z
  .object({
    title: z.string().min(1).max(80).describe("At most 20 characters"),
    payload: z
      .string()
      .min(1)
      .max(1_000)
      .describe("Comes back in the customer's answer; WhatsApp: at most 256 characters"),
  })
  .strict();

const textContent = z.string().min(1).max(4_096);

const attachmentContent = z
  .object({
    type: z.enum(ATTACHMENT_TYPES),
    url: httpUrl,
    caption: z.string().min(1).max(1_024).optional().describe("WhatsApp only; not on audio"),
    filename: z.string().min(1).max(240).optional().describe("WhatsApp files only"),
  })
  .strict();

const button = z.discriminatedUnion("type", [
  z
    .object({
      type: z.literal("postback"),
      title: z.string().min(1).max(80).describe("At most 20 characters"),
      payload: z.string().min(1).max(1_000),
    })
    .strict(),
  z
    .object({
      type: z.literal("url"),
      title: z.string().min(1).max(80).describe("At most 20 characters"),
      url: httpUrl,
    })
    .strict(),
]);

const buttonsContent = z
  .object({
    text: z.string().min(1).max(1_024).describe("Messenger: 640 characters; WhatsApp: 1024"),
    buttons: z
      .array(button)
      .min(1)
      .max(10)
      .describe(
        "At most 3. WhatsApp: postback buttons (reply buttons), or exactly one url button (cta_url)",
      ),
  })
  .strict();

const listContent = z
  .object({
    text: z.string().min(1).max(4_096),
    button: z.string().min(1).max(80).describe("The label that opens the list; 20 characters"),
    sections: z
      .array(
        z
          .object({
            title: z
              .string()
              .min(1)
              .max(80)
              .optional()
              .describe("24 characters; required with several sections"),
            rows: z
              .array(
                z
                  .object({
                    id: z.string().min(1).max(200),
                    title: z.string().min(1).max(80).describe("24 characters"),
                    description: z.string().min(1).max(200).optional().describe("72 characters"),
                  })
                  .strict(),
              )
              .min(1)
              .max(10),
          })
          .strict(),
      )
      .min(1)
      .max(10)
      .describe("At most 10 rows in all"),
  })
  .strict();

const reactionContent = z
  .object({
    metaMessageId,
    emoji: z.string().max(32).describe("One emoji; empty removes the reaction"),
  })
  .strict();

const locationContent = z
  .object({
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    name: z.string().min(1).max(1_000).optional(),
    address: z.string().min(1).max(1_000).optional(),
  })
  .strict();

const templateContent = z
  .object({
    name: z.string().min(1).max(512),
    language: z.string().min(2).max(15).describe("e.g. en_US"),
    components: shallow(z.array(z.unknown()).max(50)).optional().describe("Passed to Meta as is"),
  })
  .strict();

const rawContent = shallow(z.record(z.string(), z.unknown())).describe(
  "Meta's own message object. Messenger/Instagram: the `message` field; WhatsApp: everything but `to`, `recipient` and `messaging_product` (not `type: template`)",
);

const KIND_FIELDS = [
  "text",
  "attachment",
  "buttons",
  "list",
  "reaction",
  "location",
  "template",
  "raw",
] as const;

export const messageContentSchema = z
  .object({
    text: textContent.optional(),
    quickReplies: z
      .array(quickReply)
      .min(1)
      .max(13)
      .optional()
      .describe("With text: Messenger/Instagram up to 13, WhatsApp up to 3 (reply buttons)"),
    attachment: attachmentContent.optional(),
    buttons: buttonsContent.optional().describe("Messenger, WhatsApp"),
    list: listContent.optional().describe("WhatsApp"),
    reaction: reactionContent.optional(),
    location: locationContent.optional().describe("WhatsApp"),
    template: templateContent
      .optional()
      .describe("WhatsApp; Messenger on a channel with utilityMessages (a utility template)"),
    raw: rawContent.optional(),
  })
  .strict()
  .superRefine((m, ctx) => {
    const kinds = KIND_FIELDS.filter((kind) => m[kind] !== undefined);
    if (kinds.length !== 1) {
      ctx.addIssue({
        code: "custom",
        message: `must have exactly one of ${KIND_FIELDS.join(", ")}`,
      });
    }
    if (m.quickReplies !== undefined && m.text === undefined) {
      ctx.addIssue({ code: "custom", path: ["quickReplies"], message: "go with a text only" });
    }
  });

export const replyToSchema = z
  .object({ metaMessageId })
  .strict()
  .describe("Makes the message a reply to this one (not on a reaction)");

type ParsedContent = z.output<typeof messageContentSchema>;
type ParsedReplyTo = z.output<typeof replyToSchema>;

/** The request's kind as the record stores it, with the message it answers. */
export function messageContent(message: ParsedContent, replyTo?: ParsedReplyTo): MessageContent {
  const reply = replyTo ? { replyTo: { metaMessageId: replyTo.metaMessageId } } : {};
  const { text, quickReplies, attachment, buttons, list, reaction, location, template, raw } =
    message;
  if (text !== undefined) return { text, ...(quickReplies ? { quickReplies } : {}), ...reply };
  if (attachment !== undefined) return { attachment, ...reply };
  if (buttons !== undefined) return { buttons, ...reply };
  if (list !== undefined) return { list, ...reply };
  if (reaction !== undefined) return { reaction, ...reply };
  if (location !== undefined) return { location, ...reply };
  if (template !== undefined) return { template, ...reply };
  if (raw !== undefined) return { raw, ...reply };
  throw new Error("message content passed validation without a kind");
}

/** The 400 for a kind the channel cannot carry (only the channel knows about utilityMessages). */
export function notCarried(kind: MessageKind): InvalidRequestError {
  const problem: FieldProblem =
    kind === "template"
      ? {
          path: "message.template",
          message:
            "Messenger utility templates need a channel with utilityMessages: true (PUT the channel)",
        }
      : {
          path: `message.${kind === "media" ? "attachment" : kind}`,
          message: "this channel cannot carry it",
        };
  return new InvalidRequestError([problem]);
}

/** Adds each platform's refusals (kinds it cannot carry, Meta's limits) to a parsed body. */
export function refinePlatformLimits(
  body: {
    channel: { platform: "messenger" | "instagram" | "whatsapp" };
    message: ParsedContent;
    replyTo?: ParsedReplyTo | undefined;
  },
  ctx: z.RefinementCtx,
): void {
  // A body without exactly one kind is refused by the content schema already.
  if (KIND_FIELDS.filter((kind) => body.message[kind] !== undefined).length !== 1) return;
  const content = messageContent(body.message, body.replyTo);
  for (const problem of contentProblems(body.channel.platform, content)) {
    ctx.addIssue({ code: "custom", path: problem.path, message: problem.message });
  }
}

export const senderActionBodySchema = z
  .object({
    action: z
      .enum(SENDER_ACTIONS)
      .describe("WhatsApp has no typing_off: its indicator ends with your reply or after 25 s"),
  })
  .strict();

/** How deeply arrays and objects nest in `value`, counted without recursion; stops past `limit`. */
function nestingDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const next = stack.pop();
    if (!next || typeof next.value !== "object" || next.value === null) continue;
    const depth = next.depth + 1;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(next.value)) stack.push({ value: child, depth });
  }
  return deepest;
}
