// Builders of Meta's webhook payloads in the shapes the ingress receives, for tests that post their
// own bodies (the simulator's customers build theirs in meta-sim/).

type Messaging = Record<string, unknown>;

/** A Messenger (`page`) or Instagram webhook of several entries. */
export function messagingWebhook(
  object: "page" | "instagram",
  entries: { id: string; messaging?: Messaging[]; standby?: Messaging[] }[],
) {
  return { object, entry: entries.map((e) => ({ time: Date.now(), ...e })) };
}

/** A customer's item: the customer is the sender, the page or account the recipient. */
export function fromCustomer(
  channelId: string,
  userId: string,
  timestamp: number,
  body: Messaging,
) {
  return { sender: { id: userId }, recipient: { id: channelId }, timestamp, ...body };
}

/** The page's own item (an echo): the page is the sender. */
export function fromPage(channelId: string, userId: string, timestamp: number, body: Messaging) {
  return { sender: { id: channelId }, recipient: { id: userId }, timestamp, ...body };
}

/** A WhatsApp webhook with one `messages` change of one phone number. */
export function whatsappWebhook(phoneNumberId: string, value: Record<string, unknown>) {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: "102290129340398",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "15550783881", phone_number_id: phoneNumberId },
              ...value,
            },
          },
        ],
      },
    ],
  };
}

/** A WhatsApp text message; `atMs` is turned into Meta's seconds-as-a-string. */
export function whatsappText(from: string, id: string, atMs: number, body = "hello") {
  return { from, id, timestamp: String(Math.floor(atMs / 1000)), type: "text", text: { body } };
}
