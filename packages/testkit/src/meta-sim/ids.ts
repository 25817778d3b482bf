import { randomFillSync } from "node:crypto";

// Random bytes drawn 24 KiB at a time: one system call per thousand ids rather than one per id,
// which matters when the simulator mints ids for hundreds of messages a second.
const POOL = Buffer.alloc(24 * 1024);
let offset = POOL.length;

function randomId(bytes: number): string {
  if (offset + bytes > POOL.length) {
    randomFillSync(POOL);
    offset = 0;
  }
  const id = POOL.toString("base64url", offset, offset + bytes);
  offset += bytes;
  return id;
}

/** A Messenger/Instagram message id as Meta formats it (`m_…`). */
export function newMid(): string {
  return `m_${randomId(24)}`;
}

/** A WhatsApp message id as Meta formats it (`wamid.…`). */
export function newWamid(): string {
  return `wamid.${randomId(24)}`;
}
