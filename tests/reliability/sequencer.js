// Runs the reliability files in name order (01-…, 02-…): the log audit must come last.
const Sequencer = require("@jest/test-sequencer").default;

class ByName extends Sequencer {
  sort(tests) {
    return [...tests].sort((a, b) => a.path.localeCompare(b.path));
  }
}

module.exports = ByName;
