import type { ListContent, MessageContent } from "./content";
import { channelCarries } from "./content-limits";
import { contentProblems } from "./content-rules";
import type { Platform } from "./platform";

const paths = (platform: Platform, content: MessageContent) =>
  contentProblems(platform, content).map((p) => p.path.join("."));

const replies = (n: number, title = "Yes") =>
  Array.from({ length: n }, (_, i) => ({ title: `${title}${i}`, payload: `P${i}` }));

describe("contentProblems: which platform carries which kind", () => {
  const samples: Record<string, MessageContent> = {
    text: { text: "hi" },
    attachment: { attachment: { type: "image", url: "https://x.test/a.png" } },
    buttons: {
      buttons: { text: "Pick", buttons: [{ type: "postback", title: "A", payload: "a" }] },
    },
    list: {
      list: { text: "Pick", button: "Open", sections: [{ rows: [{ id: "r", title: "R" }] }] },
    },
    reaction: { reaction: { metaMessageId: "mid.1", emoji: "👍" } },
    location: { location: { latitude: 1, longitude: 2 } },
    template: { template: { name: "t", language: "en_US" } },
    raw: { raw: { text: "hi" } },
  };
  const carried: Record<Platform, string[]> = {
    messenger: ["text", "attachment", "buttons", "reaction", "template", "raw"],
    instagram: ["text", "attachment", "reaction", "raw"],
    whatsapp: Object.keys(samples),
  };

  it.each(Object.entries(carried))("%s", (platform, kinds) => {
    for (const [kind, content] of Object.entries(samples)) {
      const found = paths(platform as Platform, content);
      if (kinds.includes(kind)) expect(found).toEqual([]);
      else expect(found).toEqual([`message.${kind}`]);
    }
  });

  it("lets a Messenger template through only on a utilityMessages page", () => {
    expect(channelCarries({ platform: "messenger", utilityMessages: true }, "template")).toBe(true);
    expect(channelCarries({ platform: "messenger", utilityMessages: false }, "template")).toBe(
      false,
    );
    expect(channelCarries({ platform: "whatsapp", utilityMessages: false }, "template")).toBe(true);
    expect(channelCarries({ platform: "instagram", utilityMessages: true }, "template")).toBe(
      false,
    );
  });
});

