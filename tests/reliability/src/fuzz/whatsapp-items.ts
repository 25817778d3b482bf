import fc from "fast-check";
import {
  brokenTimestamp,
  laterTime,
  metaId,
  oddText,
  openerTime,
  withExtras,
  wrongType,
  type FuzzItem,
} from "./fuzz-values";

/** The only entry of every fuzzed change's `contacts[]`: the customer of a message naming none. */
export const FUZZ_CONTACT = "15550000000";

// Items of a WhatsApp `value.messages` list (and `statuses` / `errors`), in the three classes the
// webhook fuzz needs: well-formed customer messages, well-formed non-openers, broken messages.

type Body = Record<string, unknown>;

const phone = fc.integer({ min: 0, max: 149 }).map((n) => `1555000${String(n).padStart(4, "0")}`);
const bsuid = fc.integer({ min: 0, max: 149 }).map((n) => `US.fz${n}`);

/** WhatsApp's time: seconds as a string, or as a number (tolerated). */
function secondsTime(at: fc.Arbitrary<number>) {
  return fc.tuple(at, fc.boolean()).map(([ms, asNumber]) => {
    const seconds = Math.floor(ms / 1000);
    return { atMs: seconds * 1000, value: asNumber ? seconds : String(seconds) };
  });
}

function content(marker: string): fc.Arbitrary<Body> {
  return fc.oneof(
    oddText(marker).map((body) => ({ type: "text", text: { body } })),
    oddText(marker).map((title) => ({
      type: "interactive",
      interactive: { type: "button_reply", button_reply: { id: "b1", title } },
    })),
    fc.constant({ type: "image", image: { id: "media-1", mime_type: "image/jpeg" } }),
  );
}

/**
 * Who wrote: a phone number (also as a JSON number), a business-scoped id, both (the window opens
 * under each), or neither — then the batch's only contact wrote.
 */
const customer: fc.Arbitrary<{ ids: string[]; fields: Body }> = fc.oneof(
  phone.map((from) => ({ ids: [from], fields: { from } })),
  phone.map((from) => ({ ids: [from], fields: { from: Number(from) } })),
  fc.constant(null).map(() => ({ ids: [FUZZ_CONTACT], fields: {} })),
  bsuid.map((id) => ({ ids: [id], fields: { from_user_id: id } })),
  fc
    .tuple(phone, bsuid)
    .map(([from, id]) => ({ ids: [from, id], fields: { from, from_user_id: id } })),
);

export function openerMessage(marker: string): fc.Arbitrary<FuzzItem> {
  return fc
    .record({
      who: customer,
      time: secondsTime(openerTime),
      id: metaId("wamid."),
      body: content(marker),
    })
    .chain(({ who, time, id, body }) =>
      withExtras({ ...who.fields, id, timestamp: time.value, ...body }).map((value) => ({
        value,
        opener: { userIds: who.ids, atMs: time.atMs },
      })),
    );
}

/** Reactions and system notices: well-formed, never window-opening on WhatsApp. */
export function nonOpenerMessage(): fc.Arbitrary<FuzzItem> {
  return fc
    .record({
      from: phone,
      id: metaId("wamid."),
      at: laterTime,
      type: fc.constantFrom("reaction", "system"),
    })
    .map(({ from, id, at, type }) => ({
      value: {
        from,
        id,
        timestamp: String(Math.floor(at / 1000)),
        type,
        reaction: { message_id: "wamid.x", emoji: "👍" },
        system: { body: "changed number" },
      },
      opener: null,
    }));
}

/** A status of one of our messages: never window-opening. */
export function statusItem(): fc.Arbitrary<unknown> {
  return fc
    .record({
      id: metaId("wamid."),
      status: fc.constantFrom("sent", "delivered", "read", "failed", "deleted"),
      at: laterTime,
      recipient: phone,
    })
    .map(({ id, status, at, recipient }) => ({
      id,
      status,
      timestamp: String(Math.floor(at / 1000)),
      recipient_id: recipient,
      ...(status === "failed"
        ? { errors: [{ code: 131047, title: "Re-engagement message" }] }
        : {}),
    }));
}

export function brokenMessage(marker: string): fc.Arbitrary<FuzzItem> {
  const breakIt: fc.Arbitrary<(m: Body) => unknown> = fc.oneof(
    brokenTimestamp.map((t) => (m: Body) => ({ ...m, timestamp: t })),
    fc.constantFrom<unknown>(undefined, "", -7, 7.5, null).map((id) => (m: Body) => ({ ...m, id })),
    // A sender field that is there but is no id (a missing one falls back to contacts[]).
    fc
      .constantFrom<Body>(
        { from: -15550001111 },
        { from: 1555.5 },
        { from_user_id: true },
        { from: "", from_user_id: { id: "x" } },
      )
      .map((ids) => (m: Body) => ({ ...m, ...ids })),
    fc.constantFrom<unknown>(undefined, 5, null).map((type) => (m: Body) => ({ ...m, type })),
    wrongType.map((bad) => () => bad),
  );
  return fc
    .record({ from: phone, id: metaId("wamid."), at: laterTime, body: content(marker), breakIt })
    .map(({ from, id, at, body, breakIt: apply }) => ({
      value: apply({ from, id, timestamp: String(Math.floor(at / 1000)), ...body }),
      opener: null,
    }));
}
