// Shared jest settings: every package's jest.config.js calls this with its own directory.
// Tests run from TypeScript sources through @swc/jest (types are checked separately by `tsc`).
const fs = require("node:fs");
const path = require("node:path");

const root = __dirname;

function workspaceSourceMap() {
  const map = {};
  for (const group of ["packages", "apps", "tests"]) {
    const dir = path.join(root, group);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir)) {
      const entry = path.join(dir, name, "src", "index.ts");
      if (fs.existsSync(entry)) map[`^@meta-relay/${name}$`] = entry;
      // Test helpers: a separate entry, resolved to source because no build emits it.
      const testing = path.join(dir, name, "src", "testing", "index.ts");
      if (fs.existsSync(testing)) map[`^@meta-relay/${name}/testing$`] = testing;
    }
  }
  return map;
}

/** @param {string} packageDir @param {Partial<import('jest').Config>} [overrides] */
function createJestConfig(packageDir, overrides = {}) {
  return {
    rootDir: packageDir,
    testEnvironment: "node",
    testMatch: ["<rootDir>/src/**/*.test.ts"],
    transform: {
      "^.+\\.ts$": [
        "@swc/jest",
        {
          jsc: { parser: { syntax: "typescript" }, target: "es2022", keepClassNames: true },
          module: { type: "commonjs" },
        },
      ],
    },
    moduleNameMapper: workspaceSourceMap(),
    globalSetup: path.join(root, "packages/testkit/src/jest/global-setup.ts"),
    globalTeardown: path.join(root, "packages/testkit/src/jest/global-teardown.ts"),
    testTimeout: 30_000,
    ...overrides,
  };
}

module.exports = { createJestConfig };
