import type { Socket } from "node:net";
import type { Request, RequestHandler, Response } from "express";

/**
 * How much of a refused body is still read (and dropped) before answering. A client that sends its
 * whole body before reading the answer (fetch, curl, most HTTP libraries) only sees the 413 if the
 * connection stays open until it has finished writing; closing earlier resets it and the client
 * reports EPIPE instead. So the rest is read while it keeps coming (each pause at most
 * DRAIN_IDLE_MS), up to DRAIN_BYTES and DRAIN_MAX_MS in all; past either, the 413 closes the
 * connection. The webhook cap is 3 MiB and the API's 1 MiB, so a body up to a few times its cap is
 * refused cleanly, while one announcing gigabytes costs at most DRAIN_BYTES of reading.
 */
const DRAIN_IDLE_MS = 1_000;
const DRAIN_MAX_MS = 10_000;
const DRAIN_BYTES = 8 * 1024 * 1024;

/**
 * After a 413 that closes the connection, how long and how much more is read and dropped before the
 * socket is destroyed: destroying it with unread bytes makes the kernel send a reset, which can
 * overtake the 413 the client has not yet read (the "lingering close" of nginx and Apache).
 */
const LINGER_MS = 1_000;
const LINGER_BYTES = 4 * 1024 * 1024;

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
 * Reads and drops the rest of the body while the client still sends, then answers: on a healthy
 * connection if the body ended, else with `Connection: close`. Answering while the client still
 * sends and closing at once would reset the connection, and the client would never read the 413.
 */
function drainThenAnswer(req: Request, res: Response, refuse: (res: Response) => void): void {
  const socket = req.socket;
  let drained = 0;
  let answered = false;
  const answer = () => {
    if (answered) return;
    answered = true;
    clearTimeout(idle);
    clearTimeout(deadline);
    socket.off("data", count);
    req.off("end", answer);
    if (res.headersSent) return;
    if (!req.complete) {
      res.set("Connection", "close");
      lingerOnClose(socket);
    }
    refuse(res);
  };
  // Counted on the socket: what the request stream buffers may never be read.
  const count = (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_BYTES) answer();
    else idle.refresh();
  };
  const idle = setTimeout(answer, DRAIN_IDLE_MS);
  const deadline = setTimeout(answer, DRAIN_MAX_MS);
  idle.unref();
  deadline.unref();
  socket.on("data", count);
  req.once("end", answer);
  req.resume();
  if (req.complete) answer();
}

/**
 * Node's server closes a `Connection: close` socket through `destroySoon()` once the answer is
 * written; on this socket that becomes: send FIN after the answer, keep dropping what still arrives
 * until the client closes, LINGER_MS pass or LINGER_BYTES more arrive, then destroy.
 */
function lingerOnClose(socket: Socket): void {
  socket.destroySoon = function lingeringClose() {
    let read = 0;
    const close = () => {
      clearTimeout(timer);
      socket.destroy();
    };
    const timer = setTimeout(close, LINGER_MS);
    timer.unref();
    socket.on("data", (chunk: Buffer) => {
      read += chunk.length;
      if (read > LINGER_BYTES) close();
    });
    socket.once("end", close);
    socket.end();
    socket.resume();
  };
}
