import { createHmac, randomBytes } from "node:crypto";

/** Signs a body the way Meta does: X-Hub-Signature-256 over the raw bytes. */
export function signedHeaders(body: string, secret: string): Record<string, string> {
  return {
    "content-type": "application/json",
    "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
  };
}

const runId = randomBytes(4).toString("hex");
let counter = 0;

/** A single Messenger customer message with a unique message id (and one of 10 000 customers). */
export function messengerWebhook(pageId: string): string {
  counter += 1;
  const now = Date.now();
  return JSON.stringify({
    object: "page",
    entry: [
      {
        id: pageId,
        time: now,
        messaging: [
          {
            sender: { id: `psid${counter % 10_000}` },
            recipient: { id: pageId },
            timestamp: now,
            message: { mid: `m_${runId}_${counter}`, text: "Where is my parcel?" },
          },
        ],
      },
    ],
  });
}

let waCounter = 0;

/**
 * A WhatsApp payload carrying `count` customer messages from `count` customers never used before in
 * this process, so every message opens a window of its own.
 */
export function whatsappBatch(phoneNumberId: string, count: number): string {
  const seconds = String(Math.floor(Date.now() / 1000));
  const messages = [];
  const contacts = [];
  for (let i = 0; i < count; i++) {
    waCounter += 1;
    const waId = `49${String(waCounter).padStart(10, "0")}`;
    contacts.push({ profile: { name: "Customer" }, wa_id: waId });
    messages.push({
      from: waId,
      id: `wamid.${runId}${waCounter}`,
      timestamp: seconds,
      type: "text",
      text: { body: "Hallo" },
    });
  }
  return JSON.stringify({
    object: "whatsapp_business_account",
    entry: [
      {
        id: "waba-bench",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "15550000000", phone_number_id: phoneNumberId },
              contacts,
              messages,
            },
          },
        ],
      },
    ],
  });
}
