// Placeholder for root scripts whose feature has not landed yet; exits non-zero so nobody mistakes it for a pass.
const name = process.argv[2] ?? "this script";
console.error(`${name}: not available yet in this build of meta-relay`);
process.exit(1);
