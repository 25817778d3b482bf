import { randomBytes } from "node:crypto";
import { appendFileSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { runSettings } from "./run-settings";

// Every secret, token and message-text marker a test hands the relay is written down here, so the
// log audit at the end of the run can look for each of them in every log line the relay wrote.

const fileTag = `${process.pid}-${randomBytes(4).toString("hex")}`;

function sensitiveDir(): string {
  return join(runSettings().runDir, "sensitive");
}

/** Records `value` (labelled for the report) as something no log line may contain; returns it. */
export function sensitive(label: string, value: string): string {
  mkdirSync(sensitiveDir(), { recursive: true });
  appendFileSync(join(sensitiveDir(), `${fileTag}.jsonl`), `${JSON.stringify({ label, value })}\n`);
  return value;
}

/** A fresh random secret of `bytes` bytes (hex), recorded as sensitive. */
export function newSecret(label: string, bytes = 16): string {
  return sensitive(
    label,
    `${label.replace(/[^a-z]/gi, "").slice(0, 6)}${randomBytes(bytes).toString("hex")}`,
  );
}

/**
 * A marker for message texts: every text a test sends carries it, so one search finds any text
 * that reached a log. Letters only, so it survives JSON escaping unchanged.
 */
export function newTextMarker(): string {
  const letters = [...randomBytes(12)].map((b) => String.fromCharCode(97 + (b % 26))).join("");
  return sensitive("message text", `txt${letters}`);
}

export interface SensitiveValue {
  label: string;
  value: string;
  /** The file (one per test file) that recorded it. */
  source: string;
}

/** Every sensitive value recorded in this run so far. */
export function recordedSensitiveValues(): SensitiveValue[] {
  let files: string[];
  try {
    files = readdirSync(sensitiveDir()).filter((f) => f.endsWith(".jsonl"));
  } catch {
    return [];
  }
  return files.flatMap((file) =>
    readFileSync(join(sensitiveDir(), file), "utf8")
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => ({
        ...(JSON.parse(line) as { label: string; value: string }),
        source: basename(file),
      })),
  );
}
