/** The public shapes of the Meta simulator (a fake Graph API plus Meta's webhook side). */

export type SimPlatform = "messenger" | "instagram" | "whatsapp";

/** A page, Instagram account or WhatsApp phone number the fake Meta knows. */
export interface SimChannel {
  platform: SimPlatform;
  /** Page id, Instagram account id, or WhatsApp phone number id. */
  channelId: string;
  /** The only token the fake accepts for this channel. */
  accessToken: string;
  /** Approved for HUMAN_AGENT (Messenger/Instagram). */
  humanAgent?: boolean;
  /** Instagram: the linked page id used in the send path (defaults to `channelId`). */
  pageId?: string;
  /** Messenger: the page's token carries `pages_utility_messaging` (utility templates). */
  utilityMessages?: boolean;
  /**
   * The page's or number's message templates and their review status. Messenger utility templates
   * must be listed and approved; a WhatsApp number without a list accepts any template name.
   */
  templates?: SimTemplate[];
  /**
   * Messenger/Instagram: whether Meta lets the standard window last 7 days after a customer's first
   * message from a click-to-Messenger/Direct ad (default true; Meta says it "may").
   */
  grantsAdWindow?: boolean;
  /** Instagram: "instagram_login" accounts are reached on the Instagram host, without a page. */
  api?: "messenger" | "instagram_login";
  /** WhatsApp: the business account whose `subscribed_apps` holds the webhook subscription. */
  wabaId?: string;
  /** What Meta answers as the page's name, the account's username or the verified name. */
  name?: string;
  /** Instagram Login: when the token was issued (default: now), for Meta's 24-hour refresh rule. */
  tokenIssuedAtMs?: number;
  /** Instagram Login: when the token expires (default: 60 days after it was issued). */
  tokenExpiresAtMs?: number;
}

/** A message template as Meta's template review left it. */
interface SimTemplate {
  name: string;
  /** e.g. en_US. */
  language: string;
  status: "APPROVED" | "PENDING" | "REJECTED" | "PAUSED" | "DISABLED";
}

/** A channel as the fake Meta names it in its calls: the page, account or number. */
export interface SimChannelRef {
  platform: SimPlatform;
  channelId: string;
}

/** One call to Meta's channel management endpoints (verify, subscribe, subscriptions, refresh). */
export interface SimCall {
  host: "graph" | "instagram";
  method: string;
  /** The request path, without the query string (which may carry a token). */
  path: string;
  kind: "verify" | "subscribe" | "subscribed_apps" | "refresh_token";
  /** The page, account, number or business account the call is about ("me" resolved). */
  objectId: string;
  token: string | null;
  /** How the token came: Authorization Bearer header, query string or body. */
  auth: "bearer" | "query" | "body" | null;
  /** `subscribed_fields` asked for (subscribe) or `fields` (verify). */
  fields?: string[];
  /** HTTP status answered. */
  status: number;
  at: number;
}

/** An app on a page's, account's or business account's `subscribed_apps`. */
export interface SimSubscription {
  appId: string;
  fields: string[];
}

/** One send request as the fake Graph API saw it, whatever it answered. */
export interface SimSend {
  platform: SimPlatform;
  channelId: string;
  /** The recipient (PSID, IGSID, wa_id or BSUID); "" when the body named none. */
  userId: string;
  path: string;
  token: string | null;
  /** Which host took the send: graph.facebook.com, or the Instagram Login host. */
  host?: "graph" | "instagram";
  /** How the token came: Authorization Bearer header, query string or body. */
  auth?: "bearer" | "query" | "body" | null;
  /** The parsed JSON body, or the raw text when it was not JSON. */
  body: unknown;
  /** Messenger/Instagram `messaging_type`. */
  messagingType?: string;
  /** Messenger/Instagram `tag`. */
  tag?: string;
  /** WhatsApp `type` (text | image | ... | template). */
  waType?: string;
  /**
   * A sender action: Messenger/Instagram `sender_action` (typing_on, typing_off, mark_seen, react,
   * unreact); WhatsApp `mark_seen` for a read receipt, `typing_on` with its typing indicator.
   */
  senderAction?: string;
  /** refused = Meta's rules said no; fault = injected by `inject()` or `chaos()`. */
  outcome: "accepted" | "refused" | "fault";
  metaMessageId?: string;
  error?: { status: number; code: number; subcode?: number };
  /** Which injected fault answered (only when `outcome` is "fault"). */
  fault?: FaultRule["kind"];
  /**
   * WhatsApp, `whatsappWindowFailures: "async"`: Meta answered 200 with `metaMessageId` and refuses
   * later through a `failed` status webhook (posted by an attached SimCustomers).
   */
  failsAsync?: boolean;
  /** Arrival time, ms (Date.now() when the request reached the fake). */
  at: number;
}

/** A failure the fake answers with instead of applying its rules. */
export interface FaultRule {
  /** error: Meta error body; timeout: hold the request open without answering; http: bare status. */
  kind: "error" | "timeout" | "http";
  /** HTTP status; defaults to Meta's for `code` (429 for WhatsApp throttling) or 502 for `http`. */
  status?: number;
  /** Meta error code; defaults to the platform's throttling code (613 or 130429). */
  code?: number;
  subcode?: number;
  message?: string;
  /** Sends it applies to (default 1; Infinity for all). */
  count?: number;
  /** Only sends matching every given field (a media lookup matches its channel). */
  match?: { platform?: string; channelId?: string; userId?: string };
  /** What fails: sends (default) or WhatsApp media lookups (`GET /{version}/{media-id}`). */
  on?: "send" | "media";
}

