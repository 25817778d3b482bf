import { randomBytes } from "node:crypto";

/** A Messenger/Instagram message id as Meta formats it (`m_…`). */
export function newMid(): string {
  return `m_${randomBytes(24).toString("base64url")}`;
}

/** A WhatsApp message id as Meta formats it (`wamid.…`). */
export function newWamid(): string {
  return `wamid.${randomBytes(24).toString("base64url")}`;
}
