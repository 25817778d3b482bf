import { deletedEventId, editedEventId, receivedEventId } from "@meta-relay/queues";
import { inboundEvent } from "./inbound-events";

const AT = Date.parse("2026-11-21T09:14:03.250Z");

describe("inboundEvent", () => {
  it("builds the documented message.received from Meta's data alone", () => {
    const raw = { sender: { id: "5512345678901234" }, message: { mid: "ig_1", text: "hi" } };
    const action = {
      type: "customer_action" as const,
      platform: "instagram" as const,
      channelId: "17841400000000001",
      userId: "5512345678901234",
      userIds: ["5512345678901234"],
      metaMessageId: "ig_1",
      kind: "message" as const,
      timestampMs: AT,
      opensWindow: true,
      text: "hi",
      standby: true,
      raw,
    };
    expect(inboundEvent(action, AT + 1_000)).toEqual({
      id: receivedEventId(action),
      type: "message.received",
      occurredAt: "2026-11-21T09:14:03.250Z",
      data: {
        platform: "instagram",
        channelId: "17841400000000001",
        userId: "5512345678901234",
        metaMessageId: "ig_1",
        kind: "message",
        opensWindow: true,
        text: "hi",
        standby: true,
        timestamp: "2026-11-21T09:14:03.250Z",
        raw,
      },
    });
    expect(inboundEvent(action, AT + 1_000)).toEqual(inboundEvent({ ...action }, AT + 2_000));
  });

  it("reports a time Meta stamped in the future as the arrival", () => {
    const action = {
      type: "customer_action" as const,
      platform: "whatsapp" as const,
      channelId: "106540352242922",
      userId: "16505551234",
      userIds: ["16505551234", "US.1"],
      metaMessageId: "wamid.1",
      kind: "message" as const,
      timestampMs: AT + 365 * 86_400_000,
      opensWindow: true,
      raw: {},
    };
    const event = inboundEvent(action, AT);
    expect(event.occurredAt).toBe("2026-11-21T09:14:03.250Z");
    expect(event.data).toMatchObject({
      timestamp: "2026-11-21T09:14:03.250Z",
      userIds: ["16505551234", "US.1"],
    });
  });

  it("builds message.edited and message.deleted with ids of their own", () => {
    const base = { platform: "messenger" as const, channelId: "1", userId: "2", raw: { x: 1 } };
    const edit = {
      ...base,
      type: "customer_edit" as const,
      metaMessageId: "m_1",
      editId: "m_1#2",
      text: "fixed",
      timestampMs: AT,
    };
    const deletion = {
      ...base,
      type: "customer_deletion" as const,
      metaMessageId: "m_1",
      timestampMs: AT,
    };
    expect(inboundEvent(edit, AT)).toEqual({
      id: editedEventId(edit),
      type: "message.edited",
      occurredAt: "2026-11-21T09:14:03.250Z",
      data: {
        platform: "messenger",
        channelId: "1",
        userId: "2",
        metaMessageId: "m_1",
        text: "fixed",
        timestamp: "2026-11-21T09:14:03.250Z",
        raw: { x: 1 },
      },
    });
    expect(inboundEvent(deletion, AT)).toMatchObject({
      id: deletedEventId(deletion),
      type: "message.deleted",
    });
    expect(editedEventId(edit)).not.toBe(editedEventId({ ...edit, editId: "m_1#3" }));
    expect(deletedEventId(deletion)).not.toBe(editedEventId(edit));
  });
});
