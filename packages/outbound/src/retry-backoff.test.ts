import { DEFAULT_RETRY_BACKOFF, retryDelayMs } from "./retry-backoff";

describe("retryDelayMs", () => {
  it("retries the first time within the base delay", () => {
    for (let i = 0; i < 100; i++) {
      const delay = retryDelayMs(1, DEFAULT_RETRY_BACKOFF);
      expect(delay).toBeGreaterThanOrEqual(500);
      expect(delay).toBeLessThanOrEqual(1_000);
    }
  });

  it("doubles per attempt and stays under the cap", () => {
    const top = () => 1;
    expect(
      [1, 2, 3, 4, 5, 6, 7, 8].map((a) => retryDelayMs(a, DEFAULT_RETRY_BACKOFF, top)),
    ).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
    expect(retryDelayMs(1_000, DEFAULT_RETRY_BACKOFF, top)).toBe(60_000);
  });

  it("jitters between half and all of the ceiling", () => {
    expect(retryDelayMs(3, { baseMs: 100, maxMs: 10_000 }, () => 0)).toBe(200);
    expect(retryDelayMs(3, { baseMs: 100, maxMs: 10_000 }, () => 0.5)).toBe(300);
  });
});