describe("contentProblems: Meta's limits, in Meta's unit", () => {
  it("counts Instagram text in UTF-8 bytes, Messenger in characters, WhatsApp up to 4096", () => {
    expect(paths("instagram", { text: "a".repeat(1000) })).toEqual([]);
    expect(paths("instagram", { text: "a".repeat(1001) })).toEqual(["message.text"]);
    // 334 three-byte characters are 1002 bytes: too long for Instagram, short for Messenger.
    expect(paths("instagram", { text: "€".repeat(334) })).toEqual(["message.text"]);
    expect(paths("messenger", { text: "€".repeat(334) })).toEqual([]);
    expect(paths("messenger", { text: "a".repeat(1999) })).toEqual([]);
    expect(paths("messenger", { text: "a".repeat(2000) })).toEqual(["message.text"]);
    expect(paths("whatsapp", { text: "a".repeat(4096) })).toEqual([]);
    expect(paths("whatsapp", { text: "a".repeat(4097) })).toEqual(["message.text"]);
  });

  it("limits quick replies per platform (13 and 20 characters; WhatsApp 3 buttons)", () => {
    expect(paths("messenger", { text: "?", quickReplies: replies(13) })).toEqual([]);
    expect(paths("messenger", { text: "?", quickReplies: replies(14) })).toEqual([
      "message.quickReplies",
    ]);
    const long = [{ title: "a".repeat(21), payload: "p" }];
    expect(paths("instagram", { text: "?", quickReplies: long })).toEqual([
      "message.quickReplies.0.title",
    ]);
    expect(paths("whatsapp", { text: "?", quickReplies: replies(3) })).toEqual([]);
    expect(paths("whatsapp", { text: "?", quickReplies: replies(4) })).toEqual([
      "message.quickReplies",
    ]);
    // A WhatsApp text with replies becomes an interactive body: 1024 characters.
    expect(paths("whatsapp", { text: "a".repeat(1025), quickReplies: replies(1) })).toEqual([
      "message.text",
    ]);
  });

  it("refuses a fourth button, a long title and mixed WhatsApp buttons", () => {
    const four = Array.from({ length: 4 }, (_, i) => ({
      type: "postback" as const,
      title: `B${i}`,
      payload: `b${i}`,
    }));
    expect(paths("messenger", { buttons: { text: "Pick", buttons: four } })).toEqual([
      "message.buttons.buttons",
    ]);
    expect(paths("whatsapp", { buttons: { text: "Pick", buttons: four } })).toEqual([
      "message.buttons.buttons",
    ]);
    const mixed = [
      { type: "url" as const, title: "Site", url: "https://x.test" },
      { type: "postback" as const, title: "Call", payload: "c" },
    ];
    expect(paths("whatsapp", { buttons: { text: "Pick", buttons: mixed } })).toEqual([
      "message.buttons.buttons",
    ]);
    expect(paths("messenger", { buttons: { text: "Pick", buttons: mixed } })).toEqual([]);
    const dup = [
      { type: "postback" as const, title: "Same", payload: "a" },
      { type: "postback" as const, title: "Same", payload: "a" },
    ];
    expect(paths("whatsapp", { buttons: { text: "Pick", buttons: dup } })).toEqual([
      "message.buttons.buttons.1.title",
      "message.buttons.buttons.1.payload",
    ]);
    expect(paths("messenger", { buttons: { text: "a".repeat(641), buttons: dup } })).toEqual([
      "message.buttons.text",
    ]);
  });

  it("limits WhatsApp lists: 10 rows in all, titles, section titles", () => {
    const rows = (n: number, from = 0) =>
      Array.from({ length: n }, (_, i) => ({ id: `r${from + i}`, title: `Row ${from + i}` }));
    const list = (sections: ListContent["list"]["sections"]) =>
      paths("whatsapp", { list: { text: "Pick", button: "Open", sections } });
    expect(
      list([
        { title: "A", rows: rows(5) },
        { title: "B", rows: rows(5, 5) },
      ]),
    ).toEqual([]);
    expect(
      list([
        { title: "A", rows: rows(6) },
        { title: "B", rows: rows(5, 6) },
      ]),
    ).toEqual(["message.list.sections"]);
    expect(list([{ rows: rows(1) }, { title: "B", rows: rows(1, 1) }])).toEqual([
      "message.list.sections.0.title",
    ]);
    expect(
      list([{ rows: [{ id: "x", title: "a".repeat(25), description: "d".repeat(73) }] }]),
    ).toEqual([
      "message.list.sections.0.rows.0.title",
      "message.list.sections.0.rows.0.description",
    ]);
    expect(
      list([
        {
          rows: [
            { id: "x", title: "a" },
            { id: "x", title: "b" },
          ],
        },
      ]),
    ).toEqual(["message.list.sections.0.rows.1.id"]);
  });

  it("keeps captions and file names to WhatsApp", () => {
    const image = { type: "image" as const, url: "https://x.test/a.png", caption: "Look" };
    expect(paths("whatsapp", { attachment: image })).toEqual([]);
    expect(paths("messenger", { attachment: image })).toEqual(["message.attachment.caption"]);
    expect(
      paths("whatsapp", {
        attachment: { type: "audio", url: "https://x.test/a.ogg", caption: "x" },
      }),
    ).toEqual(["message.attachment.caption"]);
    expect(
      paths("whatsapp", {
        attachment: { type: "image", url: "https://x.test/a.png", filename: "a.png" },
      }),
    ).toEqual(["message.attachment.filename"]);
  });

  it("refuses a raw WhatsApp template, fields the relay writes, and a reply on a reaction", () => {
    expect(paths("whatsapp", { raw: { type: "template", template: {} } })).toEqual([
      "message.raw.type",
    ]);
    expect(paths("whatsapp", { raw: { type: "text", to: "1" } })).toEqual(["message.raw.to"]);
    expect(paths("messenger", { raw: { text: "x", metadata: "y" } })).toEqual([
      "message.raw.metadata",
    ]);
    expect(
      paths("whatsapp", {
        reaction: { metaMessageId: "wamid.1", emoji: "👍" },
        replyTo: { metaMessageId: "wamid.1" },
      }),
    ).toEqual(["replyTo"]);
    expect(paths("whatsapp", { text: "x", replyTo: { metaMessageId: "wamid.1" } })).toEqual([]);
  });
});
