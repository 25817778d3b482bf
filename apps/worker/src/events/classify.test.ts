import { classifyNetworkError, classifyResponse, parseRetryAfter } from "./classify";

const NOW = Date.parse("2026-11-21T12:00:00.000Z");

describe("classifyResponse", () => {
  it("treats every 2xx as delivered", () => {
    for (const status of [200, 201, 202, 204, 299]) {
      expect(classifyResponse(status, null, NOW)).toEqual({ outcome: "delivered", status });
    }
  });

  it("retries 5xx, 408 and 429", () => {
    for (const status of [500, 502, 503, 504, 599, 408, 429]) {
      expect(classifyResponse(status, null, NOW)).toMatchObject({ outcome: "retry", status });
    }
  });

  it("never retries the other 4xx", () => {
    for (const status of [400, 401, 403, 404, 405, 409, 410, 413, 422, 451, 499]) {
      expect(classifyResponse(status, null, NOW)).toEqual({
        outcome: "permanent",
        status,
        reason: `http_${status}`,
      });
    }
  });

  it("retries a redirect (it is not followed) and odd statuses", () => {
    for (const status of [301, 302, 307, 308, 100]) {
      expect(classifyResponse(status, null, NOW).outcome).toBe("retry");
    }
  });

  it("carries Retry-After on a retried answer", () => {
    expect(classifyResponse(429, "3", NOW)).toEqual({
      outcome: "retry",
      status: 429,
      reason: "http_429",
      retryAfterMs: 3_000,
    });
  });
});

describe("classifyNetworkError", () => {
  it("names timeouts, aborts and socket errors", () => {
    const timeout = new DOMException("The operation was aborted due to timeout", "TimeoutError");
    expect(classifyNetworkError(timeout)).toMatchObject({ outcome: "retry", reason: "timeout" });
    const abort = new DOMException("aborted", "AbortError");
    expect(classifyNetworkError(abort)).toMatchObject({ outcome: "retry", reason: "aborted" });
    const refused = new TypeError("fetch failed", {
      cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
    });
    expect(classifyNetworkError(refused)).toEqual({
      outcome: "retry",
      status: null,
      reason: "econnrefused",
      retryAfterMs: null,
    });
    expect(classifyNetworkError("weird")).toMatchObject({ reason: "network_error" });
    expect(classifyNetworkError(new Error("x"))).toMatchObject({ reason: "network_error" });
  });
});

describe("parseRetryAfter", () => {
  it("reads delta-seconds and HTTP dates", () => {
    expect(parseRetryAfter("0", NOW)).toBe(0);
    expect(parseRetryAfter(" 120 ", NOW)).toBe(120_000);
    expect(parseRetryAfter("Sat, 21 Nov 2026 12:00:30 GMT", NOW)).toBe(30_000);
    expect(parseRetryAfter("Sat, 21 Nov 2026 11:00:00 GMT", NOW)).toBe(0);
  });

  it("is null when absent or unreadable", () => {
    expect(parseRetryAfter(null, NOW)).toBeNull();
    expect(parseRetryAfter("", NOW)).toBeNull();
    expect(parseRetryAfter("soon", NOW)).toBeNull();
    expect(parseRetryAfter("-5", NOW)).toBeNull();
    expect(parseRetryAfter("1.5", NOW)).toBeNull();
  });
});
