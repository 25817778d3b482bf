import type { Request, RequestHandler, Response } from "express";

/**
 * After refusing, the connection stays open this long (or for this many more bytes) so the client
 * can read the 413: closing a socket with unread data resets it, and the answer is lost with it.
 */
const LINGER_MS = 1_000;
const LINGER_BYTES = 4 * 1024 * 1024;

/**
 * Refuses a request body larger than `limitBytes` as soon as that is known — from its
 * Content-Length, or while a chunked body streams in — and closes the connection. Express's body
 * parsers answer 413 only after reading (and discarding) the whole body, so a client announcing
 * gigabytes would otherwise keep the server reading until the request timeout. `refuse` sends the
 * answer (status 413 and the envelope); it is called at most once.
 */
export function refuseOversized(
  limitBytes: number,
  refuse: (res: Response) => void,
): RequestHandler {
  return (req, res, next) => {
    let refused = false;
    const stop = () => {
      if (refused || res.headersSent) return;
      refused = true;
      res.once("finish", () => hangUpSoon(req));
      refuse(res);
    };
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > limitBytes) {
      stop();
      return;
    }
    if (req.headers["transfer-encoding"] !== undefined) {
      let received = 0;
      const count = (chunk: Buffer) => {
        received += chunk.length;
        if (received <= limitBytes) return;
        req.off("data", count);
        stop();
      };
      req.on("data", count);
    }
    next();
  };
}

/** Lets the server read and drop what the client still sends for a moment, then closes. */
function hangUpSoon(req: Request): void {
  const socket = req.socket;
  let drained = 0;
  const close = () => {
    clearTimeout(timer);
    socket.off("data", count);
    socket.destroy();
  };
  // Counted on the socket: Node drops the request's own data listeners when it drains the body.
  const count = (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > LINGER_BYTES) close();
  };
  const timer = setTimeout(close, LINGER_MS);
  timer.unref();
  socket.on("data", count);
}
