import { createHmac, timingSafeEqual } from "node:crypto";
import express from "express";
import { announceReady, childSettings, onTerminate } from "../child";

/**
 * The ingress baseline: a bare express 5 app that reads the raw body, checks the HMAC, parses the JSON
 * and answers 200. The product's ingress is measured as a ratio of this, in the same run.
 */
const { secret } = childSettings<{ secret: string }>();
const app = express();
app.post("/webhooks/meta", express.raw({ type: "*/*", limit: "3mb" }), (req, res) => {
  const body = req.body as Buffer;
  const header = req.get("x-hub-signature-256") ?? "";
  const expected = Buffer.from(`sha256=${createHmac("sha256", secret).update(body).digest("hex")}`);
  const given = Buffer.from(header);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    res.sendStatus(401);
    return;
  }
  JSON.parse(body.toString("utf8"));
  res.sendStatus(200);
});
const server = app.listen(0, "127.0.0.1", () => {
  const address = server.address();
  announceReady({ port: typeof address === "object" && address ? address.port : 0 });
});
onTerminate(() => new Promise((resolve) => server.close(() => resolve())));
