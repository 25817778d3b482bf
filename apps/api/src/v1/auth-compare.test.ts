import crypto from "node:crypto";
import type { AddressInfo } from "node:net";
import express from "express";
import { basicAuth } from "../admin/basic-auth";
import { authenticate } from "@meta-relay/access";

// The code path of credential checks: every comparison is crypto.timingSafeEqual on two 32-byte
// digests, as many comparisons whatever was presented, and a wrong key of any length is refused.

const KEYS = ["key-aaaaaaaaaaaaaaaa", "key-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"];
const USER = "ops";
const PASSWORD = "correct-horse-battery";

async function withApp(
  guard: express.RequestHandler,
  run: (get: (authorization: string | null) => Promise<number>) => Promise<void>,
) {
  const app = express();
  app.get("/", guard, (_req, res) => res.status(200).end());
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const port = (server.address() as AddressInfo).port;
  try {
    await run(async (authorization) => {
      const res = await fetch(`http://127.0.0.1:${port}/`, {
        headers: authorization === null ? {} : { authorization },
      });
      return res.status;
    });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

/** Every wrong key worth trying: each length from 0 to 80, near misses of each real key. */
function wrongKeys(): string[] {
  const byLength = Array.from({ length: 81 }, (_, n) => "k".repeat(n));
  const nearMisses = KEYS.flatMap((key) => [
    key.slice(0, -1),
    `${key}x`,
    `${key.slice(0, -1)}z`,
    key.toUpperCase(),
    key.slice(1),
  ]);
  return [...byLength, ...nearMisses].filter((k) => !KEYS.includes(k));
}

describe("credential comparisons", () => {
  let spy: jest.SpyInstance;
  beforeEach(() => {
    spy = jest.spyOn(crypto, "timingSafeEqual");
  });
  afterEach(() => spy.mockRestore());

  const comparisons = () =>
    spy.mock.calls.map(([a, b]) => [(a as Buffer).length, (b as Buffer).length]);

  it("compares API keys as equal-length digests, against every key, and refuses every wrong one", async () => {
    await withApp(authenticate({ adminKeys: KEYS }), async (get) => {
      for (const key of wrongKeys()) {
        spy.mockClear();
        const status = await get(`Bearer ${key}`);
        // An empty key is no token at all: nothing to compare.
        const expected = key === "" ? [] : KEYS.map(() => [32, 32]);
        expect({ key, status, compared: comparisons() }).toEqual({
          key,
          status: 401,
          compared: expected,
        });
      }
      for (const key of KEYS) {
        spy.mockClear();
        expect(await get(`Bearer ${key}`)).toBe(200);
        expect(comparisons()).toEqual(KEYS.map(() => [32, 32]));
      }
      expect(await get(null)).toBe(401);
      expect(await get(`Basic ${KEYS[0]}`)).toBe(401);
    });
  });

  it("compares both dashboard credentials as equal-length digests, whatever is presented", async () => {
    const basic = (user: string, password: string) =>
      `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
    await withApp(basicAuth({ username: USER, password: PASSWORD }), async (get) => {
      const attempts: (string | null)[] = [
        null,
        "Basic ***",
        ...wrongKeys().map((p) => basic(USER, p)),
        ...wrongKeys().map((u) => basic(u, PASSWORD)),
        basic(PASSWORD, USER),
      ];
      for (const authorization of attempts) {
        spy.mockClear();
        const status = await get(authorization);
        expect({ authorization, status, compared: comparisons() }).toEqual({
          authorization,
          status: 401,
          compared: [
            [32, 32],
            [32, 32],
          ],
        });
      }
      spy.mockClear();
      expect(await get(basic(USER, PASSWORD))).toBe(200);
      expect(comparisons()).toEqual([
        [32, 32],
        [32, 32],
      ]);
    });
  });
});
