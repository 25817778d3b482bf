import { httpCall } from "../http/http-call";
import { SimulatorError } from "./errors";
import { metaJson, signWebhookBody } from "./signature";
import type { MetaSimulator, SimSend } from "./types";
import { isRecord, stringField } from "./verdict";
import {
  resolveEvent,
  windowOpeners,
  type ResolvedEvent,
  type SimCustomerRef,
  type SimWebhookEvent,
} from "./webhook-events";
import {
  accountUpdatePayload,
  policyEnforcementPayload,
  type SimAccountUpdate,
  type SimPolicyEnforcement,
} from "./notice-payloads";
import { buildWebhookPayload } from "./webhook-payloads";

export interface SimCustomersOptions {
  /** Base URL of the ingress; webhooks go to `${ingressUrl}/webhooks/meta`. */
  ingressUrl: string;
  /** The Meta app secret that signs every post (`X-Hub-Signature-256`). */
  appSecret: string;
  /** The fake Graph API: customer actions renew its windows, and its sends trigger follow-ups. */
  simulator?: MetaSimulator;
  /** After each accepted send, post its echo (Messenger/Instagram) or `sent` → `delivered` (WhatsApp). */
  followUps?: boolean;
  /** Wait this long before each automatic post (default 0), e.g. to let the sender record its send. */
  followUpDelayMs?: number;
  /** Give up on a post after this long (default 10 000 ms). */
  timeoutMs?: number;
}

/** One webhook post and the ingress's answer. */
export interface SimPost {
  /** HTTP status the ingress answered; 0 when an automatic post could not reach it. */
  status: number;
  /** Meta's id of the first event (mid or wamid): reuse it to redeliver or to react to it. */
  id: string;
  /** Meta's ids of every event in the post, in order. */
  ids: string[];
  kinds: SimWebhookEvent["kind"][];
  /** True for follow-ups the simulator's sends triggered. */
  auto: boolean;
  /** The raw JSON posted (exactly the signed bytes). */
  body: string;
}

type EventOptions<K extends SimWebhookEvent["kind"]> = Omit<
  Extract<SimWebhookEvent, { kind: K }>,
  "kind" | "who"
>;
type ReceiptOptions = Partial<EventOptions<"read">>;

/** Meta's webhook side: customers writing to channels, and Meta reporting on the messages sent. */
export interface SimCustomers {
  message(who: SimCustomerRef, options?: EventOptions<"message">): Promise<SimPost>;
  postback(who: SimCustomerRef, options: EventOptions<"postback">): Promise<SimPost>;
  react(who: SimCustomerRef, options: EventOptions<"reaction">): Promise<SimPost>;
  referral(who: SimCustomerRef, options?: EventOptions<"referral">): Promise<SimPost>;
  /** The customer edits an earlier message (`to`): Messenger/Instagram `message_edit`, WhatsApp `edit`. */
  edit(who: SimCustomerRef, options: EventOptions<"edit">): Promise<SimPost>;
  /** The customer unsends a message (`to`): Instagram `is_deleted`, WhatsApp `revoke`. */
  unsend(who: SimCustomerRef, options: EventOptions<"delete">): Promise<SimPost>;
  /** `ids` default to the latest message the simulator accepted for this customer. */
  delivered(who: SimCustomerRef, options?: ReceiptOptions): Promise<SimPost>;
  read(who: SimCustomerRef, options?: ReceiptOptions): Promise<SimPost>;
  /** The echo Meta posts for an accepted Messenger/Instagram send (with its `metadata`). */
  echo(send: SimSend, options?: { atMs?: number }): Promise<SimPost>;
  status(who: SimCustomerRef, options: EventOptions<"status">): Promise<SimPost>;
  /** Meta restricts, warns or releases a page or Instagram account (`messaging_policy_enforcement`). */
  policyEnforcement(notice: SimPolicyEnforcement): Promise<{ status: number; body: string }>;
  /** A WhatsApp `account_update` (ban, restriction, reinstatement) about a business account. */
  accountUpdate(update: SimAccountUpdate): Promise<{ status: number; body: string }>;
  /** Several events in one webhook, batched the way Meta batches them. */
  batch(events: SimWebhookEvent[]): Promise<SimPost>;
  /** Posts any body; `signature: null` leaves the header out, a string replaces it. */
  postRaw(
    body: string | object,
    options?: { signature?: string | null },
  ): Promise<{ status: number; body: string }>;
  /** Every post made, manual and automatic, in order. */
  readonly posts: SimPost[];
  /** Resolves once every automatic post queued so far has been answered. */
  settled(): Promise<void>;
  /** Stops the follow-ups and waits for the pending ones. */
  close(): Promise<void>;
}

/**
 * Simulated customers and Meta's webhook delivery to an ingress: signed posts in Meta's real
 * payload shapes, with event times the test chooses.
 */