/** A file a customer sent on WhatsApp, as Meta keeps it. */
export interface SimMediaInput {
  /** Meta's media id (default: fresh digits). */
  id?: string;
  /** The phone number id it was sent to: the lookup then takes only that channel's token. */
  channelId?: string;
  mimeType?: string;
  /** The file's exact bytes; without them, `size` bytes are made from `seed` on the fly. */
  bytes?: Buffer;
  /** Default 1024. A 100 MB file costs no memory: its bytes are made as they are sent. */
  size?: number;
  /** Default the id: the same seed and size always give the same bytes. */
  seed?: string;
  /** Already expired (Meta keeps media 30 days): the lookup answers as for an unknown id. */
  expired?: boolean;
}

export interface SimMediaFile {
  id: string;
  size: number;
  mimeType: string;
  /** The SHA-256 (hex) Meta reports for it; computed by making the bytes once. */
  sha256(): string;
}

/** One download of a media URL, updated while it streams. */
export interface SimMediaDownload {
  mediaId: string;
  /** Bytes handed to the socket so far. */
  bytes: number;
  completed: boolean;
  /** The client went away before the last byte. */
  aborted: boolean;
}

/** Random trouble on every send; null turns it off. Rates are probabilities per send (0..1). */
export interface ChaosOptions {
  /** Share of sends answered with a 5xx (Meta's transient error body or a bare 502/503). */
  errorRate?: number;
  /** Share of sends held open and never answered. */
  timeoutRate?: number;
  /** Every send waits a random delay in [minDelayMs, maxDelayMs] before it is judged. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

export interface MetaSimulatorOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /**
   * How WhatsApp refuses a free-form send outside the 24 h window: "sync" (default) answers 131047
   * with HTTP 400; "async" answers 200 and fails the message later through a `failed` status webhook.
   */
  whatsappWindowFailures?: "sync" | "async";
  /** The app's id as `subscribed_apps` lists it (default SIM_APP_ID). Use as META_APP_ID. */
  appId?: string;
  /** Lifetime of a refreshed Instagram Login token (default 60 days). */
  instagramTokenTtlMs?: number;
  /** Least age of an Instagram Login token before it may be refreshed (default 24 hours). */
  instagramTokenMinAgeMs?: number;
}

export interface MetaSimulator {
  /**
   * Use as META_GRAPH_URL; serves POST /{version}/{id}/messages, and WhatsApp media:
   * GET /{version}/{media-id} and the download URL it answers.
   */
  readonly graphUrl: string;
  /** Use as META_INSTAGRAM_GRAPH_URL: the Instagram Login host (sends, /me, token refresh). */
  readonly instagramGraphUrl: string;
  /** The app's id on `subscribed_apps`: use as META_APP_ID. */
  readonly appId: string;
  addChannel(channel: SimChannel): void;
  /** Every channel management call, in arrival order. */
  readonly calls: SimCall[];
  /** The apps subscribed to the channel's webhooks (its page, account or business account). */
  subscriptions(channel: SimChannelRef): SimSubscription[];
  /** Unsubscribes an app, as Meta does after an hour of failed webhook deliveries. */
  unsubscribeApp(channel: SimChannelRef, appId?: string): void;
  /** While restricted, every send of the channel is refused with 10/1893063 (368 on WhatsApp). */
  restrict(channel: SimChannelRef, restricted: boolean): void;
  /** The channel's current token (Instagram Login refreshes replace it). */
  tokenOf(channel: SimChannelRef): { token: string; issuedAtMs?: number; expiresAtMs?: number };
  /**
   * Records a window-opening customer action (the later of this and any earlier one counts) and,
   * with `metaMessageId`, the message: replies, reactions and read receipts may name it.
   */
  customerWrote(input: {
    platform: SimPlatform;
    channelId: string;
    userId: string;
    atMs: number;
    metaMessageId?: string;
    /** The message came from a click-to-Messenger/Direct ad (it may open a 7-day window). */
    fromAd?: boolean;
  }): void;
  /** Every send request, in arrival order. */
  readonly sends: SimSend[];
  /** A file customers can send (its id goes in a WhatsApp media message); see SimMediaInput. */
  addMedia(media: SimMediaInput): SimMediaFile;
  /** Meta forgets the media: its lookup then answers 100 / 33, as for an unknown id. */
  expireMedia(id: string): void;
  /** Every download of a media URL, in order. */
  readonly mediaDownloads: SimMediaDownload[];
  /** Sends refused because they broke Meta's rules (injected faults are not counted). */
  refusals(): number;
  inject(rule: FaultRule): void;
  chaos(options: ChaosOptions | null): void;
  /** Called once per send when its outcome is known; returns the unsubscribe function. */
  onSend(listener: (send: SimSend) => void): () => void;
  /** Forget sends, calls, faults and chaos (keep channels, subscriptions and windows). */
  reset(): void;
  close(): Promise<void>;
}
