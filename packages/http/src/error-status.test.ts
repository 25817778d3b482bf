import { ERROR_CODES } from "@meta-relay/core";
import { HTTP_STATUS } from "./errors";

describe("HTTP_STATUS", () => {
  it("gives every error code an error status, and knows no other code", () => {
    for (const code of ERROR_CODES) {
      expect(HTTP_STATUS[code]).toBeGreaterThanOrEqual(400);
      expect(HTTP_STATUS[code]).toBeLessThan(600);
    }
    expect(Object.keys(HTTP_STATUS).sort()).toEqual([...ERROR_CODES].sort());
  });

  it("tells the client to retry only for codes of our own unavailability", () => {
    const retry = ERROR_CODES.filter((code) => HTTP_STATUS[code] === 503);
    expect(retry).toEqual(["unavailable", "queue_metrics_timeout", "event_delivery_failed"]);
  });
});
