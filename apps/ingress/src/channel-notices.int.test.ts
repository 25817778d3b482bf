import { randomBytes } from "node:crypto";
import type { ChannelEventType, RelayEvent } from "@meta-relay/core";
import {
  createChannelStore,
  createKeys,
  createTokenCipher,
  type ChannelStore,
} from "@meta-relay/store";
import {
  fromCustomer,
  messagingWebhook,
  startTestIngress,
  waitFor,
  type TestIngress,
} from "./testing";

// Meta's news about channels themselves, through the ingress: policy enforcement (both spellings
// of its key), WhatsApp account updates, the Instagram app secret, and the last webhook's time.

const IG_SECRET = "instagram-app-secret";

function enforcement(
  object: "page" | "instagram",
  channelId: string,
  body: Record<string, unknown>,
  key = "policy_enforcement",
) {
  return {
    object,
    entry: [
      {
        id: channelId,
        time: Date.now(),
        messaging: [{ recipient: { id: channelId }, timestamp: Date.now(), [key]: body }],
      },
    ],
  };
}

describe("ingress: channel notices", () => {
  let t: TestIngress;
  let channels: ChannelStore;
  const events = async (type: string): Promise<RelayEvent<ChannelEventType>[]> =>
    (await t.events.getJobs(["waiting", "delayed", "active", "completed", "failed"]))
      .map((job) => job.data as RelayEvent<ChannelEventType>)
      .filter((event) => event.type === type);

  beforeAll(async () => {
    t = await startTestIngress({
      env: { META_INSTAGRAM_APP_SECRET: `old-ig,${IG_SECRET}`, WEBHOOK_SILENCE_MINUTES: "0.1" },
    });
    channels = createChannelStore(
      t.redis,
      createKeys(t.config.redis.keyPrefix),
      createTokenCipher(randomBytes(32)),
    );
    for (const [platform, channelId] of [
      ["messenger", "page-a"],
      ["messenger", "page-b"],
      ["instagram", "ig-a"],
    ] as const) {
      await channels.put({
        platform,
        channelId,
        accessToken: "tok",
        ...(platform === "instagram" ? { pageId: "page-x" } : {}),
      });
    }
    for (const channelId of ["pn-1", "pn-2", "pn-other"]) {
      await channels.put({
        platform: "whatsapp",
        channelId,
        accessToken: "tok",
        wabaId: channelId === "pn-other" ? "waba-2" : "waba-1",
      });
    }
  });
  afterAll(() => t.close());

  it.each(["policy_enforcement", "policy-enforcement"])(
    "restricts a page on a %s block, once, and lifts it on unblock",
    async (key) => {
      const channelId = key === "policy_enforcement" ? "page-a" : "page-b";
      const ref = { platform: "messenger", channelId } as const;
      const block = enforcement(
        "page",
        channelId,
        { action: "block", reason: "Spam reports" },
        key,
      );
      expect((await t.post(block)).status).toBe(200);
      expect(await channels.get(ref)).toMatchObject({
        status: "restricted",
        restriction: { reason: "Spam reports", source: "policy_enforcement" },
      });
      // Meta redelivers: the same change, the same event id, one event.
      expect((await t.post(block)).status).toBe(200);
      const restricted = (await events("channel.restricted")).filter(
        (e) => e.data.channelId === channelId,
      );
      expect(restricted).toEqual([
        expect.objectContaining({
          data: {
            platform: "messenger",
            channelId,
            status: "restricted",
            reason: "Spam reports",
            source: "policy_enforcement",
            raw: block.entry[0]?.messaging[0],
          },
        }),
      ]);
      expect(
        (await t.post(enforcement("page", channelId, { action: "unblock" }, key))).status,
      ).toBe(200);
      expect((await channels.get(ref))?.status).toBe("active");
      const lifted = (await events("channel.unrestricted")).filter(
        (e) => e.data.channelId === channelId,
      );
      expect(lifted).toEqual([
        expect.objectContaining({
          data: expect.objectContaining({ status: "active", source: "policy_enforcement" }),
        }),
      ]);
    },
  );

  it("only announces a warning", async () => {
    const warning = enforcement("instagram", "ig-a", {
      action: "warning",
      reason: "Unusual activity",
    });
    expect((await t.post(warning, { secret: IG_SECRET })).status).toBe(200);
    expect((await channels.get({ platform: "instagram", channelId: "ig-a" }))?.status).toBe(
      "active",
    );
    expect(await events("channel.warning")).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({
          platform: "instagram",
          channelId: "ig-a",
          status: "active",
          reason: "Unusual activity",
        }),
      }),
    ]);
  });

  it("restricts every number of a WhatsApp business account on an account_update, with its end", async () => {
    const untilMs = Date.now() + 3 * 24 * 3_600_000;
    const update = {
      object: "whatsapp_business_account",
      entry: [
        {
          id: "waba-1",
          changes: [
            {
              field: "account_update",
              value: {
                event: "ACCOUNT_RESTRICTION",
                restriction_info: [
                  {
                    restriction_type: "RESTRICTED_CUSTOMER_INITIATED_MESSAGING",
                    expiration: Math.floor(untilMs / 1000),
                  },
                ],
              },
            },
          ],
        },
      ],
    };
    expect((await t.post(update)).status).toBe(200);
    for (const channelId of ["pn-1", "pn-2"]) {
      expect(await channels.get({ platform: "whatsapp", channelId })).toMatchObject({
        status: "restricted",
        restriction: {
          source: "account_update",
          reason: "RESTRICTED_CUSTOMER_INITIATED_MESSAGING",
          until: new Date(Math.floor(untilMs / 1000) * 1000).toISOString(),
        },
      });
    }
    expect((await channels.get({ platform: "whatsapp", channelId: "pn-other" }))?.status).toBe(
      "active",
    );
  });

  it("takes the Instagram app secret for Instagram webhooks only", async () => {
    const item = fromCustomer("ig-a", "igsid-1", Date.now(), {
      message: { mid: "ig-mid-1", text: "hi" },
    });
    const instagram = messagingWebhook("instagram", [{ id: "ig-a", messaging: [item] }]);
    expect((await t.post(instagram, { secret: IG_SECRET })).status).toBe(200);
    expect((await t.post(instagram, { secret: "old-ig" })).status).toBe(200);
    const page = messagingWebhook("page", [
      {
        id: "page-a",
        messaging: [fromCustomer("page-a", "psid-1", Date.now(), { message: { mid: "m-1" } })],
      },
    ]);
    expect((await t.post(page, { secret: IG_SECRET })).status).toBe(401);
    expect((await t.post(page)).status).toBe(200);
  });

  it("records the last webhook of a connected channel, and nothing for an unknown one", async () => {
    const ref = { platform: "messenger", channelId: "page-c" } as const;
    await channels.put({ ...ref, accessToken: "tok" });
    expect((await channels.get(ref))?.lastWebhookAt).toBeUndefined();
    const before = Date.now();
    const item = fromCustomer("page-c", "psid-2", Date.now(), { message: { mid: "m-2" } });
    expect(
      (await t.post(messagingWebhook("page", [{ id: "page-c", messaging: [item] }]))).status,
    ).toBe(200);
    // Written after the answer (off the hot path), at most once per channel per throttle period.
    await waitFor(async () => {
      const seen = (await channels.get(ref))?.lastWebhookAt;
      return seen !== undefined && Date.parse(seen) >= before;
    });
    const stranger = fromCustomer("page-zz", "psid-3", Date.now(), { message: { mid: "m-3" } });
    expect(
      (await t.post(messagingWebhook("page", [{ id: "page-zz", messaging: [stranger] }]))).status,
    ).toBe(200);
    expect(await channels.get({ platform: "messenger", channelId: "page-zz" })).toBeNull();
  });
});
