import { DemoError } from "./demo-error";

/** The flags of `npm run demo -- [flags]`. */
export interface DemoArgs {
  /** Exit after the scenario: status 0 only if every outcome was as expected. */
  once: boolean;
  /** A Meta error code the simulator answers every send with (e.g. 190), or null for none. */
  simulateMetaError: number | null;
  /** Port of the agent API (dashboard and docs included); 0 picks a free one. */
  apiPort: number;
  /** Port of the Meta-facing ingress; 0 picks a free one. */
  ingressPort: number;
  help: boolean;
}

export const USAGE = `Usage: npm run demo -- [options]

Runs meta-relay (ingress, API, workers) against a built-in Meta simulator and plays a narrated
scenario of Meta's messaging-window rules. No Meta app and no credentials needed.

Options:
  --once                        exit after the scenario: status 0 only if every outcome was as expected
  --simulate-meta-error <code>  make the simulated Meta refuse every send with this error code
                                (e.g. 190: invalid token), to see the demo fail honestly
  --api-port <port>             port of the agent API, dashboard and docs (default: a free port)
  --ingress-port <port>         port of the webhook ingress (default: a free port)
  -h, --help                    show this help

Environment:
  REDIS_URL                     a Redis to use; without it (or when it is unreachable) the demo
                                starts redis-server from PATH on a free port
`;

const VALUE_FLAGS = ["--simulate-meta-error", "--api-port", "--ingress-port"] as const;
type ValueFlag = (typeof VALUE_FLAGS)[number];

/** Parses the command line (without `node` and the script). Throws DemoError on anything unknown. */
export function parseDemoArgs(argv: readonly string[]): DemoArgs {
  const args: DemoArgs = {
    once: false,
    simulateMetaError: null,
    apiPort: 0,
    ingressPort: 0,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--once") args.once = true;
    else if (arg === "-h" || arg === "--help") args.help = true;
    else {
      const [flag, inline] = splitFlag(arg);
      if (!isValueFlag(flag)) throw usageError(`unknown option ${arg}`);
      const value = inline ?? argv[++i];
      if (value === undefined) throw usageError(`${flag} needs a value`);
      applyValue(args, flag, value);
    }
  }
  return args;
}

function splitFlag(arg: string): [string, string | undefined] {
  const eq = arg.indexOf("=");
  return eq === -1 ? [arg, undefined] : [arg.slice(0, eq), arg.slice(eq + 1)];
}

function isValueFlag(flag: string): flag is ValueFlag {
  return (VALUE_FLAGS as readonly string[]).includes(flag);
}

function applyValue(args: DemoArgs, flag: ValueFlag, value: string): void {
  switch (flag) {
    case "--simulate-meta-error":
      args.simulateMetaError = integer(flag, value, 1, 999_999);
      return;
    case "--api-port":
      args.apiPort = integer(flag, value, 0, 65_535);
      return;
    case "--ingress-port":
      args.ingressPort = integer(flag, value, 0, 65_535);
      return;
  }
}

function integer(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    throw usageError(`${flag} must be a whole number from ${min} to ${max}, not "${value}"`);
  }
  return n;
}

function usageError(problem: string): DemoError {
  return new DemoError("demo_usage", `${problem} (see --help)`);
}
