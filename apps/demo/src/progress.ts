import { PLAIN_STYLE, TTY_STYLE, type Style } from "./format";

/** Where the narration goes: process.stdout, or a capturing stream in tests. */
export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** A block of lines that is redrawn in place on a terminal as news arrives. */
interface LiveBlock {
  refresh(): void;
  /** Draws the block a last time, in full, and leaves it on the screen. */
  done(): void;
}

/** The narration: lines that stay, and at most one live block at a time. */
export interface Display {
  readonly style: Style;
  print(...lines: string[]): void;
  live(render: (frame: number) => string[]): LiveBlock;
  /** Restores the terminal (cursor) — also call it when interrupted. */
  close(): void;
}

const FRAME_MS = 100;
const HIDE_CURSOR = "\x1b[?25l";
const SHOW_CURSOR = "\x1b[?25h";
const ESC = String.fromCharCode(27);
/** An ANSI escape sequence (colours, cursor moves): it takes no room on the screen. */
const ANSI = new RegExp(`${ESC}\\[[0-9;?]*[A-Za-z]`, "g");

/**
 * On a terminal, live blocks redraw in place (with a spinner); elsewhere (a pipe, a CI log) each
 * block is printed once, when it is done, so the output reads as plain text.
 */
export function createDisplay(out: Output): Display {
  return out.isTTY ? ttyDisplay(out) : plainDisplay(out);
}

function plainDisplay(out: Output): Display {
  const print = (...lines: string[]) => out.write(lines.map((line) => `${line}\n`).join(""));
  return {
    style: PLAIN_STYLE,
    print,
    live: (render) => ({ refresh: () => undefined, done: () => print(...render(0)) }),
    close: () => undefined,
  };
}

function ttyDisplay(out: Output): Display {
  let drawnRows = 0;
  let cursorHidden = false;
  const draw = (lines: string[]) => {
    const up = drawnRows > 0 ? `\x1b[${drawnRows}F` : "\r";
    out.write(`${up}\x1b[J${lines.map((line) => `${line}\n`).join("")}`);
    drawnRows = physicalRows(lines, out.columns ?? 80);
  };
  return {
    style: TTY_STYLE,
    print: (...lines) => out.write(lines.map((line) => `${line}\n`).join("")),
    live(render) {
      let frame = 0;
      if (!cursorHidden) out.write(HIDE_CURSOR);
      cursorHidden = true;
      drawnRows = 0;
      draw(render(frame));
      const timer = setInterval(() => draw(render(++frame)), FRAME_MS);
      timer.unref();
      return {
        refresh: () => draw(render(frame)),
        done: () => {
          clearInterval(timer);
          draw(render(frame));
          drawnRows = 0;
        },
      };
    },
    close: () => {
      if (cursorHidden) out.write(SHOW_CURSOR);
      cursorHidden = false;
    },
  };
}

/** Terminal rows the lines take once long ones wrap. */
export function physicalRows(lines: string[], columns: number): number {
  const width = Math.max(1, columns);
  return lines.reduce((rows, line) => {
    const visible = line.replace(ANSI, "").length;
    return rows + Math.max(1, Math.ceil(visible / width));
  }, 0);
}
