import { Writable } from "node:stream";
import { createLogger } from "./logger";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString("utf8"));
      done();
    },
  });
  return { lines, logger: createLogger({ destination, level: "debug" }) };
}

describe("createLogger", () => {
  it("redacts authorization headers, access tokens and message text", () => {
    const { lines, logger } = capture();
    logger.info(
      {
        req: { headers: { authorization: "Bearer key-super-secret-0001" } },
        channel: { accessToken: "EAAG-very-secret-token" },
        message: { text: "my card number is 4111" },
      },
      "request handled",
    );
    const output = lines.join("");
    expect(output).toContain("request handled");
    expect(output).not.toContain("key-super-secret-0001");
    expect(output).not.toContain("EAAG-very-secret-token");
    expect(output).not.toContain("4111");
    expect(output.match(/\[redacted\]/g)).toHaveLength(3);
  });

  it("redacts webhook signatures and secrets on child loggers too", () => {
    const { lines, logger } = capture();
    logger.child({ module: "ingress" }).warn(
      {
        headers: { "x-hub-signature-256": "sha256=abcdef0123" },
        config: { appSecrets: ["s3cr3t"] },
      },
      "signature rejected",
    );
    const output = lines.join("");
    expect(output).toContain('"module":"ingress"');
    expect(output).not.toContain("abcdef0123");
    expect(output).not.toContain("s3cr3t");
  });

  it("redacts Standard Webhooks signatures, event secrets and API keys", () => {
    const { lines, logger } = capture();
    logger.info(
      {
        headers: { "webhook-signature": "v1,c2lnbmF0dXJlLWJ5dGVz" },
        events: { webhookSecrets: ["whsec_c2VjcmV0LWJ5dGVz"] },
        created: { apiKey: "mrk_scoped-key-value" },
      },
      "event sent",
    );
    const output = lines.join("");
    expect(output).not.toContain("c2lnbmF0dXJlLWJ5dGVz");
    expect(output).not.toContain("c2VjcmV0LWJ5dGVz");
    expect(output).not.toContain("scoped-key-value");
  });

  it("records errors with their stack under err", () => {
    const { lines, logger } = capture();
    logger.error({ err: new Error("boom") }, "job failed");
    const line = JSON.parse(lines[0] ?? "{}");
    expect(line.err.message).toBe("boom");
    expect(line.err.stack).toContain("Error: boom");
  });
});
