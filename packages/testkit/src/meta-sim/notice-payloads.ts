import type { SimPlatform } from "./types";

/** Meta's `messaging_policy_enforcement` item, for a page or an Instagram account. */
export interface SimPolicyEnforcement {
  platform: Extract<SimPlatform, "messenger" | "instagram">;
  /** The page, or the Instagram account. */
  channelId: string;
  action: "block" | "unblock" | "warning";
  /** Meta's words; Meta leaves them out on `unblock`. */
  reason?: string;
  /** The key the item sits under: Meta's reference writes `policy-enforcement`, copies `policy_enforcement`. */
  key?: "policy-enforcement" | "policy_enforcement";
  /** Meta's event time in ms (default now). */
  atMs?: number;
}

/** A WhatsApp `account_update` about a business account (vendors' documented shape). */
export interface SimAccountUpdate {
  wabaId: string;
  event?: string;
  /** `restriction_info[]`: the restriction types, with their end (ms) when Meta gives one. */
  restrictions?: { type: string; untilMs?: number }[];
  /** `ban_info.waba_ban_state`: DISABLE, SCHEDULE_FOR_DISABLE or REINSTATE. */
  banState?: string;
  violationType?: string;
}

const OBJECTS = { messenger: "page", instagram: "instagram" } as const;

/** The webhook Meta posts when it restricts, warns or releases a page: the item has no sender. */
export function policyEnforcementPayload(notice: SimPolicyEnforcement): object {
  const atMs = notice.atMs ?? Date.now();
  const body = {
    action: notice.action,
    ...(notice.reason !== undefined && notice.action !== "unblock" && { reason: notice.reason }),
  };
  const item = {
    recipient: { id: notice.channelId },
    timestamp: atMs,
    [notice.key ?? "policy_enforcement"]: body,
  };
  return {
    object: OBJECTS[notice.platform],
    entry: [{ id: notice.channelId, time: atMs, messaging: [item] }],
  };
}

export function accountUpdatePayload(update: SimAccountUpdate): object {
  const value: Record<string, unknown> = {
    phone_number: "15550000000",
    event: update.event ?? "ACCOUNT_UPDATE",
  };
  if (update.restrictions) {
    value.restriction_info = update.restrictions.map((r) => ({
      restriction_type: r.type,
      ...(r.untilMs !== undefined && { expiration: Math.floor(r.untilMs / 1000) }),
    }));
  }
  if (update.banState) value.ban_info = { waba_ban_state: update.banState, waba_ban_date: "" };
  if (update.violationType) value.violation_info = { violation_type: update.violationType };
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: update.wabaId,
        time: Math.floor(Date.now() / 1000),
        changes: [{ field: "account_update", value }],
      },
    ],
  };
}
