import {
  classifyGraphFailure,
  isWindowRefusal,
  reasonForStatusErrors,
  type GraphFailure,
} from "./classify";

const meta = (code: number, subcode?: number, httpStatus = 400): GraphFailure => ({
  kind: "meta",
  httpStatus,
  code,
  subcode,
  message: "x",
});

describe("classifyGraphFailure: product.md's table, row by row", () => {
  it.each([
    [10, 2018278],
    [10, 2018065],
    [10, 2534022],
    [131047, undefined],
  ])("%s/%s: failed, window_closed, counted as a disagreement", (code, subcode) => {
    expect(classifyGraphFailure(meta(code, subcode))).toEqual({
      action: "fail",
      reason: "window_closed",
      windowDisagreement: true,
    });
  });

  it.each([
    [551, undefined],
    [551, 1545041],
    [1545041, undefined],
    [100, 2018001],
    [100, 2534014],
    [131026, undefined],
    [200, 2018108],
  ])("%s/%s: failed, recipient_unavailable", (code, subcode) => {
    expect(classifyGraphFailure(meta(code, subcode))).toEqual({
      action: "fail",
      reason: "recipient_unavailable",
      windowDisagreement: false,
    });
  });

  it.each([
    [190, undefined, 401],
    [190, 463, 401],
    [200, 2534041, 400],
    [133010, undefined, 400],
  ])("%s/%s: failed, channel_auth_failed", (code, subcode, status) => {
    expect(classifyGraphFailure(meta(code, subcode, status))).toMatchObject({
      action: "fail",
      reason: "channel_auth_failed",
    });
  });

  it("10/1893063: failed, channel_restricted (the page is restricted, not the recipient)", () => {
    expect(classifyGraphFailure(meta(10, 1893063))).toEqual({
      action: "fail",
      reason: "channel_restricted",
      windowDisagreement: false,
    });
    expect(reasonForStatusErrors([{ code: 10, subcode: 1893063, message: "restricted" }])).toBe(
      "channel_restricted",
    );
  });

  it.each([
    [100, undefined],
    [100, 1893061],
    [100, 2018109],
    [2018109, undefined],
    [131008, undefined],
    [131009, undefined],
    [131051, undefined],
    [132000, undefined],
    [132001, undefined],
    [132012, undefined],
    [132016, undefined],
  ])("%s/%s: failed, invalid_message", (code, subcode) => {
    expect(classifyGraphFailure(meta(code, subcode))).toMatchObject({
      action: "fail",
      reason: "invalid_message",
    });
  });

  it.each([4, 17, 32, 613, 80007, 130429])("%s: retried, throttles the channel", (code) => {
    expect(classifyGraphFailure(meta(code, undefined, 429))).toEqual({
      action: "retry",
      throttle: "channel",
      exhaustedReason: "rate_limited",
      outcomeUnknown: false,
    });
  });

  it("131056: retried, throttles only the recipient", () => {
    expect(classifyGraphFailure(meta(131056, undefined, 429))).toEqual({
      action: "retry",
      throttle: "recipient",
      exhaustedReason: "rate_limited",
      outcomeUnknown: false,
    });
  });

  it.each([1, 2, 131000, 131016, 133004])("%s: retried, meta_error when exhausted", (code) => {
    expect(classifyGraphFailure(meta(code, undefined, 503))).toEqual({
      action: "retry",
      throttle: null,
      exhaustedReason: "meta_error",
      outcomeUnknown: false,
    });
  });

  it("1/1357046: sent, never retried", () => {
    expect(classifyGraphFailure(meta(1, 1357046, 500))).toEqual({ action: "sent" });
  });

  it("retries bare 5xx, timeouts and refused connections; a timeout may have sent", () => {
    expect(classifyGraphFailure({ kind: "http", httpStatus: 502 })).toMatchObject({
      action: "retry",
      exhaustedReason: "meta_error",
      outcomeUnknown: false,
    });
    expect(classifyGraphFailure({ kind: "timeout" })).toMatchObject({
      action: "retry",
      outcomeUnknown: true,
    });
    expect(
      classifyGraphFailure({ kind: "network", errorCode: "ECONNREFUSED", connected: false }),
    ).toMatchObject({ action: "retry", outcomeUnknown: false });
    expect(
      classifyGraphFailure({ kind: "network", errorCode: "ECONNRESET", connected: true }),
    ).toMatchObject({ action: "retry", outcomeUnknown: true });
  });

  it("fails anything else with meta_error, without retrying", () => {
    for (const failure of [
      meta(10),
      meta(368),
      meta(131048, undefined, 429),
      { kind: "http", httpStatus: 404 } as const,
    ]) {
      expect(classifyGraphFailure(failure)).toEqual({
        action: "fail",
        reason: "meta_error",
        windowDisagreement: false,
      });
    }
  });

  it("retries an unknown code that came with a 5xx", () => {
    expect(classifyGraphFailure(meta(99999, undefined, 500))).toMatchObject({ action: "retry" });
  });
});

