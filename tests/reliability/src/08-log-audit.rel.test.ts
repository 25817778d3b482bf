import { createReadStream, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatSection, mib, report, reportedSections } from "./support/figures";
import { recordedSensitiveValues, type SensitiveValue } from "./support/sensitive";
import { runSettings } from "./support/run-settings";

// The last file of the run: every relay child of the run logged at LOG_LEVEL=debug into the run's
// log directory; none of those lines may contain a secret, token or message text the tests used.
// Then the figures of every section, together.

interface Leak {
  file: string;
  label: string;
  line: string;
}

/** Streams a log file line by line and reports every line containing a sensitive value. */
async function scan(
  file: string,
  values: SensitiveValue[],
): Promise<{ lines: number; leaks: Leak[] }> {
  const leaks: Leak[] = [];
  let lines = 0;
  let rest = "";
  const check = (line: string) => {
    lines += 1;
    for (const v of values) {
      if (line.includes(v.value))
        leaks.push({
          file,
          label: v.label,
          line: line.replace(v.value, "<REDACTED>").slice(0, 300),
        });
    }
  };
  for await (const chunk of createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 })) {
    const parts = (rest + (chunk as string)).split("\n");
    rest = parts.pop() ?? "";
    for (const line of parts) check(line);
  }
  if (rest !== "") check(rest);
  return { lines, leaks };
}

describe("log audit", () => {
  it("finds no secret, token or message text in any log line of the run", async () => {
    const dir = join(runSettings().runDir, "logs");
    const files = readdirSync(dir).filter((f) => f.endsWith(".log"));
    const values = recordedSensitiveValues();
    const leaks: Leak[] = [];
    let lines = 0;
    let bytes = 0;
    for (const file of files) {
      const found = await scan(join(dir, file), values);
      lines += found.lines;
      bytes += statSync(join(dir, file)).size;
      leaks.push(...found.leaks);
    }
    const labels = new Map<string, number>();
    for (const v of values) labels.set(v.label, (labels.get(v.label) ?? 0) + 1);
    report({
      section: "08 log audit (LOG_LEVEL=debug)",
      figures: {
        "log files (relay children)": files.length,
        "lines / bytes": `${lines} / ${mib(bytes)}`,
        "sensitive values searched": `${values.length}: ${[...labels].map(([l, n]) => `${l} ${n}`).join(", ")}`,
        "lines containing one": leaks.length,
      },
    });
    // The scanner itself: a line carrying a recorded value is found.
    const canaryFile = join(mkdtempSync(join(tmpdir(), "log-audit-")), "canary.log");
    const canary = values[0];
    writeFileSync(canaryFile, `{"msg":"ok"}\n{"note":"x${canary?.value ?? ""}x"}\n`);
    expect((await scan(canaryFile, values)).leaks.length).toBeGreaterThanOrEqual(1);
    const summary = reportedSections().map(formatSection).join("\n\n");
    process.stdout.write(
      `\n======== reliability figures of this run (${runSettings().runDir}) ========\n\n${summary}\n`,
    );
    expect(files.length).toBeGreaterThan(0);
    expect(values.length).toBeGreaterThan(0);
    expect(leaks.slice(0, 10)).toEqual([]);
  });
});
