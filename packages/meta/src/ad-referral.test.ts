import type { CustomerAction } from "@meta-relay/core";
import { normaliseWebhook } from "./normalise";

const PAGE = "104512345678901";
const PSID = "6789012345678901";
const T = Date.now();

function messageWith(message: Record<string, unknown>) {
  return {
    object: "page",
    entry: [
      {
        id: PAGE,
        time: T,
        messaging: [{ sender: { id: PSID }, recipient: { id: PAGE }, timestamp: T, message }],
      },
    ],
  };
}

describe("a message from a click-to-Messenger ad", () => {
  it("carries Meta's referral, the ad id as a string", () => {
    const { items } = normaliseWebhook(
      messageWith({
        mid: "m_ad",
        text: "Is this still available?",
        referral: {
          ref: "spring",
          ad_id: 6045246247433,
          source: "ADS",
          type: "OPEN_THREAD",
          ads_context_data: { ad_title: "Spring sale" },
        },
      }),
    );
    const [action] = items as CustomerAction[];
    expect(action?.kind).toBe("message");
    expect(action?.referral).toEqual({
      source: "ADS",
      type: "OPEN_THREAD",
      ref: "spring",
      adId: "6045246247433",
      headline: "Spring sale",
    });
  });

  it("has no referral when Meta sent none, or one without a source", () => {
    const plain = normaliseWebhook(messageWith({ mid: "m_1", text: "hi" }));
    expect((plain.items[0] as CustomerAction).referral).toBeUndefined();
    const odd = normaliseWebhook(messageWith({ mid: "m_2", text: "hi", referral: { ref: "x" } }));
    expect((odd.items[0] as CustomerAction).referral).toBeUndefined();
  });
});
