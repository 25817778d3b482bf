import type { CustomerAction } from "@meta-relay/core";
import { normaliseWebhook } from "./normalise";

const IG = "17841400000000001";
const IGSID = "5512345678901234";
const T = 1_763_726_400_500;

function item(fields: Record<string, unknown>, timestamp = T, fromCustomer = true) {
  return {
    sender: { id: fromCustomer ? IGSID : IG },
    recipient: { id: fromCustomer ? IG : IGSID },
    timestamp,
    ...fields,
  };
}

describe("normaliseWebhook: Instagram", () => {
  it("normalises messages, story replies and mentions of several entries", () => {
    const result = normaliseWebhook({
      object: "instagram",
      entry: [
        {
          id: IG,
          time: T,
          messaging: [item({ message: { mid: "ig_1", text: "hi" } })],
        },
        {
          id: IG,
          time: T,
          messaging: [
            item(
              {
                message: {
                  mid: "ig_2",
                  text: "love this",
                  reply_to: { story: { id: "st_1", url: "https://cdn.example/st" } },
                },
              },
              T + 1,
            ),
            item(
              {
                message: {
                  mid: "ig_3",
                  attachments: [{ type: "story_mention", payload: { url: "https://cdn/x" } }],
                },
              },
              T + 2,
            ),
          ],
        },
      ],
    });
    expect(result.platform).toBe("instagram");
    expect(result.items).toHaveLength(3);
    for (const action of result.items as CustomerAction[]) {
      expect(action).toMatchObject({
        type: "customer_action",
        platform: "instagram",
        channelId: IG,
        userId: IGSID,
        kind: "message",
      });
    }
    expect((result.items[2] as CustomerAction).attachments).toEqual([
      { type: "story_mention", url: "https://cdn/x" },
    ]);
    expect((result.items[1] as CustomerAction).replyTo).toEqual({
      story: { id: "st_1", url: "https://cdn.example/st" },
    });
  });

  it("turns messaging_seen and echoes into status and echo items", () => {
    const result = normaliseWebhook({
      object: "instagram",
      entry: [
        {
          id: IG,
          time: T,
          messaging: [
            item({ read: { mid: "ig_out_1" } }, T + 10),
            item(
              {
                message: { mid: "ig_out_2", is_echo: true, text: "on its way", metadata: "msg_x" },
              },
              T + 11,
              false,
            ),
          ],
        },
      ],
    });
    expect(result.items).toEqual([
      {
        type: "status",
        platform: "instagram",
        channelId: IG,
        userId: IGSID,
        status: "read",
        metaMessageIds: ["ig_out_1"],
        watermarkMs: undefined,
        timestampMs: T + 10,
      },
      {
        type: "echo",
        platform: "instagram",
        channelId: IG,
        userId: IGSID,
        metaMessageId: "ig_out_2",
        metadata: "msg_x",
        timestampMs: T + 11,
      },
    ]);
  });

  it("opens the window on react, not on unreact, also under standby", () => {
    const result = normaliseWebhook({
      object: "instagram",
      entry: [
        {
          id: IG,
          time: T,
          standby: [
            item({ reaction: { mid: "ig_out", action: "react", reaction: "love", emoji: "❤" } }),
            item({ reaction: { mid: "ig_out", action: "unreact" } }, T + 1),
            item({ postback: { mid: "ig_pb", title: "Yes", payload: "YES" } }, T + 2),
          ],
        },
      ],
    });
    expect(result.items.map((i) => (i.type === "customer_action" ? i.kind : i.type))).toEqual([
      "reaction",
      "reaction",
      "postback",
    ]);
    expect(result.items[0]).toMatchObject({ standby: true, timestampMs: T, opensWindow: true });
    expect(result.items[1]).toMatchObject({
      standby: true,
      opensWindow: false,
      reaction: { action: "unreact", targetMetaMessageId: "ig_out" },
    });
    expect(result.items[2]).toMatchObject({ standby: true, metaMessageId: "ig_pb" });
  });

  it("counts comments as acknowledged changes, never as customer actions", () => {
    const result = normaliseWebhook({
      object: "instagram",
      entry: [
        {
          id: IG,
          time: T,
          changes: [{ field: "comments", value: { id: "c1", text: "nice" } }],
        },
      ],
    });
    expect(result.items).toEqual([
      { type: "ignored", platform: "instagram", channelId: IG, kind: "change" },
    ]);
  });
});
