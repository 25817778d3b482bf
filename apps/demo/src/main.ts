import { readProcessEnv } from "@meta-relay/config";
import { isRelayError } from "@meta-relay/core";
import { parseDemoArgs, USAGE, type DemoArgs } from "./cli-args";
import { startDemoStack, type DemoStack } from "./demo-stack";
import { createDisplay, type Display } from "./progress";
import { playDemo, printIntro, printKeepRunning } from "./run-demo";

/** Exit statuses: 0 as expected (or stopped with Ctrl-C after the scenario), 1 differed, 2 could not run. */
const EXIT_DIFFERED = 1;
const EXIT_FAILED = 2;
const EXIT_USAGE = 64;
const EXIT_INTERRUPTED = 130;
/** Shutdown gives up after this long and exits anyway. */
const SHUTDOWN_DEADLINE_MS = 10_000;

/** `npm run demo`: start everything, play the scenario, then keep running (or exit with --once). */
async function main(): Promise<void> {
  const args = argsOrExit();
  if (args.help) {
    process.stdout.write(USAGE);
    return;
  }
  // A closed pipe (`npm run demo | head`) must not crash the demo halfway through its shutdown.
  process.stdout.on("error", () => undefined);
  const display = createDisplay(process.stdout);
  const lifecycle = new Lifecycle(display);
  lifecycle.trapSignals();
  try {
    display.print(
      display.style.bold(
        "meta-relay demo: the whole product on this machine, against a simulated Meta.",
      ),
    );
    const stack = await lifecycle.starting(
      startDemoStack({
        redisUrl: readProcessEnv().REDIS_URL,
        simulateMetaError: args.simulateMetaError,
        apiPort: args.apiPort,
        ingressPort: args.ingressPort,
      }),
    );
    printIntro(display, stack, args);
    const result = await playDemo(stack, display);
    lifecycle.scenarioDone = true;
    if (args.once) await lifecycle.exit(result.ok ? 0 : EXIT_DIFFERED);
    printKeepRunning(display, stack);
  } catch (error) {
    if (lifecycle.exiting) return; // interrupted: the shutdown in progress reports and exits
    display.close();
    process.stderr.write(`\n${describeError(error)}\n`);
    await lifecycle.exit(EXIT_FAILED);
  }
}

function argsOrExit(): DemoArgs {
  try {
    return parseDemoArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${describeError(error)}\n`);
    process.exit(EXIT_USAGE);
  }
}

/** Owns shutdown: Ctrl-C (or SIGTERM) closes everything once; a second Ctrl-C exits at once. */
class Lifecycle {
  scenarioDone = false;
  exiting = false;
  #stack: Promise<DemoStack | undefined> = Promise.resolve(undefined);

  constructor(private readonly display: Display) {}

  trapSignals(): void {
    const onSignal = () => {
      if (this.exiting) process.exit(EXIT_INTERRUPTED);
      this.display.close();
      this.display.print("", "Stopping the demo…");
      void this.exit(this.scenarioDone ? 0 : EXIT_INTERRUPTED);
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  }

  /** Remembers the stack being started, so a signal during start-up still closes it. */
  starting(stack: Promise<DemoStack>): Promise<DemoStack> {
    this.#stack = stack.catch(() => undefined);
    return stack;
  }

  async exit(code: number): Promise<never> {
    this.exiting = true;
    process.exitCode = code;
    this.display.close();
    // Not unref'd: the redis-server child is, so waiting for it alone would let the process end early.
    setTimeout(() => process.exit(code), SHUTDOWN_DEADLINE_MS);
    await (await this.#stack)?.close();
    process.exit(code);
  }
}

function describeError(error: unknown): string {
  if (isRelayError(error)) return `demo: ${error.message}`;
  return `demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}

void main();
