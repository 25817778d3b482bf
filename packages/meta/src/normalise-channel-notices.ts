import type { ChannelNotice } from "@meta-relay/core";
import { z } from "zod";
import type { ItemCollector } from "./item-collector";

// Meta's news about a channel itself. These items have no customer (`messaging_policy_enforcement`
// has no `sender`), so they are read before the customer-item schemas, which would refuse them.

const ACTIONS = new Set(["block", "unblock", "warning"]);

/** The timestamp of a notice: Meta sends ms on messaging items, seconds on some newer ones. */
const time = z
  .union([
    z.number().nonnegative(),
    z
      .string()
      .regex(/^\d{1,16}$/)
      .transform(Number),
  ])
  .transform((value) => (value < 1e11 ? value * 1000 : value));

const enforcementSchema = z.looseObject({
  action: z.string(),
  reason: z.string().optional(),
});

const policyItemSchema = z.looseObject({
  recipient: z.looseObject({ id: z.union([z.string(), z.number()]).optional() }).optional(),
  timestamp: time.optional(),
});

/**
 * A `messaging_policy_enforcement` item of a page or Instagram entry, added as a channel notice.
 * Meta's reference example names the item's key `policy-enforcement`; other copies of it say
 * `policy_enforcement`: both are read. Returns false when the item is not one.
 */
export function collectPolicyEnforcement(
  collector: ItemCollector,
  entryId: string,
  raw: unknown,
  path: string,
): boolean {
  if (typeof raw !== "object" || raw === null) return false;
  const record = raw as Record<string, unknown>;
  const body = record["policy_enforcement"] ?? record["policy-enforcement"];
  if (body === undefined) return false;
  const enforcement = enforcementSchema.safeParse(body);
  const item = policyItemSchema.safeParse(raw);
  if (!enforcement.success || !item.success || !ACTIONS.has(enforcement.data.action)) {
    collector.skip(path, "policy_enforcement: not a known action");
    return true;
  }
  const recipient = item.data.recipient?.id;
  const channelId = entryId || (recipient === undefined ? "" : String(recipient));
  if (!channelId) {
    collector.skip(path, "recipient.id: the page is not named");
    return true;
  }
  collector.add({
    type: "channel_notice",
    platform: collector.platform,
    channelId,
    action: enforcement.data.action as ChannelNotice["action"],
    source: "policy_enforcement",
    ...(enforcement.data.reason ? { reason: enforcement.data.reason } : {}),
    timestampMs: item.data.timestamp ?? 0,
    raw,
  });
  return true;
}

const accountUpdateSchema = z.looseObject({
  event: z.string().optional(),
  ban_info: z.looseObject({ waba_ban_state: z.string().optional() }).optional(),
  restriction_info: z
    .array(z.looseObject({ restriction_type: z.string().optional(), expiration: time.optional() }))
    .optional(),
  violation_info: z.looseObject({ violation_type: z.string().optional() }).optional(),
});

/**
 * A WhatsApp `account_update` change (the entry is the business account). The shape is from
 * vendors' documentation, not Meta's reference (UNCONFIRMED), so the reading is on the safe side:
 * any restriction or ban stops sending; a reinstatement lifts it; a violation only warns.
 */
export function collectAccountUpdate(
  collector: ItemCollector,
  wabaId: string,
  value: unknown,
  path: string,
): void {
  const update = accountUpdateSchema.safeParse(value);
  if (!update.success) return collector.skip(`${path}.value`, "account_update: unexpected shape");
  const notice = accountNotice(update.data);
  if (!notice) return collector.ignore("", "account_update");
  collector.add({
    type: "channel_notice",
    platform: "whatsapp",
    channelId: "",
    wabaId,
    source: "account_update",
    timestampMs: 0,
    raw: value,
    ...notice,
  });
}

function accountNotice(
  update: z.output<typeof accountUpdateSchema>,
): Pick<ChannelNotice, "action" | "reason" | "untilMs"> | null {
  const restrictions = update.restriction_info ?? [];
  if (restrictions.length > 0) {
    const ends = restrictions.map((r) => r.expiration);
    const untilMs = ends.every((end) => end !== undefined) ? Math.max(...ends) : undefined;
    const reason = restrictions.map((r) => r.restriction_type ?? "RESTRICTED").join(", ");
    return { action: "block", reason, ...(untilMs !== undefined ? { untilMs } : {}) };
  }
  const ban = update.ban_info?.waba_ban_state;
  if (ban === "DISABLE") return { action: "block", reason: "ACCOUNT_DISABLED" };
  if (ban === "SCHEDULE_FOR_DISABLE") return { action: "warning", reason: ban };
  if (ban === "REINSTATE") return { action: "unblock" };
  if (update.violation_info?.violation_type) {
    return { action: "warning", reason: update.violation_info.violation_type };
  }
  return null;
}
