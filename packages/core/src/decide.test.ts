import { MESSAGE_KINDS, type MessageKind } from "./content";
import { ageBand, decide, decideSenderAction, type Decision, type DecisionInput } from "./decide";
import type { SenderType } from "./message";
import type { Platform } from "./platform";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "./time";

const NOW = Date.parse("2026-11-21T12:00:00Z");
const MARGIN = 60_000;
const base: DecisionInput = {
  platform: "messenger",
  kind: "text",
  sender: "agent",
  humanAgent: false,
  lastCustomerMessageAt: NOW - HOUR_MS,
  now: NOW,
  marginMs: MARGIN,
};

describe("decide", () => {
  it("sends a reply inside the standard window as RESPONSE", () => {
    expect(decide(base)).toEqual({ outcome: "send", messagingType: "RESPONSE" });
  });

  it("applies the safety margin at the 24 h boundary, to the millisecond", () => {
    const edge = NOW - (DAY_MS - MARGIN);
    expect(decide({ ...base, lastCustomerMessageAt: edge })).toEqual({
      outcome: "send",
      messagingType: "RESPONSE",
    });
    expect(decide({ ...base, lastCustomerMessageAt: edge - 1 })).toEqual({
      outcome: "refuse",
      reason: "window_closed",
    });
  });
});

// --- the decision table of product.md, written out cell by cell --------------------------------

type Band = "standard" | "human_agent" | "expired" | "never";
const BANDS: Band[] = ["standard", "human_agent", "expired", "never"];

const RESPONSE: Decision = { outcome: "send", messagingType: "RESPONSE" };
const TAGGED: Decision = { outcome: "send", messagingType: "MESSAGE_TAG", tag: "HUMAN_AGENT" };
const SERVICE: Decision = { outcome: "send", messagingType: "SERVICE" };
const TEMPLATE: Decision = { outcome: "send", messagingType: "TEMPLATE" };
const UTILITY: Decision = { outcome: "send", messagingType: "UTILITY" };
const refuse = (reason: string): Decision => ({ outcome: "refuse", reason }) as Decision;
const CLOSED = refuse("window_closed");
const BOT_LATE = refuse("automated_reply_outside_window");
const HUMAN_CLOSED = refuse("human_agent_window_closed");
const NEVER = refuse("no_customer_message");

interface Row {
  platforms: Platform[];
  kinds: MessageKind[];
  senders: SenderType[];
  humanAgent: boolean[];
  /** Outcome per band, in the order of BANDS. */
  outcomes: [Decision, Decision, Decision, Decision];
}

const MESSENGER_LIKE: Platform[] = ["messenger", "instagram"];
/** Every kind but a template is free-form and follows the table exactly as text does. */
const FREE_FORM: MessageKind[] = MESSAGE_KINDS.filter((kind) => kind !== "template");

const TABLE: Row[] = [
  {
    platforms: MESSENGER_LIKE,
    kinds: FREE_FORM,
    senders: ["bot"],
    humanAgent: [true],
    outcomes: [RESPONSE, BOT_LATE, CLOSED, NEVER],
  },
  {
    platforms: MESSENGER_LIKE,
    kinds: FREE_FORM,
    senders: ["bot"],
    humanAgent: [false],
    outcomes: [RESPONSE, CLOSED, CLOSED, NEVER],
  },
  {
    platforms: MESSENGER_LIKE,
    kinds: FREE_FORM,
    senders: ["agent"],
    humanAgent: [true],
    outcomes: [RESPONSE, TAGGED, HUMAN_CLOSED, NEVER],
  },
  {
    platforms: MESSENGER_LIKE,
    kinds: FREE_FORM,
    senders: ["agent"],
    humanAgent: [false],
    outcomes: [RESPONSE, CLOSED, CLOSED, NEVER],
  },
  {
    // Messenger utility templates, at any age (the API lets only utilityMessages pages queue one).
    platforms: MESSENGER_LIKE,
    kinds: ["template"],
    senders: ["agent", "bot"],
    humanAgent: [true, false],
    outcomes: [UTILITY, UTILITY, UTILITY, UTILITY],
  },
  {
    platforms: ["whatsapp"],
    kinds: FREE_FORM,
    senders: ["agent", "bot"],
    humanAgent: [true, false],
    outcomes: [SERVICE, CLOSED, CLOSED, NEVER],
  },
  {
    platforms: ["whatsapp"],
    kinds: ["template"],
    senders: ["agent", "bot"],
    humanAgent: [true, false],
    outcomes: [TEMPLATE, TEMPLATE, TEMPLATE, TEMPLATE],
  },
];

/** Ages (ms) inside each band, margin included; the extremes are the exact boundaries. */
const AGES: Record<Band, (number | null)[]> = {
  standard: [0, MINUTE_MS, 23 * HOUR_MS, DAY_MS - MARGIN],
  human_agent: [DAY_MS - MARGIN + 1, 30 * HOUR_MS, 6 * DAY_MS + 23 * HOUR_MS, 7 * DAY_MS - MARGIN],
  expired: [7 * DAY_MS - MARGIN + 1, 7 * DAY_MS + HOUR_MS, 30 * DAY_MS],
  never: [null],
};

