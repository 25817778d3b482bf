// `npm run test:reliability [-- --minutes N] [jest args]`: runs the reliability suite with jest.
// --minutes sets the soak's length (default 5; META_RELAY_SOAK_MINUTES works too). --cpu-prof makes
// every relay child, and the test process (simulated Meta, customers, the events receiver), write a
// CPU profile (open it in Chrome DevTools) under the run directory's cpu-profiles/.
const { spawnSync } = require("node:child_process");
const path = require("node:path");

const args = process.argv.slice(2);
const env = { ...process.env };
const rest = [];
const nodeArgs = [];
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  const inline = /^--minutes=(.+)$/.exec(arg);
  if (arg === "--cpu-prof") {
    env.META_RELAY_CPU_PROF = "1";
    env.META_RELAY_RELIABILITY_RUN_DIR ??= path.join(
      __dirname,
      "../../test-artifacts/reliability",
      new Date().toISOString().replace(/[:.]/g, "-"),
    );
    const dir = path.join(env.META_RELAY_RELIABILITY_RUN_DIR, "cpu-profiles");
    nodeArgs.push("--cpu-prof", `--cpu-prof-dir=${dir}`);
  } else if (arg === "--minutes" || inline) {
    const value = inline ? inline[1] : args[++i];
    if (!/^\d+(\.\d+)?$/.test(value ?? "") || Number(value) <= 0) {
      console.error(`--minutes needs a positive number, got ${value}`);
      process.exit(64);
    }
    env.META_RELAY_SOAK_MINUTES = value;
  } else {
    rest.push(arg);
  }
}
const jest = require.resolve("jest/bin/jest");
const result = spawnSync(
  process.execPath,
  [...nodeArgs, jest, "--config", path.join(__dirname, "jest.config.js"), ...rest],
  {
    cwd: __dirname,
    env,
    stdio: "inherit",
  },
);
process.exit(result.status ?? 1);
