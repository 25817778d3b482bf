import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { RelayError } from "@meta-relay/core";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Encrypts channel access tokens at rest (AES-256-GCM). Plain tokens exist only in memory. */
export interface TokenCipher {
  /** `context` (e.g. "messenger:PAGE_ID") is authenticated, so a ciphertext cannot be moved to another channel. */
  encrypt(token: string, context: string): string;
  /** Throws `token_unreadable` when the key is wrong or the ciphertext was altered. */
  decrypt(sealed: string, context: string): string;
}

export class TokenUnreadableError extends RelayError<"token_unreadable"> {
  constructor(cause?: unknown) {
    super(
      "token_unreadable",
      "A stored access token could not be decrypted with RELAY_ENCRYPTION_KEY.",
      {
        cause,
      },
    );
  }
}

/** `key` is RELAY_ENCRYPTION_KEY: exactly 32 bytes. */
export function createTokenCipher(key: Buffer): TokenCipher {
  if (key.length !== 32) {
    throw new RelayError("invalid_encryption_key", "The token encryption key must be 32 bytes.");
  }
  return {
    encrypt(token, context) {
      // A fresh random IV per encryption: GCM must never reuse an IV under one key.
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(context, "utf8"));
      const body = Buffer.concat([cipher.update(token, "utf8"), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, iv, tag, body]
        .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
        .join(".");
    },
    decrypt(sealed, context) {
      const [version, iv, tag, body] = sealed.split(".");
      if (version !== VERSION || !iv || !tag || body === undefined)
        throw new TokenUnreadableError();
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"), {
          authTagLength: TAG_BYTES,
        });
        decipher.setAAD(Buffer.from(context, "utf8"));
        decipher.setAuthTag(Buffer.from(tag, "base64url"));
        return Buffer.concat([
          decipher.update(Buffer.from(body, "base64url")),
          decipher.final(),
        ]).toString("utf8");
      } catch (error) {
        throw new TokenUnreadableError(error);
      }
    },
  };
}
