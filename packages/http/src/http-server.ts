import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger, RelayMetrics } from "@meta-relay/observability";
import express, { type Express, type RequestHandler } from "express";
import { errorMapper, sendError } from "./errors";
import { assignRequestId } from "./request-id";

export interface HttpServerOptions {
  /** Which role serves this port; a label on the request metrics. */
  role: string;
  logger: Logger;
  metrics: RelayMetrics;
  /** /readyz answers 200 only when this resolves true (e.g. Redis answers). */
  ready: () => Promise<boolean>;
  /** /healthz answers 200 while this is true (e.g. the worker still consumes). */
  live?: () => boolean;
}

export interface HttpServer {
  app: Express;
  /** Mount routes here before `listen`. The error mapper and 404 are added by `listen`. */
  listen(port: number, host?: string): Promise<number>;
  /** Stop accepting, let in-flight requests finish (up to `timeoutMs`), then close idle sockets. */
  close(timeoutMs: number): Promise<void>;
  readonly server: Server;
}

/**
 * An express app with what every role serves: /healthz, /readyz and /metrics, request ids, request
 * metrics, server timeouts against slow clients, and the error envelope.
 */
export function createHttpServer(options: HttpServerOptions): HttpServer {
  const app = express();
  const state = { closing: false };
  app.disable("x-powered-by");
  // No answer is ever cached or revalidated: an ETag would only hash every body sent.
  app.disable("etag");
  app.set("trust proxy", false);
  app.use(assignRequestId());
  app.use(requestMetrics(options));
  app.use((_req, res, next) => {
    // A request that arrives on a kept-alive connection during shutdown is the last one on it.
    if (state.closing) res.setHeader("Connection", "close");
    next();
  });
  app.get("/healthz", (_req, res) => {
    const live = options.live?.() ?? true;
    res.status(live ? 200 : 503).json({ status: live ? "ok" : "stalled" });
  });
  app.get("/readyz", async (_req, res) => {
    // Shutting down: tell load balancers to stop sending before the port closes for good.
    const ready = !state.closing && (await options.ready().catch(() => false));
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "unavailable" });
  });
  app.get("/metrics", async (_req, res) => {
    res.type(options.metrics.registry.contentType).send(await options.metrics.registry.metrics());
  });
  // Node checks the two timeouts below only every `connectionsCheckingInterval` (30 s by default),
  // which would let a slow client hold a connection three times longer than they say.
  const server = createServer({ connectionsCheckingInterval: TIMEOUT_CHECK_MS }, app);
  applyTimeouts(server);
  return {
    app,
    server,
    listen: (port, host = "0.0.0.0") => listen(app, server, options.logger, port, host),
    close: (timeoutMs) => {
      state.closing = true;
      return closeGracefully(server, timeoutMs);
    },
  };
}

/** How often the server looks for connections past their header or request deadline. */
const TIMEOUT_CHECK_MS = 1_000;

function applyTimeouts(server: Server): void {
  // Slow-loris: headers must arrive within 10 s and a whole request within 30 s.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
}

function listen(
  app: Express,
  server: Server,
  logger: Logger,
  port: number,
  host: string,
): Promise<number> {
  app.use((_req, res) => sendError(res, 404, "not_found", "No such route."));
  app.use(errorMapper(logger));
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Stops accepting connections, lets in-flight requests finish and closes each kept-alive connection
 * as soon as it is idle (not after the keep-alive timeout); past `timeoutMs` every connection is cut.
 */
async function closeGracefully(server: Server, timeoutMs: number): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  const deadline = setTimeout(() => server.closeAllConnections(), timeoutMs);
  await closed;
  clearInterval(sweep);
  clearTimeout(deadline);
}

function requestMetrics(options: HttpServerOptions): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once("finish", () => {
      // The route pattern, not the URL: ids in paths would explode the label set.
      const route = (req.route as { path?: string } | undefined)?.path
        ? `${req.baseUrl}${(req.route as { path: string }).path}`
        : "unmatched";
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const labels = { role: options.role, method: req.method, route };
      options.metrics.httpRequests.inc({ ...labels, status: String(res.statusCode) });
      options.metrics.httpDuration.observe(labels, seconds);
    });
    next();
  };
}
