import { PLAIN_STYLE, stepLines, type Row } from "./format";
import { createDisplay, physicalRows, type Output } from "./progress";
import { DEMO_SCENARIO, type DemoStep } from "./scenario";

function capture(tty: boolean, columns = 80): Output & { text: () => string } {
  const chunks: string[] = [];
  return {
    isTTY: tty,
    columns,
    write: (text: string) => chunks.push(text),
    text: () => chunks.join(""),
  };
}

const occurrences = (text: string, part: string) => text.split(part).length - 1;

const step = DEMO_SCENARIO[1] as DemoStep;
const pending: Row = {
  label: "bot → Dan, text",
  verdict: { settled: false, ok: false, summary: "queued" },
};
const refused: Row = {
  label: "bot → Dan, text",
  verdict: {
    settled: true,
    ok: true,
    summary: "refused · automated_reply_outside_window",
    sentence: "Not delivered: only a human agent may reply.",
  },
};
const differed: Row = {
  label: "agent → Dan, text",
  verdict: {
    settled: true,
    ok: false,
    summary: "refused · channel_auth_failed",
    difference: "expected delivered",
  },
};

describe("stepLines", () => {
  it("shows the step's state, then a line per row with the sentence under a refusal", () => {
    const lines = stepLines(step, [refused, differed], PLAIN_STYLE, 0);
    expect(lines).toEqual([
      "2. A 30-hour-old conversation on the human-agent channel  1 of 2 differed",
      `   ${step.story}`,
      "   [ok] bot → Dan, text    refused · automated_reply_outside_window",
      '        "Not delivered: only a human agent may reply."',
      "   [!!] agent → Dan, text  refused · channel_auth_failed",
    ]);
    expect(stepLines(step, [pending, refused], PLAIN_STYLE, 0)[0]).toMatch(/\(1\/2\)$/);
    expect(stepLines(step, [refused], PLAIN_STYLE, 0)[0]).toMatch(/as expected$/);
  });
});

describe("createDisplay", () => {
  it("prints a live block once, in plain text, when it is done (not a terminal)", () => {
    const out = capture(false);
    const display = createDisplay(out);
    let rows = [pending];
    const block = display.live((frame) => stepLines(step, rows, display.style, frame));
    block.refresh();
    expect(out.text()).toBe("");
    rows = [refused];
    block.done();
    expect(out.text()).not.toContain("\x1b");
    expect(out.text()).toContain(
      "[ok] bot → Dan, text  refused · automated_reply_outside_window\n",
    );
  });

  it("redraws a live block in place on a terminal and restores the cursor", () => {
    const out = capture(true, 200);
    const display = createDisplay(out);
    let rows = [pending];
    const block = display.live((frame) => stepLines(step, rows, display.style, frame));
    rows = [refused];
    block.refresh();
    block.done();
    display.close();
    const text = out.text();
    expect(text.startsWith("\x1b[?25l")).toBe(true);
    // Three lines were drawn (title, story, row): each redraw moves up over exactly those.
    expect(occurrences(text, "\x1b[3F")).toBe(1);
    expect(occurrences(text, "\x1b[4F")).toBe(1); // the refusal added its sentence line
    expect(text).toContain("✔");
    expect(text.endsWith("\x1b[?25h")).toBe(true);
  });
});

describe("physicalRows", () => {
  it("counts wrapped lines by their visible width, colours excluded", () => {
    expect(physicalRows(["short", "\x1b[31mred\x1b[0m"], 80)).toBe(2);
    expect(physicalRows(["x".repeat(81)], 80)).toBe(2);
    expect(physicalRows(["x".repeat(80), ""], 80)).toBe(2);
  });
});
