import { signEventBody } from "@meta-relay/queues";
import { startEventsReceiver, type EventsReceiver } from "./events-receiver";

const SECRET = "events-secret-0123456789";
const event = {
  id: "evt_1",
  type: "message.sent",
  occurredAt: "2026-01-01T00:00:00.000Z",
  data: {
    id: "msg_1",
    platform: "messenger",
    channelId: "p1",
    userId: "u1",
    metaMessageId: "m_1",
    messagingType: "RESPONSE",
  },
};

describe("events receiver", () => {
  let receiver: EventsReceiver;
  beforeEach(async () => {
    receiver = await startEventsReceiver(SECRET);
  });
  afterEach(async () => {
    await receiver.close();
  });

  const post = (body: string, signature: string | null, url = receiver.url) =>
    fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(signature === null ? {} : { "x-relay-signature": signature }),
      },
      body,
    }).then((res) => res.status);

  it("accepts a signed event once, however often it is delivered", async () => {
    const seen: string[] = [];
    receiver.onEvent((e) => seen.push(e.id));
    const body = JSON.stringify(event);
    expect(await post(body, signEventBody(body, SECRET))).toBe(204);
    expect(await post(body, signEventBody(body, SECRET))).toBe(204);
    expect(seen).toEqual(["evt_1"]);
    expect(receiver.events).toEqual([event]);
    expect(receiver.refused()).toBe(0);
  });

  it("refuses a missing or wrong signature, and a body signed after a change", async () => {
    const body = JSON.stringify(event);
    expect(await post(body, null)).toBe(401);
    expect(await post(body, signEventBody(body, "another-secret-0123456"))).toBe(401);
    expect(await post(body.replace("RESPONSE", "MESSAGE_TAG"), signEventBody(body, SECRET))).toBe(
      401,
    );
    expect(receiver.events).toHaveLength(0);
    expect(receiver.refused()).toBe(3);
  });

  it("refuses a signed body that is not an event, and an oversized one", async () => {
    const notJson = "{nope";
    expect(await post(notJson, signEventBody(notJson, SECRET))).toBe(400);
    const unknownType = JSON.stringify({ ...event, type: "message.exploded" });
    expect(await post(unknownType, signEventBody(unknownType, SECRET))).toBe(400);
    const huge = JSON.stringify({ ...event, data: { pad: "x".repeat(300 * 1024) } });
    expect(await post(huge, signEventBody(huge, SECRET))).toBe(413);
    expect(receiver.events).toHaveLength(0);
  });

  it("answers 404 elsewhere", async () => {
    expect(await post("{}", null, receiver.url.replace("/events", "/other"))).toBe(404);
  });
});
