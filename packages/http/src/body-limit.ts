import type { Request, RequestHandler, Response } from "express";

/**
 * How much of a refused body is still read (and dropped) before answering: if the body ends within
 * this, the 413 comes on a connection that stays usable; otherwise the 413 closes the connection.
 */
const DRAIN_MS = 1_000;
const DRAIN_BYTES = 4 * 1024 * 1024;

/**
 * Refuses a request body larger than `limitBytes` as soon as that is known — from its
 * Content-Length, or while a chunked body streams in. Express's body parsers answer 413 only after
 * reading (and discarding) the whole body, so a client announcing gigabytes would otherwise keep the
 * server reading until the request timeout; here at most DRAIN_BYTES more are read. `refuse` sends
 * the answer (status 413 and the envelope); it is called once.
 */
export function refuseOversized(
  limitBytes: number,
  refuse: (res: Response) => void,
): RequestHandler {
  return (req, res, next) => {
    let refusing = false;
    const stop = () => {
      if (refusing || res.headersSent) return;
      refusing = true;
      drainThenAnswer(req, res, refuse);
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

/**
 * Reads and drops the rest of the body for a moment, then answers: on a healthy connection if the
 * body ended, else with `Connection: close`. Answering while the client still sends and closing at
 * once would reset the connection, and the client would never read the 413.
 */
function drainThenAnswer(req: Request, res: Response, refuse: (res: Response) => void): void {
  const socket = req.socket;
  let drained = 0;
  let answered = false;
  const answer = () => {
    if (answered) return;
    answered = true;
    clearTimeout(timer);
    socket.off("data", count);
    req.off("end", answer);
    if (res.headersSent) return;
    if (!req.complete) res.set("Connection", "close");
    refuse(res);
  };
  // Counted on the socket: what the request stream buffers may never be read.
  const count = (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_BYTES) answer();
  };
  const timer = setTimeout(answer, DRAIN_MS);
  timer.unref();
  socket.on("data", count);
  req.once("end", answer);
  req.resume();
  if (req.complete) answer();
}
