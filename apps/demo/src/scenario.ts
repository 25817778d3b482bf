import {
  HOUR_MS,
  MINUTE_MS,
  type MessageContent,
  type Platform,
  type Sender,
} from "@meta-relay/core";
import type { Expectation } from "./outcome";

/** A channel the demo connects through PUT /v1/channels and registers with the simulated Meta. */
export interface DemoChannel {
  platform: Platform;
  channelId: string;
  name: string;
  humanAgent: boolean;
  /** Instagram: the linked page that sends. */
  pageId?: string;
  /** A made-up token: the simulator accepts only this one for the channel. */
  accessToken: string;
}

/** One demo channel per platform; the Messenger page is approved for HUMAN_AGENT. */
export const DEMO_CHANNELS = {
  messenger: {
    platform: "messenger",
    channelId: "1000000000000001",
    name: "Demo Shop",
    humanAgent: true,
    accessToken: "demo-messenger-page-token",
  },
  instagram: {
    platform: "instagram",
    channelId: "17841400000000002",
    pageId: "1000000000000002",
    name: "Demo Shop",
    humanAgent: false,
    accessToken: "demo-instagram-page-token",
  },
  whatsapp: {
    platform: "whatsapp",
    channelId: "106555000000003",
    name: "Demo Shop",
    humanAgent: false,
    accessToken: "demo-whatsapp-token",
  },
} as const satisfies Record<Platform, DemoChannel>;

export interface DemoCustomer {
  name: string;
  platform: Platform;
  channelId: string;
  /** PSID, IGSID or WhatsApp phone number (wa_id). */
  userId: string;
}

function customer(name: string, platform: Platform, userId: string): DemoCustomer {
  return { name, platform, channelId: DEMO_CHANNELS[platform].channelId, userId };
}

export const CUSTOMERS = {
  ana: customer("Ana", "messenger", "7100000000000001"),
  ben: customer("Ben", "instagram", "1784100000000101"),
  carla: customer("Carla", "whatsapp", "15550001001"),
  dan: customer("Dan", "messenger", "7100000000000002"),
  finn: customer("Finn", "instagram", "1784100000000102"),
  eva: customer("Eva", "whatsapp", "15550001002"),
  grace: customer("Grace", "messenger", "7100000000000003"),
  hugo: customer("Hugo", "messenger", "7100000000000004"),
} as const;

/** A customer's message, posted as Meta's signed webhook with Meta's event time `ageMs` ago. */
export interface CustomerWrite {
  customer: DemoCustomer;
  text: string;
  ageMs: number;
  /** More than text: a photo, a quick reply, a story reply, or a reaction instead of a message. */
  extra?: WriteExtra;
}

type WriteExtra =
  /** A WhatsApp photo of this many bytes (`text` is its caption), fetched back through the API. */
  | { kind: "photo"; bytes: number }
  | { kind: "quickReply"; payload: string }
  | { kind: "storyReply"; storyId: string }
  /** A reaction to the relay's latest reply to this customer. */
  | { kind: "reaction"; emoji: string };

/** A reply through POST /v1/messages and the outcome product.md's decision table prescribes. */
export interface DemoReply {
  customer: DemoCustomer;
  sender: Sender;
  message: MessageContent;
  expect: Expectation;
}

/** A `conversation.window_expiring` the agent platform should get for an unanswered customer. */
export interface DemoReminder {
  customer: DemoCustomer;
  window: "standard" | "human_agent";
  minutesLeft: number;
}

/** The worklist of a channel, read once the step's customers wrote: who, in which order. */
export interface DemoWorklist {
  channel: DemoChannel;
  expect: DemoCustomer[];
}

/** Meta's word about a page, posted as its signed `messaging_policy_enforcement` webhook. */
export interface ChannelNotice {
  channel: DemoChannel;
  action: "block" | "unblock";
  /** Meta's words (left out on unblock). */
  reason?: string;
}

