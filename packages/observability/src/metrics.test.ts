import { collectProcessMetrics, createMetrics } from "./metrics";

describe("createMetrics", () => {
  it("registers the catalog on its own registry so processes can hold several", async () => {
    const first = createMetrics();
    const second = createMetrics();
    first.webhooks.inc({ object: "page", outcome: "accepted" }, 3);
    collectProcessMetrics(first);
    const text = await first.registry.metrics();
    expect(text).toContain('relay_webhooks_total{object="page",outcome="accepted"} 3');
    expect(text).toContain("relay_process_resident_memory_bytes");
    expect(await second.registry.metrics()).not.toContain('outcome="accepted"} 3');
  });
});
