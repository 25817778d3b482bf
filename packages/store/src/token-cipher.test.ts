import { randomBytes } from "node:crypto";
import { createTokenCipher, TokenUnreadableError } from "./token-cipher";

const KEY = randomBytes(32);
const TOKEN = "EAAG-page-token-0123456789";

describe("createTokenCipher", () => {
  const cipher = createTokenCipher(KEY);

  it("round-trips a token and never stores it in the clear", () => {
    const sealed = cipher.encrypt(TOKEN, "messenger:100");
    expect(sealed).not.toContain(TOKEN);
    expect(sealed.startsWith("v1.")).toBe(true);
    expect(cipher.decrypt(sealed, "messenger:100")).toBe(TOKEN);
  });

  it("uses a fresh IV each time", () => {
    expect(cipher.encrypt(TOKEN, "messenger:100")).not.toBe(cipher.encrypt(TOKEN, "messenger:100"));
  });

  it("refuses a ciphertext moved to another channel", () => {
    const sealed = cipher.encrypt(TOKEN, "messenger:100");
    expect(() => cipher.decrypt(sealed, "messenger:200")).toThrow(TokenUnreadableError);
  });

  it("refuses an altered ciphertext and a wrong key", () => {
    const sealed = cipher.encrypt(TOKEN, "whatsapp:1");
    const parts = sealed.split(".");
    const body = Buffer.from(parts[3] ?? "", "base64url");
    body[0] = (body[0] ?? 0) ^ 1;
    const altered = [parts[0], parts[1], parts[2], body.toString("base64url")].join(".");
    expect(() => cipher.decrypt(altered, "whatsapp:1")).toThrow(TokenUnreadableError);
    expect(() => createTokenCipher(randomBytes(32)).decrypt(sealed, "whatsapp:1")).toThrow(
      TokenUnreadableError,
    );
    expect(() => cipher.decrypt("garbage", "whatsapp:1")).toThrow(TokenUnreadableError);
  });

  it("requires a 32-byte key", () => {
    expect(() => createTokenCipher(Buffer.alloc(16))).toThrow(/32 bytes/);
  });
});