function cells() {
  const out: [string, DecisionInput, Decision][] = [];
  for (const row of TABLE) {
    for (const platform of row.platforms)
      for (const kind of row.kinds)
        for (const sender of row.senders)
          for (const humanAgent of row.humanAgent)
            BANDS.forEach((band, i) => {
              for (const age of AGES[band]) {
                const input: DecisionInput = {
                  platform,
                  kind,
                  sender,
                  humanAgent,
                  lastCustomerMessageAt: age === null ? null : NOW - age,
                  now: NOW,
                  marginMs: MARGIN,
                };
                const name = `${platform} ${kind} ${sender} humanAgent=${humanAgent} ${band} age=${age ?? "never"}`;
                out.push([name, input, row.outcomes[i] as Decision]);
              }
            });
  }
  return out;
}

describe("decide: every cell of the decision table", () => {
  const all = cells();

  it("covers every platform × kind × sender × humanAgent × band", () => {
    const combos = new Set(
      all.map(([, i]) =>
        [
          i.platform,
          i.kind,
          i.sender,
          i.humanAgent,
          ageBand(i.lastCustomerMessageAt, i.now, i.marginMs),
        ].join("|"),
      ),
    );
    expect(combos.size).toBe(3 * MESSAGE_KINDS.length * 2 * 2 * 4);
  });

  it.each(all)("%s", (_name, input, expected) => {
    expect(decide(input)).toEqual(expected);
  });
});

describe("decide: boundaries", () => {
  const STD_EDGE = DAY_MS - MARGIN;
  const HA_EDGE = 7 * DAY_MS - MARGIN;
  const at = (age: number, overrides: Partial<DecisionInput> = {}) =>
    decide({ ...base, lastCustomerMessageAt: NOW - age, ...overrides });

  it.each([
    ["messenger", "agent", true, STD_EDGE - 1, RESPONSE],
    ["messenger", "agent", true, STD_EDGE, RESPONSE],
    ["messenger", "agent", true, STD_EDGE + 1, TAGGED],
    ["messenger", "bot", true, STD_EDGE + 1, BOT_LATE],
    ["messenger", "agent", true, HA_EDGE - 1, TAGGED],
    ["messenger", "agent", true, HA_EDGE, TAGGED],
    ["messenger", "agent", true, HA_EDGE + 1, HUMAN_CLOSED],
    ["instagram", "agent", true, HA_EDGE + 1, HUMAN_CLOSED],
    ["instagram", "bot", true, HA_EDGE + 1, CLOSED],
    ["instagram", "agent", false, STD_EDGE + 1, CLOSED],
    ["whatsapp", "agent", false, STD_EDGE, SERVICE],
    ["whatsapp", "agent", false, STD_EDGE + 1, CLOSED],
  ] as const)("%s %s humanAgent=%s at age %d ms", (platform, sender, humanAgent, age, want) => {
    expect(at(age, { platform, sender, humanAgent })).toEqual(want);
  });

  it("keeps WhatsApp templates sendable on both sides of every boundary", () => {
    for (const age of [STD_EDGE, STD_EDGE + 1, HA_EDGE, HA_EDGE + 1]) {
      expect(at(age, { platform: "whatsapp", kind: "template" })).toEqual(TEMPLATE);
    }
  });

  it("treats the window as closing exactly at Meta's deadline when the margin is 0", () => {
    expect(at(DAY_MS, { marginMs: 0 })).toEqual(RESPONSE);
    expect(at(DAY_MS + 1, { marginMs: 0 })).toEqual(CLOSED);
  });

  it("moves the boundary with a larger margin", () => {
    const margin = 10 * MINUTE_MS;
    expect(at(DAY_MS - margin, { marginMs: margin })).toEqual(RESPONSE);
    expect(at(DAY_MS - margin + 1, { marginMs: margin })).toEqual(CLOSED);
  });

  it("counts a customer action stamped in the future (clock skew) as just now", () => {
    expect(at(-5 * MINUTE_MS)).toEqual(RESPONSE);
    expect(ageBand(NOW + MINUTE_MS, NOW, MARGIN)).toBe("standard");
  });
});

describe("decideSenderAction", () => {
  const at = (age: number | null) =>
    decideSenderAction({
      lastCustomerMessageAt: age === null ? null : NOW - age,
      now: NOW,
      marginMs: MARGIN,
    });

  it("allows typing and seen inside the standard window only, margin included", () => {
    expect(at(HOUR_MS)).toEqual({ outcome: "send" });
    expect(at(DAY_MS - MARGIN)).toEqual({ outcome: "send" });
    expect(at(DAY_MS - MARGIN + 1)).toEqual({ outcome: "refuse", reason: "window_closed" });
    expect(at(30 * HOUR_MS)).toEqual({ outcome: "refuse", reason: "window_closed" });
    expect(at(null)).toEqual({ outcome: "refuse", reason: "no_customer_message" });
  });
});
