import type { MessageReceivedData } from "@meta-relay/core";
import { describeReceived } from "./received-format";

const base: MessageReceivedData = {
  platform: "whatsapp",
  channelId: "106555000000003",
  userId: "15550001001",
  metaMessageId: "wamid.1",
  kind: "message",
  opensWindow: true,
  timestamp: "2026-01-01T00:00:00.000Z",
  raw: {},
};

describe("describeReceived", () => {
  it("names the kind, the window and every field an agent would see", () => {
    expect(
      describeReceived({
        ...base,
        text: "This is how the box arrived",
        attachments: [{ type: "image", mediaId: "1037543291543636", caption: "x" }],
        profile: { name: "Carla" },
      }),
    ).toBe(
      'message · opens the window · "This is how the box arrived" · image (media 1037543291543636) · from Carla',
    );
    expect(
      describeReceived({
        ...base,
        kind: "reaction",
        opensWindow: false,
        text: "👍",
        reaction: { emoji: "👍", action: "react", targetMetaMessageId: "wamid.0" },
      }),
    ).toBe("reaction · opens no window · react 👍");
    expect(
      describeReceived({
        ...base,
        platform: "instagram",
        text: "Love it",
        replyTo: { story: { id: "1" } },
        payload: "P",
      }),
    ).toBe('message · opens the window · "Love it" · payload P · reply to a story');
  });
});
