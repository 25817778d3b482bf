// Examples of the customer events, taken from the ingress's content tests (inbound-*.int.test.ts):
// the same Meta items, normalised the same way. event-schemas.test.ts checks each against its schema.

const WA_PHOTO = {
  from: "15550100001",
  id: "wamid.HBgLMTU1NTAxMDAwMDEVAgASGBQzQTdGRjY0MkE4QjNGMTJCM0UyMgA=",
  timestamp: "1795260000",
  type: "image",
  image: {
    caption: "the damaged box",
    mime_type: "image/jpeg",
    sha256: "zUNi2xwxNuS0ZQCiMTFMCXOGqLkC8iRjzfmjnS0eJFE=",
    id: "1037543291543636",
  },
};

const MESSENGER_QUICK_REPLY = {
  sender: { id: "7100000000000002" },
  recipient: { id: "104512345678901" },
  timestamp: 1795260000007,
  message: {
    mid: "m_AaZ7Qk3pSi3e2VwqLx2lYh5p0mQf8d1XyBn",
    text: "Size M",
    quick_reply: { payload: "SIZE_M" },
  },
};

const INSTAGRAM_STORY_REPLY = {
  sender: { id: "5510000000000004" },
  recipient: { id: "17841400000000001" },
  timestamp: 1795260000001,
  message: {
    mid: "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDAwMDAwMDAwMDAx",
    text: "love this",
    reply_to: { story: { id: "17900000000000001", url: "https://lookaside.fbsbx.com/story/1" } },
  },
};

const WA_REACTION_REMOVED = {
  from: "15550100014",
  id: "wamid.HBgLMTU1NTAxMDAwMTQVAgASGBQzQUJDRDEyMzQ1Njc4OTBBQkNERUYA",
  timestamp: "1795260000",
  type: "reaction",
  reaction: { message_id: "wamid.HBgLMTU1NTAxMDAwMTQVAgARGBI5QjM0RkE2QUJEMkY3RDc2", emoji: "" },
};

export const RECEIVED_EXAMPLES = [
  {
    id: "evt_FTLf_ol4oZYKuMMYE3ww0SIm_o-TpDPy",
    type: "message.received",
    occurredAt: "2026-11-21T11:20:00.000Z",
    data: {
      platform: "whatsapp",
      channelId: "106540352242922",
      userId: "15550100001",
      userIds: ["15550100001"],
      metaMessageId: WA_PHOTO.id,
      kind: "message",
      opensWindow: true,
      text: "the damaged box",
      attachments: [
        {
          type: "image",
          mediaId: "1037543291543636",
          mimeType: "image/jpeg",
          sha256: "zUNi2xwxNuS0ZQCiMTFMCXOGqLkC8iRjzfmjnS0eJFE=",
          caption: "the damaged box",
        },
      ],
      profile: { name: "Carla" },
      timestamp: "2026-11-21T11:20:00.000Z",
      raw: WA_PHOTO,
    },
  },
  {
    id: "evt_oYvDTxgm9rY_pJfyMH7aAg8-8BUbThNk",
    type: "message.received",
    occurredAt: "2026-11-21T11:20:00.007Z",
    data: {
      platform: "messenger",
      channelId: "104512345678901",
      userId: "7100000000000002",
      metaMessageId: MESSENGER_QUICK_REPLY.message.mid,
      kind: "message",
      opensWindow: true,
      text: "Size M",
      payload: "SIZE_M",
      timestamp: "2026-11-21T11:20:00.007Z",
      raw: MESSENGER_QUICK_REPLY,
    },
  },
  {
    id: "evt_uZepTSv5gpeLx52BRVpUd26M6qH70yCg",
    type: "message.received",
    occurredAt: "2026-11-21T11:20:00.001Z",
    data: {
      platform: "instagram",
      channelId: "17841400000000001",
      userId: "5510000000000004",
      metaMessageId: INSTAGRAM_STORY_REPLY.message.mid,
      kind: "message",
      opensWindow: true,
      text: "love this",
      replyTo: { story: { id: "17900000000000001", url: "https://lookaside.fbsbx.com/story/1" } },
      timestamp: "2026-11-21T11:20:00.001Z",
      raw: INSTAGRAM_STORY_REPLY,
    },
  },
  {
    id: "evt__2nPuRrUP2fAde9sP6d8op4puLKDsMwH",
    type: "message.received",
    occurredAt: "2026-11-21T11:20:00.000Z",
    data: {
      platform: "whatsapp",
      channelId: "106540352242922",
      userId: "15550100014",
      userIds: ["15550100014"],
      metaMessageId: WA_REACTION_REMOVED.id,
      kind: "reaction",
      opensWindow: false,
      reaction: {
        emoji: "",
        action: "unreact",
        targetMetaMessageId: WA_REACTION_REMOVED.reaction.message_id,
      },
      profile: { name: "Sim Customer" },
      timestamp: "2026-11-21T11:20:00.000Z",
      raw: WA_REACTION_REMOVED,
    },
  },
];

