import { join } from "node:path";

/** What jest.config.js hands every reliability test (through jest's `globals`). */
export interface RunSettings {
  /** Where this run's relay logs, sensitive values and figures go. */
  runDir: string;
  /** Length of the soak (`--minutes N`). */
  soakMinutes: number;
  /** The repository root. */
  root: string;
  /** `--cpu-prof`: where each relay child writes its CPU profile on exit; null: no profiling. */
  cpuProfDir: string | null;
}

/** The run's settings; a test started outside the reliability config gets safe defaults. */
export function runSettings(): RunSettings {
  const given = (globalThis as { reliability?: Partial<RunSettings> }).reliability ?? {};
  const root = given.root ?? join(__dirname, "../../../..");
  return {
    root,
    runDir: given.runDir ?? join(root, "test-artifacts", "reliability", "adhoc"),
    soakMinutes: given.soakMinutes ?? 5,
    cpuProfDir: given.cpuProfDir ?? null,
  };
}

/** `node apps/relay/dist/main.js`, the built launcher every test runs. */
export function relayMain(): string {
  return join(runSettings().root, "apps/relay/dist/main.js");
}
