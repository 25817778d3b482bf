import { CountingStatusSink, statusItemKind } from "./status-sink";

describe("CountingStatusSink", () => {
  it("counts status items by kind and echoes apart", async () => {
    const sink = new CountingStatusSink();
    const base = { platform: "whatsapp" as const, channelId: "1", timestampMs: 1 };
    await sink.apply([
      { ...base, type: "status", status: "delivered", metaMessageIds: ["a"] },
      { ...base, type: "status", status: "delivered", metaMessageIds: ["b"] },
      { ...base, type: "status", status: "failed", metaMessageIds: ["c"] },
      { ...base, platform: "messenger", type: "echo", userId: "u", metaMessageId: "m" },
    ]);
    expect(sink.count("status_delivered")).toBe(2);
    expect(sink.count("status_failed")).toBe(1);
    expect(sink.count("echo")).toBe(1);
    expect(sink.count("status_read")).toBe(0);
  });

  it("names the kinds the metrics use", () => {
    expect(
      statusItemKind({
        type: "echo",
        platform: "instagram",
        channelId: "1",
        userId: "u",
        metaMessageId: "m",
        timestampMs: 1,
      }),
    ).toBe("echo");
  });
});
