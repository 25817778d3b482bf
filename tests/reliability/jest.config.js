// The reliability suite: long tests against the built relay (`*.rel.test.ts`), never part of `npm test`.
// Files run one at a time, in name order (they load the same two cores), and share one run directory
// where every relay child writes its log and every test its figures.
const fs = require("node:fs");
const path = require("node:path");
const { createJestConfig } = require("../../jest.preset.js");

const root = path.resolve(__dirname, "../..");
const runDir =
  process.env.META_RELAY_RELIABILITY_RUN_DIR ||
  path.join(root, "test-artifacts", "reliability", new Date().toISOString().replace(/[:.]/g, "-"));
fs.mkdirSync(runDir, { recursive: true });
const soakMinutes = Number(process.env.META_RELAY_SOAK_MINUTES || "5");
// `--cpu-prof`: every relay child writes a V8 CPU profile into the run directory when it exits.
const cpuProfDir =
  process.env.META_RELAY_CPU_PROF === "1" ? path.join(runDir, "cpu-profiles") : null;

module.exports = createJestConfig(__dirname, {
  testMatch: ["<rootDir>/src/**/*.rel.test.ts"],
  testSequencer: path.join(__dirname, "sequencer.js"),
  maxWorkers: 1,
  testTimeout: 10 * 60_000,
  // A relay child or socket left behind by a failed test must not keep the run (and CI) waiting.
  forceExit: true,
  globals: { reliability: { runDir, soakMinutes, root, cpuProfDir } },
});
