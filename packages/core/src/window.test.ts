import { DAY_MS, HOUR_MS } from "./time";
import { describeWindow, type WindowInput } from "./window";

const NOW = Date.parse("2026-11-21T12:00:00.000Z");
const MARGIN = 60_000;
const input = (overrides: Partial<WindowInput>): WindowInput => ({
  platform: "messenger",
  humanAgent: false,
  lastCustomerMessageAt: NOW - HOUR_MS,
  now: NOW,
  marginMs: MARGIN,
  ...overrides,
});

describe("describeWindow", () => {
  it("gives Meta's own deadlines as ISO-8601, without the margin", () => {
    const last = Date.parse("2026-11-20T09:14:03.000Z");
    const doc = describeWindow(input({ lastCustomerMessageAt: last, humanAgent: true }));
    expect(doc.lastCustomerMessageAt).toBe("2026-11-20T09:14:03.000Z");
    expect(doc.standardWindowEndsAt).toBe("2026-11-21T09:14:03.000Z");
    expect(doc.humanAgentWindowEndsAt).toBe("2026-11-27T09:14:03.000Z");
  });

  it("is all null and closed when the customer never wrote", () => {
    expect(describeWindow(input({ lastCustomerMessageAt: null, humanAgent: true }))).toEqual({
      lastCustomerMessageAt: null,
      standardWindowEndsAt: null,
      humanAgentWindowEndsAt: null,
      canSend: { bot: false, agent: false, template: false },
    });
  });

  it("lets a WhatsApp template through even when the customer never wrote", () => {
    const doc = describeWindow(input({ platform: "whatsapp", lastCustomerMessageAt: null }));
    expect(doc.canSend).toEqual({ bot: false, agent: false, template: true });
  });

  it("gives humanAgentWindowEndsAt only to a channel with humanAgent, never on WhatsApp", () => {
    expect(describeWindow(input({ humanAgent: false })).humanAgentWindowEndsAt).toBeNull();
    expect(describeWindow(input({ humanAgent: true })).humanAgentWindowEndsAt).not.toBeNull();
    expect(
      describeWindow(input({ platform: "whatsapp", humanAgent: true })).humanAgentWindowEndsAt,
    ).toBeNull();
  });

  it.each([
    ["messenger", false, HOUR_MS, { bot: true, agent: true, template: false }],
    ["messenger", true, 30 * HOUR_MS, { bot: false, agent: true, template: false }],
    ["messenger", false, 30 * HOUR_MS, { bot: false, agent: false, template: false }],
    ["instagram", true, 8 * DAY_MS, { bot: false, agent: false, template: false }],
    ["whatsapp", false, HOUR_MS, { bot: true, agent: true, template: true }],
    ["whatsapp", true, 30 * HOUR_MS, { bot: false, agent: false, template: true }],
  ] as const)("%s humanAgent=%s at %d ms: canSend %j", (platform, humanAgent, age, canSend) => {
    const doc = describeWindow(input({ platform, humanAgent, lastCustomerMessageAt: NOW - age }));
    expect(doc.canSend).toEqual(canSend);
  });

  it("applies the safety margin to canSend but not to the deadlines", () => {
    const last = NOW - (DAY_MS - MARGIN) - 1;
    const doc = describeWindow(input({ lastCustomerMessageAt: last }));
    expect(doc.canSend.agent).toBe(false);
    expect(Date.parse(doc.standardWindowEndsAt ?? "")).toBeGreaterThan(NOW);
  });
});