const WA_EDIT = {
  from: "15550100016",
  id: "wamid.HBgLMTU1NTAxMDAwMTYVAgASGBQzRUQxVDEyMzQ1Njc4OTBBQkNERUYA",
  timestamp: "1795260000",
  type: "edit",
  edit: {
    original_message_id: "wamid.HBgLMTU1NTAxMDAwMTYVAgASGBQzT1JJRzEyMzQ1Njc4OTBBQkNERUYA",
    message: { type: "text", text: { body: "Rua Augusta 12" } },
  },
};

const MESSENGER_EDIT = {
  sender: { id: "7100000000000010" },
  recipient: { id: "104512345678901" },
  timestamp: 1795260000005,
  message_edit: {
    mid: "m_Vq0Ze3Lk8Rt1Xb6Nm4Hs9Gd2Yw7Pf5Jc",
    text: "Where is my parcel?",
    num_edit: 1,
  },
};

export const EDITED_EXAMPLES = [
  {
    id: "evt_iozaMVAlAU5xrg9-DJOrK-3ypnlea0fA",
    type: "message.edited",
    occurredAt: "2026-11-21T11:20:00.000Z",
    data: {
      platform: "whatsapp",
      channelId: "106540352242922",
      userId: "15550100016",
      metaMessageId: WA_EDIT.edit.original_message_id,
      text: "Rua Augusta 12",
      timestamp: "2026-11-21T11:20:00.000Z",
      raw: WA_EDIT,
    },
  },
  {
    id: "evt_MjM-3Ku9Ut9bicVcqY5zGNTLyTyEsvuN",
    type: "message.edited",
    occurredAt: "2026-11-21T11:20:00.005Z",
    data: {
      platform: "messenger",
      channelId: "104512345678901",
      userId: "7100000000000010",
      metaMessageId: MESSENGER_EDIT.message_edit.mid,
      text: "Where is my parcel?",
      timestamp: "2026-11-21T11:20:00.005Z",
      raw: MESSENGER_EDIT,
    },
  },
];

const INSTAGRAM_UNSENT = {
  sender: { id: "5510000000000011" },
  recipient: { id: "17841400000000001" },
  timestamp: 1795260000005,
  message: { mid: "aWdfZAG1fmsgMTc4NDE0MDAwMDAwMDAwMDE", is_deleted: true },
};

export const DELETED_EXAMPLE = {
  id: "evt_xZSF-YEVK4c8M4bWNCiUYDLmKE_UMNG-",
  type: "message.deleted",
  occurredAt: "2026-11-21T11:20:00.005Z",
  data: {
    platform: "instagram",
    channelId: "17841400000000001",
    userId: "5510000000000011",
    metaMessageId: INSTAGRAM_UNSENT.message.mid,
    timestamp: "2026-11-21T11:20:00.005Z",
    raw: INSTAGRAM_UNSENT,
  },
};
