import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, type WriteStream } from "node:fs";
import { join } from "node:path";
import { freeRolePorts, type Deployment, type RelayRole, type RolePorts } from "./deployment";
import { relayMain, runSettings } from "./run-settings";
import { sleep, waitFor } from "./wait";

/**
 * One `node apps/relay/dist/main.js` child with exactly the deployment's environment (nothing
 * inherited), its roles on their ports, its log captured to a file.
 */
export interface RelayProcess {
  readonly name: string;
  readonly roles: RelayRole[];
  readonly ports: RolePorts;
  /** `http://127.0.0.1:<port>` of a role. */
  url(role: RelayRole): string;
  /** True while the current child runs. */
  alive(): boolean;
  /** Exits that nobody asked for (a crash), since the start. */
  readonly crashes: { code: number | null; signal: string | null }[];
  /** Sends `signal` and waits for the exit (SIGKILL after 30 s of SIGTERM). */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the process again with the same environment and ports; resolves once it is ready. */
  restart(): Promise<void>;
  /** The last lines it wrote (for failure messages). */
  tail(lines?: number): string;
  /** GET /metrics of one of its roles. */
  metrics(role?: RelayRole): Promise<string>;
  /** Where its log lines go. */
  readonly logFile: string;
  /** Stops it (SIGTERM) and closes its log file. */
  dispose(): Promise<void>;
}

async function startRelayProcess(
  name: string,
  roles: RelayRole[],
  env: Record<string, string>,
  ports: RolePorts,
): Promise<RelayProcess> {
  const logDir = join(runSettings().runDir, "logs");
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${name}.log`);
  const log: WriteStream = createWriteStream(logFile, { flags: "a" });
  const recent: string[] = [];
  const crashes: { code: number | null; signal: string | null }[] = [];
  let child: ChildProcess | null = null;
  let expectingExit = false;

  const launch = () => {
    expectingExit = false;
    const { cpuProfDir } = runSettings();
    const profile = cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${cpuProfDir}`] : [];
    const started = spawn(process.execPath, [...profile, relayMain()], {
      cwd: runSettings().root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const keep = (chunk: Buffer) => {
      log.write(chunk);
      recent.push(chunk.toString("utf8"));
      if (recent.length > 200) recent.splice(0, recent.length - 200);
    };
    started.stdout?.on("data", keep);
    started.stderr?.on("data", keep);
    started.once("exit", (code, signal) => {
      if (!expectingExit) crashes.push({ code, signal });
    });
    child = started;
  };

  const alive = () => child !== null && child.exitCode === null && child.signalCode === null;
  const url = (role: RelayRole) => `http://127.0.0.1:${ports[role]}`;
  const tail = (lines = 30) => recent.join("").split("\n").slice(-lines).join("\n");

  const ready = async () => {
    await waitFor(
      async () => {
        if (!alive()) throw new Error(`relay ${name} exited during start-up:\n${tail()}`);
        const answers = await Promise.all(
          roles.map((role) =>
            fetch(`${url(role)}/readyz`).then(
              (res) => res.ok,
              () => false,
            ),
          ),
        );
        return answers.every(Boolean);
      },
      60_000,
      `relay ${name} (${roles.join(",")}) to be ready`,
      100,
    );
  };

  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    const current = child;
    if (!current || !alive()) return;
    expectingExit = true;
    const exited = new Promise<void>((resolve) => current.once("exit", () => resolve()));
    current.kill(signal);
    const forced = sleep(30_000).then(() => {
      if (current.exitCode === null && current.signalCode === null) current.kill("SIGKILL");
    });
    await Promise.race([exited, forced]);
    await exited;
  };

  launch();
  await ready();
  return {
    name,
    roles,
    ports,
    url,
    alive,
    crashes,
    stop,
    async restart() {
      await stop("SIGKILL");
      launch();
      await ready();
    },
    tail,
    async metrics(role = roles[0] ?? "worker") {
      const res = await fetch(`${url(role)}/metrics`);
      return res.text();
    },
    logFile,
    async dispose() {
      await stop("SIGTERM");
      await new Promise<void>((resolve) => log.end(() => resolve()));
    },
  };
}

/**
 * Starts a relay process of deployment `d` with `roles`, on free ports of its own. A port found free
 * can be taken as the local port of an outgoing connection before the child binds it; such a start
 * (EADDRINUSE) is tried again on other ports.
 */
export async function startRelayFor(
  d: Deployment,
  name: string,
  roles: RelayRole[],
): Promise<RelayProcess> {
  for (let attempt = 1; ; attempt++) {
    const ports = await freeRolePorts();
    try {
      return await startRelayProcess(name, roles, d.envFor(roles, ports), ports);
    } catch (error) {
      const portTaken = error instanceof Error && error.message.includes("EADDRINUSE");
      if (!portTaken || attempt >= 3) throw error;
    }
  }
}
