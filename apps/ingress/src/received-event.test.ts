import { receivedEventId } from "@meta-relay/queues";
import { receivedEvent } from "./received-event";

describe("receivedEvent", () => {
  it("builds the documented event from Meta's data alone", () => {
    const action = {
      type: "customer_action" as const,
      platform: "instagram" as const,
      channelId: "17841400000000001",
      userId: "5512345678901234",
      userIds: ["5512345678901234"],
      metaMessageId: "ig_1",
      kind: "message" as const,
      timestampMs: Date.parse("2026-11-21T09:14:03.250Z"),
      standby: true,
    };
    expect(receivedEvent(action)).toEqual({
      id: receivedEventId(action),
      type: "message.received",
      occurredAt: "2026-11-21T09:14:03.250Z",
      data: {
        platform: "instagram",
        channelId: "17841400000000001",
        userId: "5512345678901234",
        metaMessageId: "ig_1",
        kind: "message",
        timestamp: "2026-11-21T09:14:03.250Z",
      },
    });
    expect(receivedEvent(action)).toEqual(receivedEvent({ ...action }));
  });
});
