import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runSettings } from "./run-settings";

type Figure = string | number;

/** A section's figures: named values, and optionally a table (e.g. memory over time). */
export interface SectionFigures {
  section: string;
  figures: Record<string, Figure>;
  table?: { header: string[]; rows: Figure[][] };
}

function figuresDir(): string {
  return join(runSettings().runDir, "figures");
}

/**
 * Prints a section's figures as a small block in the test output and keeps them in the run
 * directory, where the last test of the run collects every section into one summary.
 */
export function report(result: SectionFigures): void {
  mkdirSync(figuresDir(), { recursive: true });
  const slug = result.section.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  writeFileSync(join(figuresDir(), `${slug}.json`), `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`\n${formatSection(result)}\n`);
}

/** Every section reported in this run so far, in the order the files were written. */
export function reportedSections(): SectionFigures[] {
  let files: string[];
  try {
    files = readdirSync(figuresDir()).filter((f) => f.endsWith(".json"));
  } catch {
    return [];
  }
  return files
    .map((f) => JSON.parse(readFileSync(join(figuresDir(), f), "utf8")) as SectionFigures)
    .sort((a, b) => a.section.localeCompare(b.section));
}

export function formatSection(result: SectionFigures): string {
  const lines = [`== reliability: ${result.section} ==`];
  const width = Math.max(...Object.keys(result.figures).map((k) => k.length), 0);
  for (const [name, value] of Object.entries(result.figures)) {
    lines.push(`  ${name.padEnd(width)}  ${value}`);
  }
  if (result.table) lines.push(...formatTable(result.table.header, result.table.rows));
  return lines.join("\n");
}

function formatTable(header: string[], rows: Figure[][]): string[] {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? "").length)));
  const line = (row: string[]) =>
    `  | ${row.map((cell, i) => cell.padStart(widths[i] ?? 0)).join(" | ")} |`;
  return [
    line(header),
    `  |${widths.map((w) => "-".repeat(w + 2)).join("|")}|`,
    ...rows.map((r) => line(r.map(String))),
  ];
}

/** `part / whole` as a percentage with one decimal. */
export function percent(part: number, whole: number): string {
  return whole === 0 ? "0.0 %" : `${((100 * part) / whole).toFixed(1)} %`;
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