export interface DemoStep {
  number: number;
  title: string;
  /** What the step shows, in a sentence or two. */
  story: string;
  /** Meta's news about a channel, posted before the customers write. */
  notices?: ChannelNotice[];
  writes: CustomerWrite[];
  /** Read after the writes, before the replies. */
  worklist?: DemoWorklist;
  replies: DemoReply[];
  reminders?: DemoReminder[];
}

const AGENT: Sender = { type: "agent", id: "agent-7" };
const BOT: Sender = { type: "bot", id: "faq-bot" };
const { ana, ben, carla, dan, finn, eva, grace, hugo } = CUSTOMERS;

const delivered = (messagingType: "RESPONSE" | "SERVICE" | "TEMPLATE"): Expectation => ({
  outcome: "delivered",
  messagingType,
});

/** The nine steps of the demo, in order. */
export const DEMO_SCENARIO: readonly DemoStep[] = [
  {
    number: 1,
    title: "Customers write on all three platforms; replies within 24 hours are delivered",
    story: "Inside the 24-hour window a person or a bot may reply.",
    writes: [
      { customer: ana, text: "Where is my parcel?", ageMs: 2 * MINUTE_MS },
      { customer: ben, text: "Do you ship to Lisbon?", ageMs: 5 * MINUTE_MS },
      { customer: carla, text: "Can I change my delivery address?", ageMs: MINUTE_MS },
    ],
    replies: [
      {
        customer: ana,
        sender: AGENT,
        message: { text: "Your parcel left the warehouse this morning." },
        expect: delivered("RESPONSE"),
      },
      {
        customer: ben,
        sender: BOT,
        message: { text: "Yes, we ship to Portugal in 3 to 5 days." },
        expect: delivered("RESPONSE"),
      },
      {
        customer: carla,
        sender: BOT,
        message: { text: "Sure: reply with the new address and we will update the order." },
        expect: delivered("SERVICE"),
      },
    ],
  },
  {
    number: 2,
    title: "A 30-hour-old conversation on the human-agent channel",
    story:
      "The Messenger page is approved for Meta's HUMAN_AGENT tag: after 24 hours a bot may no longer reply, a person still may (for 7 days).",
    writes: [{ customer: dan, text: "My order arrived damaged.", ageMs: 30 * HOUR_MS }],
    replies: [
      {
        customer: dan,
        sender: BOT,
        message: { text: "Sorry to hear that! Here is a 10% coupon for your next order." },
        expect: { outcome: "refused", reason: "automated_reply_outside_window" },
      },
      {
        customer: dan,
        sender: AGENT,
        message: { text: "I am sorry, Dan. A replacement ships today." },
        expect: { outcome: "delivered", messagingType: "MESSAGE_TAG", tag: "HUMAN_AGENT" },
      },
    ],
  },
  {
    number: 3,
    title: "A reply to someone who never wrote",
    story: "Only the customer can start a conversation: the business cannot write first.",
    writes: [],
    replies: [
      {
        customer: finn,
        sender: AGENT,
        message: { text: "Hi Finn, our new collection is out!" },
        expect: { outcome: "refused", reason: "no_customer_message" },
      },
    ],
  },
  {
    number: 4,
    title: "WhatsApp after 25 hours: a text is refused, a template is delivered",
    story: "Outside the 24-hour window WhatsApp takes only approved templates.",
    writes: [{ customer: eva, text: "Has my refund been processed?", ageMs: 25 * HOUR_MS }],
    replies: [
      {
        customer: eva,
        sender: BOT,
        message: { text: "Your refund was processed today." },
        expect: { outcome: "refused", reason: "window_closed" },
      },
      {
        customer: eva,
        sender: BOT,
        message: {
          template: {
            name: "refund_update",
            language: "en_US",
            components: [{ type: "body", parameters: [{ type: "text", text: "R-1042" }] }],
          },
        },
        expect: delivered("TEMPLATE"),
      },
    ],
  },
  {
    number: 5,
    title: "The blocked customer writes again: the conversation is unlocked",
    story: "Eva's new message opens a fresh 24-hour window at once.",
    writes: [{ customer: eva, text: "Thanks! When will the money arrive?", ageMs: 0 }],
    replies: [
      {
        customer: eva,
        sender: AGENT,
        message: { text: "Within 3 business days, Eva." },
        expect: delivered("SERVICE"),
      },
    ],
  },
  {
    number: 6,
    title: "Friday to Monday: the weekend nobody answered",
    story:
      "Time is compressed with message times in the past. Grace and Hugo wrote on Friday evening. For Grace it is Saturday 17:00: an hour before her 24-hour window closes the agents get conversation.window_expiring, and the worklist holds both, by deadline. For Hugo it is Monday 09:00: the bot may no longer reply; an agent answers with HUMAN_AGENT.",
    writes: [
      { customer: hugo, text: "Can I still return the boots I ordered?", ageMs: 63 * HOUR_MS },
      { customer: grace, text: "Is the blue jacket back in stock?", ageMs: 23 * HOUR_MS },
    ],
    worklist: { channel: DEMO_CHANNELS.messenger, expect: [hugo, grace] },
    replies: [
      {
        customer: hugo,
        sender: BOT,
        message: { text: "Returns are free within 30 days: here is your label." },
        expect: { outcome: "refused", reason: "automated_reply_outside_window" },
      },
      {
        customer: hugo,
        sender: AGENT,
        message: { text: "Good morning Hugo, yes: I have sent you a free return label." },
        expect: { outcome: "delivered", messagingType: "MESSAGE_TAG", tag: "HUMAN_AGENT" },
      },
    ],
    reminders: [{ customer: grace, window: "standard", minutesLeft: 60 }],
  },
  {
    number: 7,
    title: "Everything a customer sends reaches the agent",
    story:
      "A photo (its bytes fetched through the relay), a bot's quick reply with its payload, a story reply, and a WhatsApp reaction, which opens no window.",
    writes: [
      {
        customer: carla,
        text: "This is how the box arrived",
        ageMs: 0,
        extra: { kind: "photo", bytes: 240_000 },
      },
      {
        customer: ana,
        text: "Track my order",
        ageMs: 0,
        extra: { kind: "quickReply", payload: "TRACK_ORDER" },
      },
      {
        customer: ben,
        text: "Is this one in stock?",
        ageMs: 0,
        extra: { kind: "storyReply", storyId: "17900000000000001" },
      },
      { customer: carla, text: "👍", ageMs: 0, extra: { kind: "reaction", emoji: "👍" } },
    ],
    replies: [],
  },
  {
    number: 8,
    title: "Meta restricts the Messenger page: replies fail at once, nothing reaches Meta",
    story:
      "A policy-enforcement webhook (block) puts the page in restricted; sending into a restricted page is how a ban escalates.",
    notices: [
      {
        channel: DEMO_CHANNELS.messenger,
        action: "block",
        reason: "The Page was restricted for repeated policy violations.",
      },
    ],
    writes: [{ customer: ana, text: "Hello? Is anyone there?", ageMs: 0 }],
    replies: [
      {
        customer: ana,
        sender: AGENT,
        message: { text: "Sorry for the wait, Ana!" },
        expect: { outcome: "refused", reason: "channel_restricted" },
      },
    ],
  },
  {
    number: 9,
    title: "Meta lifts the restriction: the page sends again",
    story: "The unblock webhook makes the page active again; the next reply is delivered.",
    notices: [{ channel: DEMO_CHANNELS.messenger, action: "unblock" }],
    writes: [],
    replies: [
      {
        customer: ana,
        sender: AGENT,
        message: { text: "We are back, Ana: your parcel arrives tomorrow." },
        expect: delivered("RESPONSE"),
      },
    ],
  },
];
