import { connect } from "node:net";

export interface RawOutcome {
  /** First line of the server's answer ("" when it sent none). */
  statusLine: string;
  /** From the connection to its close by the server (or our give-up). */
  closedAfterMs: number;
  /** Bytes we managed to write before the server closed. */
  writtenBytes: number;
}

/**
 * A slow client: sends `head`, then one byte of `drip` every `everyMs` until the server closes the
 * connection (or `giveUpMs` passes).
 */
export function trickle(
  port: number,
  head: string,
  drip: string,
  everyMs: number,
  giveUpMs = 120_000,
): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const started = Date.now();
    let answer = "";
    let written = 0;
    const socket = connect(port, "127.0.0.1", () => {
      socket.write(head);
      written += head.length;
    });
    const timer = setInterval(() => {
      if (socket.destroyed) return;
      socket.write(drip);
      written += drip.length;
    }, everyMs);
    const giveUp = setTimeout(() => socket.destroy(), giveUpMs);
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString("latin1")));
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve({
        statusLine: answer.split("\r\n")[0] ?? "",
        closedAfterMs: Date.now() - started,
        writtenBytes: written,
      });
    });
  });
}

/** A client that uploads as fast as the server reads, up to `maxBytes`; `frame` wraps each chunk. */
export function flood(
  port: number,
  head: string,
  frame: (chunk: Buffer) => Buffer,
  maxBytes = 512 * 1024 * 1024,
): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const started = Date.now();
    let answer = "";
    let written = 0;
    const chunk = Buffer.alloc(64 * 1024, 120);
    const socket = connect(port, "127.0.0.1", () => {
      socket.write(head);
      const pump = () => {
        while (!socket.destroyed && written < maxBytes) {
          written += chunk.length;
          if (!socket.write(frame(chunk))) return void socket.once("drain", pump);
        }
      };
      pump();
    });
    socket.on("data", (data: Buffer) => (answer += data.toString("latin1")));
    socket.on("error", () => undefined);
    socket.on("close", () =>
      resolve({
        statusLine: answer.split("\r\n")[0] ?? "",
        closedAfterMs: Date.now() - started,
        writtenBytes: written,
      }),
    );
  });
}

/** HTTP/1.1 chunked framing of one chunk. */
export function chunked(chunk: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`${chunk.length.toString(16)}\r\n`),
    chunk,
    Buffer.from("\r\n"),
  ]);
}
