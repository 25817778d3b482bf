const { createJestConfig } = require("../../jest.preset.js");

// Two files at a time: the reminders test spends its three minutes waiting for windows to come due,
// so the other files run beside it instead of after it (jest's default here is one worker).
module.exports = createJestConfig(__dirname, { maxWorkers: 2 });
