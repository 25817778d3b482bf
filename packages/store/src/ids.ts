import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

/**
 * `msg_` + 10 characters of time + 16 of randomness (Crockford base32): sortable by creation,
 * safe in URLs, Redis keys and BullMQ job ids.
 */
export function newMessageId(now: number = Date.now()): string {
  let time = "";
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const random = randomBytes(16);
  let tail = "";
  for (const byte of random) tail += ALPHABET[byte % 32];
  return `msg_${time}${tail}`;
}

export const MESSAGE_ID_PATTERN = /^msg_[0-9a-hjkmnp-tv-z]{26}$/;
