// One request per kind of POST /v1/messages, shown in /openapi.json (and the README's Agent API).

const messenger = { platform: "messenger", id: "PAGE_ID" } as const;
const whatsapp = { platform: "whatsapp", id: "PHONE_NUMBER_ID" } as const;
const agent = { type: "agent", id: "agent-7" } as const;
const bot = { type: "bot", id: "order-bot" } as const;

export const MESSAGE_EXAMPLES = [
  {
    channel: messenger,
    recipient: { id: "PSID" },
    sender: bot,
    message: {
      text: "Did this answer your question?",
      quickReplies: [
        { title: "Yes", payload: "ANSWERED" },
        { title: "Talk to a person", payload: "HANDOVER" },
      ],
    },
  },
  {
    channel: whatsapp,
    recipient: { id: "16505551234" },
    sender: agent,
    message: {
      attachment: {
        type: "file",
        url: "https://shop.example/invoices/A-1043.pdf",
        caption: "Your invoice",
        filename: "A-1043.pdf",
      },
    },
  },
  {
    channel: messenger,
    recipient: { id: "PSID" },
    sender: bot,
    message: {
      buttons: {
        text: "What would you like to do?",
        buttons: [
          { type: "postback", title: "Track my order", payload: "TRACK" },
          { type: "url", title: "Open help center", url: "https://shop.example/help" },
        ],
      },
    },
  },
  {
    channel: whatsapp,
    recipient: { id: "16505551234" },
    sender: bot,
    message: {
      list: {
        text: "What is your question about?",
        button: "Topics",
        sections: [
          {
            title: "Orders",
            rows: [
              { id: "late", title: "Late parcel", description: "It has not arrived yet" },
              { id: "return", title: "Return an item" },
            ],
          },
          { title: "Billing", rows: [{ id: "refund", title: "Refund" }] },
        ],
      },
    },
  },
  {
    channel: { platform: "instagram", id: "IG_ACCOUNT_ID" },
    recipient: { id: "IGSID" },
    sender: agent,
    message: { reaction: { metaMessageId: "MID_OF_CUSTOMER_MESSAGE", emoji: "❤️" } },
  },
  {
    channel: whatsapp,
    recipient: { id: "16505551234" },
    sender: agent,
    message: {
      location: {
        latitude: 52.5208,
        longitude: 13.4094,
        name: "Pick-up point",
        address: "Alexanderplatz 1, Berlin",
      },
    },
    replyTo: { metaMessageId: "wamid.OF_CUSTOMER_QUESTION" },
  },
  {
    channel: messenger,
    recipient: { id: "PSID" },
    sender: bot,
    message: {
      template: {
        name: "order_shipped",
        language: "en_US",
        components: [{ type: "body", parameters: [{ type: "text", text: "A-1043" }] }],
      },
    },
    idempotencyKey: "order-A-1043-shipped",
  },
  {
    channel: whatsapp,
    recipient: { id: "16505551234" },
    sender: bot,
    message: {
      raw: { type: "contacts", contacts: [{ name: { formatted_name: "Support desk" } }] },
    },
  },
];
