import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { createSimCustomers, type SimCustomers } from "./sim-customers";
import { startMetaSimulator } from "./simulator";
import type { MetaSimulator } from "./types";
import { waitFor } from "../testing";

const SECRET = "app-secret";
const HOUR = 3_600_000;
const PAGE = "page-1";
const IG = "ig-1";
const PHONE = "1065550001";
const TOKEN = "token";

/** Parsed webhook JSON: the assertions check its shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

/** A tiny ingress stand-in: verifies the signature over the raw bytes, then keeps the payload. */
interface Receiver {
  url: string;
  payloads: Loose[];
  raws: string[];
  answer: number;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const receiver = { payloads: [] as Loose[], raws: [] as string[], answer: 200 };
  const app = express();
  app.post("/webhooks/meta", express.raw({ type: () => true, limit: "3mb" }), (req, res) => {
    const raw = req.body as Buffer;
    const header = req.get("x-hub-signature-256") ?? "";
    const expected = createHmac("sha256", SECRET).update(raw).digest();
    const given = Buffer.from(header.replace(/^sha256=/, ""), "hex");
    const valid =
      header.startsWith("sha256=") &&
      given.length === expected.length &&
      timingSafeEqual(given, expected);
    if (!valid) {
      res.sendStatus(401);
      return;
    }
    receiver.raws.push(raw.toString("utf8"));
    receiver.payloads.push(JSON.parse(raw.toString("utf8")));
    res.sendStatus(receiver.answer);
  });
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

async function graphSend(sim: MetaSimulator, id: string, body: object): Promise<Loose> {
  const res = await fetch(`${sim.graphUrl}/v26.0/${id}/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

const pageText = (userId: string, metadata = "job-7") => ({
  recipient: { id: userId },
  messaging_type: "RESPONSE",
  message: { text: "Your parcel left", metadata },
});
const waText = (to: string) => ({
  messaging_product: "whatsapp",
  to,
  type: "text",
  text: { body: "Your parcel left" },
});

const messenger = (userId: string) => ({ platform: "messenger" as const, channelId: PAGE, userId });
const instagram = (userId: string) => ({ platform: "instagram" as const, channelId: IG, userId });
const whatsapp = (userId: string, bsuid?: string) => ({
  platform: "whatsapp" as const,
  channelId: PHONE,
  userId,
  ...(bsuid && { bsuid }),
});

describe("simulated customers: webhooks to the ingress", () => {
  let sim: MetaSimulator;
  let receiver: Receiver;
  let customers: SimCustomers;

  beforeAll(async () => {
    sim = await startMetaSimulator();
    sim.addChannel({ platform: "messenger", channelId: PAGE, accessToken: TOKEN });
    sim.addChannel({ platform: "instagram", channelId: IG, accessToken: TOKEN, pageId: "page-ig" });
    sim.addChannel({ platform: "whatsapp", channelId: PHONE, accessToken: TOKEN });
    receiver = await startReceiver();
    customers = createSimCustomers({ ingressUrl: receiver.url, appSecret: SECRET, simulator: sim });
  });
  afterAll(async () => {
    await customers.close();
    await receiver.close();
    await sim.close();
  });
  beforeEach(() => {
    receiver.payloads.length = 0;
    receiver.answer = 200;
    sim.reset();
  });

  it("posts a signed Messenger message at the chosen time and renews Meta's window", async () => {
    const atMs = Date.now() - 30 * HOUR;
    const post = await customers.message(messenger("psid-1"), {
      text: "where is my parcel?",
      atMs,
    });
    expect(post.status).toBe(200);
    expect(post.id).toMatch(/^m_/);
    expect(receiver.payloads[0]).toEqual({
      object: "page",
      entry: [
        {
          id: PAGE,
          time: expect.any(Number),
          messaging: [
            {
              sender: { id: "psid-1" },
              recipient: { id: PAGE },
              timestamp: atMs,
              message: { mid: post.id, text: "where is my parcel?" },
            },
          ],
        },
      ],
    });
    expect((await graphSend(sim, PAGE, pageText("psid-1"))).status).toBe(400);
    await customers.message(messenger("psid-1"), { text: "hello?" });
    expect((await graphSend(sim, PAGE, pageText("psid-1"))).status).toBe(200);
  });

  it("escapes non-ASCII text as Meta does, and the signature covers the raw bytes", async () => {
    const post = await customers.message(messenger("psid-2"), { text: "Grüße 📦" });
    expect(post.status).toBe(200);
    expect(receiver.raws[receiver.raws.length - 1]).toContain("Gr\\u00fc\\u00dfe \\ud83d\\udce6");
    expect(receiver.payloads[0].entry[0].messaging[0].message.text).toBe("Grüße 📦");
  });

  it("returns the ingress's status: a wrong or missing signature gets 401, a failing ingress 503", async () => {
    const payload = { object: "page", entry: [] };
    expect(
      (await customers.postRaw(payload, { signature: `sha256=${"0".repeat(64)}` })).status,
    ).toBe(401);
    expect((await customers.postRaw(payload, { signature: null })).status).toBe(401);
    expect((await customers.postRaw(payload)).status).toBe(200);
    receiver.answer = 503;
    expect((await customers.message(messenger("psid-3"))).status).toBe(503);
  });

  it("redelivers the same mid when asked", async () => {
    const first = await customers.message(messenger("psid-4"), { text: "hi" });
    const again = await customers.message(messenger("psid-4"), { text: "hi", id: first.id });
    expect(again.id).toBe(first.id);
    expect(receiver.payloads.map((p) => p.entry[0].messaging[0].message.mid)).toEqual([
      first.id,
      first.id,
    ]);
  });

  it("posts standby messages, postbacks, reactions and referrals, each opening the window", async () => {
    const old = Date.now() - 2 * HOUR;
    await customers.message(messenger("psid-5"), { text: "hi", standby: true, atMs: old });
    await customers.postback(messenger("psid-6"), {
      payload: "GET_STARTED",
      title: "Get started",
      atMs: old,
    });
    await customers.react(messenger("psid-7"), { to: "m_original", emoji: "👍", atMs: old });
    await customers.referral(instagram("igsid-1"), { ref: "promo", atMs: old });
    const [standby, postback, reaction, referral] = receiver.payloads;
    expect(standby.entry[0].standby[0]).toMatchObject({
      sender: { id: "psid-5" },
      message: { text: "hi" },
    });
    expect(standby.entry[0].messaging).toBeUndefined();
    expect(postback.entry[0].messaging[0].postback).toEqual({
      mid: expect.stringMatching(/^m_/),
      title: "Get started",
      payload: "GET_STARTED",
    });
    expect(reaction.entry[0].messaging[0].reaction).toEqual({
      mid: "m_original",
      action: "react",
      emoji: "👍",
      reaction: "like",
    });
    expect(referral.object).toBe("instagram");
    expect(referral.entry[0].messaging[0]).toMatchObject({
      sender: { id: "igsid-1" },
      recipient: { id: IG },
      referral: { ref: "promo", source: "SHORTLINK", type: "OPEN_THREAD" },
    });
    for (const userId of ["psid-5", "psid-6", "psid-7"]) {
      expect((await graphSend(sim, PAGE, pageText(userId))).status).toBe(200);
    }
    expect((await graphSend(sim, "page-ig", pageText("igsid-1"))).status).toBe(200);
  });

  it("posts delivery and read receipts (Messenger delivery/read, Instagram messaging_seen) without opening a window", async () => {
    const watermarkMs = Date.now() - HOUR;
    await customers.delivered(messenger("psid-8"), {
      ids: ["m_a", "m_b"],
      watermarkMs,
    });
    await customers.read(messenger("psid-8"), { ids: [], watermarkMs: watermarkMs + 500 });
    await customers.read(instagram("igsid-2"), { ids: ["m_c"] });
    const [delivery, read, seen] = receiver.payloads;
    expect(delivery.entry[0].messaging[0]).toMatchObject({
      sender: { id: "psid-8" },
      recipient: { id: PAGE },
      delivery: { mids: ["m_a", "m_b"], watermark: watermarkMs },
    });
    expect(read.entry[0].messaging[0].read).toEqual({ watermark: watermarkMs + 500 });
    expect(seen).toMatchObject({ object: "instagram" });
    expect(seen.entry[0].messaging[0].read).toEqual({ mid: "m_c" });
    expect((await graphSend(sim, PAGE, pageText("psid-8"))).status).toBe(400);
    await expect(customers.delivered(instagram("igsid-2"), { ids: ["m_c"] })).rejects.toThrow(
      /no delivered webhook on instagram/,
    );
  });

  it("posts WhatsApp messages in Meta's shape, with seconds as strings and both customer ids", async () => {
    const atMs = Date.now() - 3 * HOUR;
    const post = await customers.message(whatsapp("15550001111", "US.777"), { text: "hola", atMs });
    expect(post.id).toMatch(/^wamid\./);
    expect(receiver.payloads[0]).toEqual({
      object: "whatsapp_business_account",
      entry: [
        {
          id: expect.any(String),
          changes: [
            {
              field: "messages",
              value: {
                messaging_product: "whatsapp",
                metadata: { display_phone_number: expect.any(String), phone_number_id: PHONE },
                contacts: [
                  { profile: { name: "Sim Customer" }, wa_id: "15550001111", user_id: "US.777" },
                ],
                messages: [
                  {
                    from: "15550001111",
                    from_user_id: "US.777",
                    id: post.id,
                    timestamp: String(Math.floor(atMs / 1000)),
                    type: "text",
                    text: { body: "hola" },
                  },
                ],
              },
            },
          ],
        },
      ],
    });
    expect((await graphSend(sim, PHONE, waText("15550001111"))).status).toBe(200);
    const toBsuid = { ...waText(""), to: undefined, recipient: "US.777" };
    expect((await graphSend(sim, PHONE, toBsuid)).status).toBe(200);
  });

  it("does not treat a WhatsApp reaction as opening the window", async () => {
    await customers.message(whatsapp("15550002222"), { atMs: Date.now() - 25 * HOUR });
    await customers.react(whatsapp("15550002222"), { to: "wamid.x", emoji: "❤️" });
    expect(receiver.payloads[1].entry[0].changes[0].value.messages[0]).toMatchObject({
      type: "reaction",
      reaction: { message_id: "wamid.x", emoji: "❤️" },
    });
    const answer = await graphSend(sim, PHONE, waText("15550002222"));
    expect(answer.body.error.code).toBe(131047);
  });

  it("posts edits, deletions and group messages in Meta's shapes, none opening a window", async () => {
    const ig = { platform: "instagram" as const, channelId: IG, userId: "igsid-9" };
    await customers.edit(ig, { to: "m_orig", text: "fixed", atMs: Date.now() - 26 * HOUR });
    await customers.unsend(ig, { to: "m_orig" });
    expect(receiver.payloads[0].entry[0].messaging[0].message_edit).toEqual({
      mid: "m_orig",
      text: "fixed",
      num_edit: 1,
    });
    expect(receiver.payloads[1].entry[0].messaging[0].message).toEqual({
      mid: "m_orig",
      is_deleted: true,
    });
    const wa = whatsapp("15550004444");
    const edit = await customers.edit(wa, { to: "wamid.orig", text: "fixed" });
    await customers.unsend(wa, { to: "wamid.orig" });
    await customers.message(wa, { text: "hi all", groupId: "120363000000000009" });
    const messages = receiver.payloads
      .slice(2)
      .map((p: Loose) => p.entry[0].changes[0].value.messages[0]);
    expect(messages[0]).toMatchObject({
      id: edit.id,
      type: "edit",
      edit: {
        original_message_id: "wamid.orig",
        message: { type: "text", text: { body: "fixed" } },
      },
    });
    expect(messages[1]).toMatchObject({
      type: "revoke",
      revoke: { original_message_id: "wamid.orig" },
    });
    expect(messages[2]).toMatchObject({ group_id: "120363000000000009", type: "text" });
    expect((await graphSend(sim, PHONE, waText("15550004444"))).body.error.code).toBe(131047);
    const igSend = await graphSend(sim, "page-ig", pageText("igsid-9"));
    expect(igSend.body.error.error_subcode).toBe(2534022);
  });

  it("posts every WhatsApp content kind, and a sender named only in contacts", async () => {
    const file = sim.addMedia({ channelId: PHONE, mimeType: "application/pdf" });
    const who = { ...whatsapp("15550005555"), contactsOnly: true, username: "@bo" };
    await customers.batch([
      { kind: "message", who, media: { type: "document", id: file.id, filename: "a.pdf" } },
      { kind: "message", who, location: { latitude: 1.5, longitude: 2.5, name: "Shop" } },
      { kind: "message", who, button: { payload: "STOP", text: "Stop" }, replyTo: "wamid.ours" },
      { kind: "message", who, listReply: { id: "row-1", title: "Blue" } },
      { kind: "message", who, text: "from the ad", referral: { headline: "Spring" } },
    ]);
    const value = receiver.payloads[0].entry[0].changes[0].value;
    expect(value.contacts).toEqual([
      { profile: { name: "Sim Customer", username: "@bo" }, wa_id: "15550005555" },
    ]);
    const [doc, location, button, list, ad] = value.messages;
    expect(doc.from).toBeUndefined();
    expect(doc).toMatchObject({
      type: "document",
      document: { id: file.id, filename: "a.pdf", mime_type: "application/pdf" },
    });
    expect(location).toMatchObject({
      type: "location",
      location: { latitude: 1.5, longitude: 2.5 },
    });
    expect(button).toMatchObject({
      type: "button",
      button: { payload: "STOP", text: "Stop" },
      context: { id: "wamid.ours" },
    });
    expect(list).toMatchObject({
      interactive: { type: "list_reply", list_reply: { id: "row-1" } },
    });
    expect(ad.referral).toMatchObject({
      source_type: "ad",
      headline: "Spring",
      ctwa_clid: expect.any(String),
    });
  });

  it("posts WhatsApp statuses, failed ones with Meta's errors", async () => {
    const who = whatsapp("15550003333");
    for (const status of ["sent", "delivered", "read"] as const) {
      await customers.status(who, { id: "wamid.s1", status });
    }
    await customers.status(who, {
      id: "wamid.s2",
      status: "failed",
      errors: [{ code: 131047, title: "Re-engagement message" }],
    });
    const statuses = receiver.payloads.map((p) => p.entry[0].changes[0].value.statuses[0]);
    expect(statuses.map((s) => s.status)).toEqual(["sent", "delivered", "read", "failed"]);
    expect(statuses[0]).toMatchObject({
      id: "wamid.s1",
      recipient_id: "15550003333",
      timestamp: expect.stringMatching(/^\d+$/),
      pricing: { pricing_model: "PMP" },
    });
    expect(statuses[3].errors).toEqual([
      {
        code: 131047,
        title: "Re-engagement message",
        message: "Re-engagement message",
        error_data: { details: "Re-engagement message" },
      },
    ]);
    expect(receiver.payloads[0].entry[0].changes[0].value.messages).toBeUndefined();
  });

  it("batches events the way Meta does", async () => {
    const post = await customers.batch([
      { kind: "message", who: messenger("psid-9"), text: "one" },
      { kind: "message", who: messenger("psid-10"), text: "two" },
    ]);
    expect(post.ids).toHaveLength(2);
    expect(receiver.payloads[0].entry.map((e: Loose) => e.messaging[0].message.text)).toEqual([
      "one",
      "two",
    ]);
    await customers.batch([
      { kind: "message", who: whatsapp("15550004444"), text: "a" },
      { kind: "status", who: whatsapp("15550005555"), id: "wamid.q", status: "delivered" },
    ]);
    const value = receiver.payloads[1].entry[0].changes[0].value;
    expect([value.messages.length, value.statuses.length]).toEqual([1, 1]);
    await expect(
      customers.batch([
        { kind: "message", who: messenger("a") },
        { kind: "message", who: whatsapp("1") },
      ]),
    ).rejects.toThrow(/one platform/);
  });

  it("posts the echo of an accepted send with its metadata", async () => {
    await customers.message(messenger("psid-11"));
    const answer = await graphSend(sim, PAGE, pageText("psid-11", "job-42"));
    const send = sim.sends[sim.sends.length - 1]!;
    await customers.echo(send);
    expect(receiver.payloads[1].entry[0].messaging[0]).toEqual({
      sender: { id: PAGE },
      recipient: { id: "psid-11" },
      timestamp: expect.any(Number),
      message: {
        mid: answer.body.message_id,
        is_echo: true,
        app_id: expect.any(String),
        metadata: "job-42",
        text: "Your parcel left",
      },
    });
  });
});

describe("simulated customers: automatic follow-ups", () => {
  let receiver: Receiver;

  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver.close());
  beforeEach(() => {
    receiver.payloads.length = 0;
  });

  async function setUp(mode: "sync" | "async", followUps: boolean) {
    const sim = await startMetaSimulator({ whatsappWindowFailures: mode });
    sim.addChannel({ platform: "messenger", channelId: PAGE, accessToken: TOKEN });
    sim.addChannel({ platform: "whatsapp", channelId: PHONE, accessToken: TOKEN });
    const customers = createSimCustomers({
      ingressUrl: receiver.url,
      appSecret: SECRET,
      simulator: sim,
      followUps,
    });
    return { sim, customers };
  }

  it("echoes accepted Messenger sends and reports WhatsApp sends sent then delivered", async () => {
    const { sim, customers } = await setUp("sync", true);
    try {
      await customers.message(messenger("psid-1"));
      await customers.message(whatsapp("15550001111"));
      const page = await graphSend(sim, PAGE, pageText("psid-1", "job-1"));
      const wa = await graphSend(sim, PHONE, waText("15550001111"));
      await graphSend(sim, PAGE, pageText("stranger"));
      await customers.settled();
      const auto = customers.posts.filter((p) => p.auto);
      expect(auto.map((p) => [p.kinds[0], p.status])).toEqual([
        ["echo", 200],
        ["status", 200],
        ["status", 200],
      ]);
      const echo = receiver.payloads[2].entry[0].messaging[0].message;
      expect(echo).toMatchObject({ mid: page.body.message_id, is_echo: true, metadata: "job-1" });
      const statuses = receiver.payloads
        .slice(3)
        .map((p) => p.entry[0].changes[0].value.statuses[0]);
      expect(statuses.map((s) => [s.id, s.status])).toEqual([
        [wa.body.messages[0].id, "sent"],
        [wa.body.messages[0].id, "delivered"],
      ]);
    } finally {
      await customers.close();
      await sim.close();
    }
  });

  it("posts nothing after sends when follow-ups are off", async () => {
    const { sim, customers } = await setUp("sync", false);
    try {
      await customers.message(messenger("psid-2"));
      expect((await graphSend(sim, PAGE, pageText("psid-2"))).status).toBe(200);
      await customers.settled();
      expect(customers.posts.filter((p) => p.auto)).toHaveLength(0);
    } finally {
      await customers.close();
      await sim.close();
    }
  });

  it("async mode: a WhatsApp text at 25 h gets 200, then a failed status with 131047", async () => {
    const { sim, customers } = await setUp("async", false);
    try {
      await customers.message(whatsapp("15550002222"), { atMs: Date.now() - 25 * HOUR });
      const answer = await graphSend(sim, PHONE, waText("15550002222"));
      expect(answer.status).toBe(200);
      await waitFor(() => receiver.payloads.length === 2, 10_000);
      const status = receiver.payloads[1].entry[0].changes[0].value.statuses[0];
      expect(status).toMatchObject({
        id: answer.body.messages[0].id,
        status: "failed",
        recipient_id: "15550002222",
        errors: [{ code: 131047, title: "Re-engagement message" }],
      });
      expect(sim.refusals()).toBe(1);
    } finally {
      await customers.close();
      await sim.close();
    }
  });
});
