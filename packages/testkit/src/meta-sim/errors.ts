/**
 * A misuse of the simulator by a test or the demo (unknown channel, bad option). The simulator does
 * not depend on @meta-relay/core, so this is its own small error class with a machine `code`.
 */
export class SimulatorError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = "SimulatorError";
    this.code = code;
  }
}
