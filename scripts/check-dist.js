// Fails when any workspace's dist/ holds a test helper or a test: the builds must emit product code only
// (test helpers live under src/testing/ and every build script ignores them). Run after `turbo run build`.
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const GROUPS = ["packages", "apps", "tests", "bench"];
const FORBIDDEN = [/(^|\/)testing(\/|$)/, /test-support/, /\.test\.js(\.map)?$/, /harness/];
// Product code that loads a test helper would fail where only dist/ is shipped (the Docker image).
const LOADS_HELPER = /require\("[^"]*(\/testing|test-support)[^"]*"\)/;

function workspaceDirs() {
  const dirs = [];
  for (const group of GROUPS) {
    const base = path.join(root, group);
    if (!fs.existsSync(base)) continue;
    if (fs.existsSync(path.join(base, "package.json"))) dirs.push(base);
    else for (const name of fs.readdirSync(base)) dirs.push(path.join(base, name));
  }
  return dirs;
}

function filesUnder(dir) {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() || entry.isDirectory())
    .map((entry) =>
      path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"),
    );
}

const offenders = [];
let checked = 0;
for (const dir of workspaceDirs()) {
  const dist = path.join(dir, "dist");
  if (!fs.existsSync(dist)) continue;
  checked += 1;
  for (const file of filesUnder(dist)) {
    const where = path.relative(root, path.join(dist, file));
    if (FORBIDDEN.some((pattern) => pattern.test(file))) offenders.push(where);
    else if (
      file.endsWith(".js") &&
      LOADS_HELPER.test(fs.readFileSync(path.join(dist, file), "utf8"))
    )
      offenders.push(`${where} (loads a test helper)`);
  }
}
if (checked === 0) {
  console.error("check-dist: no dist/ found; run `turbo run build` first");
  process.exit(1);
}
if (offenders.length > 0) {
  console.error(`check-dist: test code in build output:\n  ${offenders.join("\n  ")}`);
  console.error(
    "(a dist/ left by an older build keeps files the build no longer emits: remove it, build again)",
  );
  process.exit(1);
}
console.log(`check-dist: ${checked} dist/ directories hold no test helpers`);
