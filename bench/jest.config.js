const path = require("node:path");
const { createJestConfig } = require("../jest.preset.js");

module.exports = createJestConfig(path.join(__dirname));
