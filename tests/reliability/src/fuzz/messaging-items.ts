import fc from "fast-check";
import {
  brokenTimestamp,
  isAddressable,
  laterTime,
  metaId,
  notAnId,
  oddText,
  openerTime,
  userId,
  withExtras,
  wrongType,
  type FuzzItem,
} from "./fuzz-values";

// Items of a Messenger / Instagram `messaging` (or `standby`) list: well-formed customer actions,
// well-formed items that never open a window, and items broken so that Meta would never send them.

type Body = Record<string, unknown>;

/**
 * Meta's time in ms; a digit string is the same number, and a value in seconds (Meta has sent
 * both in Messenger items) is that second.
 */
function msTime(at: fc.Arbitrary<number>): fc.Arbitrary<{ atMs: number; value: number | string }> {
  return fc.tuple(at, fc.constantFrom("ms", "string", "seconds")).map(([atMs, form]) => {
    if (form === "seconds")
      return { atMs: Math.floor(atMs / 1000) * 1000, value: Math.floor(atMs / 1000) };
    return { atMs, value: form === "string" ? String(atMs) : atMs };
  });
}

/** The customer's id: a string, or a JSON number (taken as its decimal string). */
const sender: fc.Arbitrary<{ id: string; value: string | number }> = fc.oneof(
  { weight: 6, arbitrary: userId.map((id) => ({ id, value: id })) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 0, max: 149 })
      .map((n) => ({ id: String(9000 + n), value: 9000 + n })),
  },
);

function actionBody(marker: string): fc.Arbitrary<Body> {
  return fc.oneof(
    fc
      .record({
        mid: metaId("m_"),
        text: fc.option(oddText(marker), { nil: undefined }),
        attachments: fc.option(
          fc.constant([{ type: "image", payload: { url: "https://lookaside.example/a.jpg" } }]),
          { nil: undefined },
        ),
      })
      .chain((message) => withExtras(message))
      .map((message) => ({ message: dropUndefined(message) })),
    fc
      .record({
        title: oddText(marker),
        payload: fc.string(),
        mid: fc.option(metaId("m_"), { nil: undefined }),
      })
      .chain((postback) => withExtras(dropUndefined(postback)))
      .map((postback) => ({ postback })),
    fc
      .record({
        mid: metaId("m_"),
        reaction: fc.constantFrom("love", "like", "other"),
        emoji: fc.constantFrom("❤", "👍", "🙂"),
      })
      .chain((reaction) => withExtras({ ...reaction, action: "react" }))
      .map((reaction) => ({ reaction })),
    fc
      .record({
        ref: fc.string(),
        source: fc.constant("SHORTLINK"),
        type: fc.constant("OPEN_THREAD"),
      })
      .chain((referral) => withExtras(referral))
      .map((referral) => ({ referral })),
  );
}

/** A customer's message, postback, reaction or referral, as Meta sends it. */
export function openerItem(channelId: string, marker: string): fc.Arbitrary<FuzzItem> {
  return fc
    .record({ user: sender, time: msTime(openerTime), body: actionBody(marker) })
    .chain(({ user, time, body }) =>
      withExtras({
        sender: { id: user.value },
        recipient: { id: channelId },
        timestamp: time.value,
        ...body,
      }).map((value) => ({
        value,
        // An id no key may hold is skipped: the action is well-formed but opens nothing.
        opener: isAddressable(user.id) ? { userIds: [user.id], atMs: time.atMs } : null,
      })),
    );
}

/** Echoes, receipts, taken-back reactions, opt-ins, deleted messages, handovers: never openers. */
export function nonOpenerItem(channelId: string, marker: string): fc.Arbitrary<FuzzItem> {
  const body: fc.Arbitrary<Body> = fc.oneof(
    metaId("m_").map((mid) => ({
      message: { mid, is_echo: true, text: `${marker} echo`, metadata: "msg_x" },
    })),
    fc
      .tuple(metaId("m_"), laterTime)
      .map(([mid, watermark]) => ({ delivery: { mids: [mid], watermark } })),
    laterTime.map((watermark) => ({ read: { watermark } })),
    metaId("m_").map((mid) => ({ reaction: { mid, action: "unreact", reaction: "love" } })),
    fc.constant({ optin: { ref: "opt", user_ref: "ur-1" } }),
    metaId("m_").map((mid) => ({ message: { mid, is_deleted: true } })),
    fc.constant({ pass_thread_control: { new_owner_app_id: "123", metadata: "x" } }),
  );
  return fc.record({ user: userId, at: laterTime, body }).map(({ user, at, body: b }) => ({
    value: { sender: { id: user }, recipient: { id: channelId }, timestamp: at, ...b },
    opener: null,
  }));
}

/** A customer action broken so that it is not a well-formed item any more. */
export function brokenItem(channelId: string, marker: string): fc.Arbitrary<FuzzItem> {
  const breakIt: fc.Arbitrary<(item: Body) => unknown> = fc.oneof(
    brokenTimestamp.map((t) => (item: Body) => ({ ...item, timestamp: t })),
    fc
      .constantFrom<unknown>(
        undefined,
        {},
        { id: "" },
        { id: 1.5 },
        { id: -12345 },
        "someone",
        null,
        [],
      )
      .map((sender) => (item: Body) => ({ ...item, sender })),
    fc
      .constantFrom<unknown>(undefined, "page", 7)
      .map((recipient) => (item: Body) => ({ ...item, recipient })),
    wrongType.map((bad) => (item: Body) => breakBody(item, bad)),
    wrongType.map((bad) => () => bad),
  );
  return fc
    .record({ user: userId, at: laterTime, body: actionBody(marker), breakIt })
    .map(({ user, at, body, breakIt: apply }) => ({
      value: apply({ sender: { id: user }, recipient: { id: channelId }, timestamp: at, ...body }),
      opener: null,
    }));
}

/** Breaks the action's own object: wrong-typed id, or not an object at all. */
function breakBody(item: Body, bad: unknown): Body {
  const key = ["message", "postback", "reaction", "referral"].find((k) => k in item);
  if (!key) return { ...item, timestamp: "x" };
  const inner = item[key] as Body;
  switch (key) {
    case "message":
      // A message needs a mid: a non-empty string or a whole number; anything else breaks it.
      return {
        ...item,
        message: isObject(bad) ? { ...inner, mid: undefined } : { ...inner, mid: notAnId(bad) },
      };
    case "reaction":
      return { ...item, reaction: { ...inner, action: typeof bad === "string" ? 5 : bad } };
    default:
      // Postbacks and referrals are objects; a primitive or array in their place is not.
      return { ...item, [key]: isObject(bad) || bad === undefined ? "not an object" : bad };
  }
}

function isObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function dropUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