describe("reasonForStatusErrors", () => {
  it("maps WhatsApp's asynchronous failures with the same table", () => {
    expect(reasonForStatusErrors([{ code: 131047, message: "Re-engagement message" }])).toBe(
      "window_closed",
    );
    expect(reasonForStatusErrors([{ code: 131026, message: "undeliverable" }])).toBe(
      "recipient_unavailable",
    );
    expect(reasonForStatusErrors([{ code: 131000, message: "went wrong" }])).toBe("meta_error");
    expect(reasonForStatusErrors([{ code: 130429, message: "rate" }])).toBe("rate_limited");
    expect(reasonForStatusErrors([])).toBe("meta_error");
  });

  it("tells Meta's window refusals apart", () => {
    expect(isWindowRefusal([{ code: 131047, message: "" }])).toBe(true);
    expect(isWindowRefusal([{ code: 131026, message: "" }])).toBe(false);
  });
});

describe("classifyGraphFailure: template refusals", () => {
  const utility = { messagingType: "UTILITY" as const };

  it.each([132000, 132001, 132012, 132015, 132016])(
    "%s (WhatsApp template): invalid_message, the template is named as the cause",
    (code) => {
      expect(classifyGraphFailure(meta(code))).toEqual({
        action: "fail",
        reason: "invalid_message",
        windowDisagreement: false,
        cause: "template_rejected",
      });
    },
  );

  it("a utility template Meta does not know or has not approved: invalid_message, template", () => {
    expect(classifyGraphFailure(meta(100), utility)).toMatchObject({
      reason: "invalid_message",
      cause: "template_rejected",
    });
    // The same 100 on a normal reply is only invalid content.
    expect(classifyGraphFailure(meta(100))).toEqual({
      action: "fail",
      reason: "invalid_message",
      windowDisagreement: false,
    });
  });

  it.each([
    [10, undefined],
    [200, undefined],
    [200, 1234],
    [3, undefined],
  ])("%s/%s on a utility send: the page lacks the permission (operator action)", (c, s) => {
    expect(classifyGraphFailure(meta(c, s), utility)).toEqual({
      action: "fail",
      reason: "meta_error",
      windowDisagreement: false,
      cause: "utility_permission_missing",
    });
  });

  it("keeps the other rows first: window, recipient and token errors on a utility send", () => {
    expect(classifyGraphFailure(meta(10, 2018278), utility)).toMatchObject({
      reason: "window_closed",
    });
    expect(classifyGraphFailure(meta(200, 2018108), utility)).toMatchObject({
      reason: "recipient_unavailable",
    });
    expect(classifyGraphFailure(meta(190, undefined, 401), utility)).toMatchObject({
      reason: "channel_auth_failed",
    });
    expect(classifyGraphFailure(meta(10), { messagingType: "RESPONSE" })).toEqual({
      action: "fail",
      reason: "meta_error",
      windowDisagreement: false,
    });
  });
});
