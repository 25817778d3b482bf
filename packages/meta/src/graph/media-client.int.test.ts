import { createHash } from "node:crypto";
import { startMetaSimulator, type MetaSimulator } from "@meta-relay/testkit";
import { waitFor } from "@meta-relay/testkit/testing";
import { createMediaClient, type MediaClientOptions } from "./media-client";
import { MediaMetaError, MediaNotFoundError, MediaTooLargeError } from "./media-errors";

const TOKEN = "wa-token-secret-123";
const PHONE = "106540352242922";

describe("createMediaClient against the Meta simulator", () => {
  let sim: MetaSimulator;
  beforeAll(async () => {
    sim = await startMetaSimulator();
    sim.addChannel({ platform: "whatsapp", channelId: PHONE, accessToken: TOKEN });
    sim.addChannel({ platform: "whatsapp", channelId: "999", accessToken: "other-token" });
  });
  afterAll(() => sim.close());

  const client = (options: Partial<MediaClientOptions> = {}) =>
    createMediaClient({
      graphUrl: sim.graphUrl,
      graphVersion: "v26.0",
      timeoutMs: 2_000,
      maxBytes: 10 * 1024 * 1024,
      ...options,
    });
  const open = (mediaId: string, options: Partial<MediaClientOptions> = {}, token = TOKEN) =>
    client(options).open({
      phoneNumberId: PHONE,
      mediaId,
      token,
      signal: new AbortController().signal,
    });

  async function sha256Of(stream: NodeJS.ReadableStream): Promise<string> {
    const hash = createHash("sha256");
    for await (const chunk of stream) hash.update(chunk as Buffer);
    return hash.digest("hex");
  }

  it("streams the bytes Meta holds, with Meta's type and length", async () => {
    const file = sim.addMedia({ channelId: PHONE, size: 300_001, mimeType: "image/png" });
    const download = await open(file.id);
    expect(download.contentType).toBe("image/png");
    expect(download.contentLength).toBe(300_001);
    expect(await sha256Of(download.body)).toBe(file.sha256());
  });

  it("says not found for an unknown id, an expired one and another number's", async () => {
    const expired = sim.addMedia({ channelId: PHONE, expired: true });
    const others = sim.addMedia({ channelId: "999" });
    await expect(open("1234567890")).rejects.toBeInstanceOf(MediaNotFoundError);
    await expect(open(expired.id)).rejects.toBeInstanceOf(MediaNotFoundError);
    await expect(open(others.id, {}, "other-token")).rejects.toBeInstanceOf(MediaNotFoundError);
  });

  it("reports Meta failing, with Meta's code, and a token Meta refuses", async () => {
    const file = sim.addMedia({ channelId: PHONE });
    sim.inject({ kind: "error", code: 1, status: 500, on: "media" });
    const failed = await open(file.id).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(MediaMetaError);
    expect((failed as MediaMetaError).context.details).toEqual({ code: 1, httpStatus: 500 });
    sim.inject({ kind: "http", status: 502, on: "media" });
    await expect(open(file.id)).rejects.toBeInstanceOf(MediaMetaError);
    const refused = await open(file.id, {}, "wrong").catch((error: unknown) => error);
    expect((refused as MediaMetaError).context.details).toMatchObject({ code: 190 });
    // Media faults never touch sends.
    expect(sim.sends).toEqual([]);
  });

  it("refuses a file over the cap before a byte of it is read", async () => {
    const file = sim.addMedia({ channelId: PHONE, size: 2_000_000 });
    const before = sim.mediaDownloads.length;
    await expect(open(file.id, { maxBytes: 1_000_000 })).rejects.toBeInstanceOf(MediaTooLargeError);
    expect(sim.mediaDownloads.length).toBe(before);
  });

  it("closes Meta's download when the reader goes away", async () => {
    const file = sim.addMedia({ channelId: PHONE, size: 50 * 1024 * 1024 });
    const download = await open(file.id, { maxBytes: 100 * 1024 * 1024 });
    let read = 0;
    for await (const chunk of download.body) {
      read += (chunk as Buffer).length;
      if (read > 1024 * 1024) break; // leaving the loop destroys the stream
    }
    const record = sim.mediaDownloads.find((d) => d.mediaId === file.id);
    await waitFor(() => record?.aborted === true, 5_000, "the download to be aborted", 20);
    expect(record?.bytes).toBeLessThan(file.size);
  });
});
