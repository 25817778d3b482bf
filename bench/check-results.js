// CI check after `npm run bench -- --quick`: bench/results.json (or the file named) must carry every
// required figure as a finite number. Exits 1 naming the missing ones.
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const { missingFields, REQUIRED_FIELDS } = require("./dist/results");

const file = process.argv[2] ?? join(__dirname, "results.json");
const missing = missingFields(JSON.parse(readFileSync(file, "utf8")));
if (missing.length > 0) {
  process.stderr.write(`${file}: missing or not a number: ${missing.join(", ")}\n`);
  process.exit(1);
}
process.stdout.write(`${file}: all ${REQUIRED_FIELDS.length} figures are numbers\n`);
