import { MAX_COMPONENT_DEPTH, messageBodySchema } from "./schemas";

function nested(depth: number): unknown {
  let value: unknown = "x";
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

const body = (components: unknown[]) => ({
  channel: { platform: "whatsapp", id: "106540000000001" },
  recipient: { id: "15550000001" },
  sender: { type: "bot" },
  message: { template: { name: "order_update", language: "en_US", components } },
});

describe("template components", () => {
  it("accepts WhatsApp's usual shapes", () => {
    const components = [
      {
        type: "body",
        parameters: [{ type: "currency", currency: { fallback_value: "$10", code: "USD" } }],
      },
    ];
    expect(messageBodySchema.safeParse(body(components)).success).toBe(true);
  });

  it("refuses components nested deeper than the limit, however deep, without overflowing", () => {
    for (const depth of [MAX_COMPONENT_DEPTH, 50_000]) {
      const result = messageBodySchema.safeParse(body([nested(depth)]));
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(["message", "template", "components"]);
    }
  });
});