export function createSimCustomers(options: SimCustomersOptions): SimCustomers {
  const url = `${options.ingressUrl.replace(/\/+$/, "")}/webhooks/meta`;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const posts: SimPost[] = [];
  let queue: Promise<void> = Promise.resolve();

  const postRaw: SimCustomers["postRaw"] = async (body, { signature } = {}) => {
    const raw = typeof body === "string" ? body : metaJson(body);
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "user-agent": "facebookexternalua",
    };
    const header = signature === undefined ? signWebhookBody(raw, options.appSecret) : signature;
    if (header !== null) headers["x-hub-signature-256"] = header;
    const res = await httpCall(url, { method: "POST", headers, body: raw, timeoutMs });
    return { status: res.status, body: res.body };
  };

  const deliver = async (events: ResolvedEvent[], auto: boolean): Promise<SimPost> => {
    const body = metaJson(buildWebhookPayload(events));
    const ids = events.map((event) => event.metaId);
    const kinds = events.map((event) => event.kind);
    const record = (status: number): SimPost => {
      const post = { status, id: ids[0] ?? "", ids, kinds, auto, body };
      posts.push(post);
      return post;
    };
    try {
      return record((await postRaw(body)).status);
    } catch (err) {
      if (auto) return record(0);
      throw err;
    }
  };

  const batch = async (events: SimWebhookEvent[]): Promise<SimPost> => {
    const now = Date.now();
    const resolved = events.map((event) => resolveEvent(event, now));
    // Meta knows the customer wrote whether or not the ingress takes the webhook.
    for (const event of resolved) recordWindow(options.simulator, event);
    return deliver(resolved, false);
  };

  const enqueue = (events: SimWebhookEvent[]): void => {
    const delay = options.followUpDelayMs ?? 0;
    queue = queue
      .then(() => new Promise((resolve) => setTimeout(resolve, delay)))
      .then(() =>
        deliver(
          events.map((event) => resolveEvent(event, Date.now())),
          true,
        ),
      )
      .then(
        () => undefined,
        () => undefined,
      );
  };

  const unsubscribe = options.simulator?.onSend((send) => {
    const events = followUpsOf(send, options.followUps ?? false);
    for (const event of events) enqueue([event]);
  });

  const receipts = (who: SimCustomerRef, kind: "delivered" | "read", o: ReceiptOptions = {}) => {
    const ids = o.ids ?? latestSentId(options.simulator, who);
    return batch([{ ...o, kind, who, ids }]);
  };

  const settled = async (): Promise<void> => {
    let seen: Promise<void> | undefined;
    while (seen !== queue) {
      seen = queue;
      await seen;
    }
  };

  return {
    message: (who, o = {}) => batch([{ ...o, kind: "message", who }]),
    postback: (who, o) => batch([{ ...o, kind: "postback", who }]),
    react: (who, o) => batch([{ ...o, kind: "reaction", who }]),
    referral: (who, o = {}) => batch([{ ...o, kind: "referral", who }]),
    edit: (who, o) => batch([{ ...o, kind: "edit", who }]),
    unsend: (who, o) => batch([{ ...o, kind: "delete", who }]),
    delivered: (who, o) => receipts(who, "delivered", o),
    read: (who, o) => receipts(who, "read", o),
    echo: (send, o = {}) => batch([{ ...echoOf(send), ...o }]),
    status: (who, o) => batch([{ ...o, kind: "status", who }]),
    policyEnforcement: (notice) => postRaw(policyEnforcementPayload(notice)),
    accountUpdate: (update) => postRaw(accountUpdatePayload(update)),
    batch,
    postRaw,
    posts,
    settled,
    close: async () => {
      unsubscribe?.();
      await settled();
    },
  };
}

function recordWindow(simulator: MetaSimulator | undefined, event: ResolvedEvent): void {
  if (!simulator) return;
  const { platform, channelId } = event.who;
  // Messenger's and Instagram's referral source defaults to "ADS" (page-payloads.ts).
  const fromAd =
    event.kind === "message" &&
    platform !== "whatsapp" &&
    event.referral !== undefined &&
    (event.referral.source ?? "ADS") === "ADS";
  for (const userId of windowOpeners(event)) {
    simulator.customerWrote({
      platform,
      channelId,
      userId,
      atMs: event.atMs,
      metaMessageId: event.metaId,
      fromAd,
    });
  }
}

/** What Meta posts after a send: the async 131047 failure always, echoes and statuses on request. */
function followUpsOf(send: SimSend, followUps: boolean): SimWebhookEvent[] {
  const who = { platform: send.platform, channelId: send.channelId, userId: send.userId };
  const id = send.metaMessageId;
  if (id === undefined) return [];
  if (send.failsAsync) {
    const errors = [
      { code: send.error?.code ?? 131047, title: "Re-engagement message", details: REENGAGEMENT },
    ];
    return [{ kind: "status", who, id, status: "failed", errors }];
  }
  if (!followUps || send.outcome !== "accepted") return [];
  if (send.platform !== "whatsapp") return [echoOf(send)];
  return [
    { kind: "status", who, id, status: "sent" },
    { kind: "status", who, id, status: "delivered" },
  ];
}

const REENGAGEMENT =
  "Message failed to send because more than 24 hours have passed since the customer last replied to this number.";

function echoOf(send: SimSend): SimWebhookEvent {
  if (send.platform === "whatsapp" || send.metaMessageId === undefined) {
    throw new SimulatorError(
      "unsupported_event",
      "only accepted Messenger/Instagram sends have echoes",
    );
  }
  const message = isRecord(send.body) ? send.body.message : undefined;
  const text = stringField(message, "text");
  const metadata = stringField(message, "metadata");
  return {
    kind: "echo",
    who: { platform: send.platform, channelId: send.channelId, userId: send.userId },
    id: send.metaMessageId,
    ...(text !== undefined && { text }),
    ...(metadata !== undefined && { metadata }),
  };
}

function latestSentId(simulator: MetaSimulator | undefined, who: SimCustomerRef): string[] {
  const sends = simulator?.sends ?? [];
  for (let index = sends.length - 1; index >= 0; index -= 1) {
    const send = sends[index];
    if (
      send?.outcome === "accepted" &&
      send.metaMessageId !== undefined &&
      send.platform === who.platform &&
      send.channelId === who.channelId &&
      send.userId === who.userId
    ) {
      return [send.metaMessageId];
    }
  }
  return [];
}
