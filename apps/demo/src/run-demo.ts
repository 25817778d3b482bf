import type { SimSend } from "@meta-relay/testkit";
import type { DemoArgs } from "./cli-args";
import type { DemoStack } from "./demo-stack";
import { EventIndex } from "./event-index";
import { platformName } from "./format";
import type { Display } from "./progress";
import { playScenario, type StepResult } from "./run-scenario";
import { CUSTOMERS, DEMO_SCENARIO, type DemoChannel } from "./scenario";

/** A step waits this long for its outcomes (retries of a simulated error included). */
const STEP_TIMEOUT_MS = 20_000;

export interface DemoResult {
  /** Every outcome as expected, Meta refused nothing, and every event was signed correctly. */
  ok: boolean;
  /** One line per thing that differed, e.g. "step 2, bot → Dan, text: expected …, got …". */
  differences: string[];
  /** Sends the simulated Meta refused because they broke its rules. */
  refusals: number;
  elapsedMs: number;
}

/** Tells the user what runs where, before the scenario starts. */
export function printIntro(display: Display, stack: DemoStack, args: DemoArgs): void {
  const { bold, dim } = display.style;
  const row = (name: string, value: string, note = "") =>
    `  ${name.padEnd(11)} ${value}${note ? `  ${dim(note)}` : ""}`;
  display.print(
    "",
    row(
      "Redis",
      stack.redis.description,
      stack.redis.owned ? "" : `keys under ${stack.keyPrefix}, removed when the demo stops`,
    ),
    row("Ingress", stack.urls.ingress, "signed webhooks from the simulated customers"),
    row("Agent API", stack.urls.api, `Authorization: Bearer ${stack.credentials.apiKey}`),
    row("Meta", stack.urls.graph, "the simulated Graph API (META_GRAPH_URL)"),
    row("Events", stack.receiver.url, "EVENTS_WEBHOOK_URL; every signature is verified"),
    row("Relay logs", stack.logFile, "warn and above"),
    "",
    bold("Channels connected through PUT /v1/channels:"),
    ...stack.channels.map((channel) => `  ${describeChannel(channel)}`),
    "",
  );
  if (args.simulateMetaError !== null) {
    display.print(
      display.style.bad(
        `The simulated Meta refuses every send with error ${args.simulateMetaError} (--simulate-meta-error): replies that should be delivered will fail.`,
      ),
      "",
    );
  }
}

function describeChannel(channel: DemoChannel): string {
  const name = platformName(channel.platform).padEnd(10);
  switch (channel.platform) {
    case "messenger":
      return `${name} page ${channel.channelId}${channel.humanAgent ? ", approved for HUMAN_AGENT (humanAgent: true)" : ""}`;
    case "instagram":
      return `${name} account ${channel.channelId}, sending through page ${channel.pageId ?? channel.channelId}`;
    case "whatsapp":
      return `${name} phone number id ${channel.channelId}`;
  }
}

/** Plays the scenario against the running stack and prints the outcome and where to look next. */
export async function playDemo(stack: DemoStack, display: Display): Promise<DemoResult> {
  const started = Date.now();
  const { index, stop } = EventIndex.follow(stack.receiver);
  let results: StepResult[];
  try {
    results = await playScenario(
      {
        client: stack.client,
        customers: stack.customers,
        sim: stack.sim,
        receiver: stack.receiver,
        events: index,
        display,
        stepTimeoutMs: STEP_TIMEOUT_MS,
      },
      DEMO_SCENARIO,
    );
  } finally {
    stop();
  }
  const refusals = stack.sim.refusals();
  const differences = differencesOf(results);
  if (refusals > 0) {
    differences.push(`the simulated Meta refused ${refusals} send(s) for breaking its rules`);
  }
  const badEvents = stack.receiver.refused();
  if (badEvents > 0) {
    differences.push(`${badEvents} event post(s) failed the signature or shape check`);
  }
  const result = {
    ok: differences.length === 0,
    differences,
    refusals,
    elapsedMs: Date.now() - started,
  };
  printSummary(display, stack, result);
  return result;
}

function differencesOf(results: StepResult[]): string[] {
  return results.flatMap((result) =>
    result.rows
      .filter((row) => !row.verdict.ok)
      .map(
        (row) =>
          `step ${result.step.number}, ${row.label}: ${row.verdict.difference ?? row.verdict.summary}`,
      ),
  );
}

function printSummary(display: Display, stack: DemoStack, result: DemoResult): void {
  const { bold, good, bad, dim } = display.style;
  const accepted = stack.sim.sends.filter((send: SimSend) => send.outcome === "accepted").length;
  const refusalLine = `Meta's refusal count: ${result.refusals}`;
  display.print(
    "",
    `${result.refusals === 0 ? good(refusalLine) : bad(refusalLine)}  ${dim(
      `the simulator judges every send by Meta's rules on its own; it accepted ${accepted} of ${stack.sim.sends.length}`,
    )}`,
    `Events received: ${stack.receiver.events.length}, every signature verified ${dim(`(${stack.receiver.refused()} refused)`)}`,
    "",
  );
  if (result.ok) {
    display.print(
      good(bold(`Every outcome was as expected (${(result.elapsedMs / 1000).toFixed(1)} s).`)),
    );
  } else {
    display.print(
      bad(bold(`${result.differences.length} outcome(s) differed from what the rules prescribe:`)),
    );
    display.print(...result.differences.map((line) => `  ${bad(line)}`));
  }
  const { dashboardUser, dashboardPassword } = stack.credentials;
  display.print(
    "",
    `  Dashboard  ${stack.urls.dashboard}  ${dim(`user ${dashboardUser}, password ${dashboardPassword}`)}`,
    `  API docs   ${stack.urls.docs}`,
    "",
  );
}

/** What to try while the demo keeps running. */
export function printKeepRunning(display: Display, stack: DemoStack): void {
  const { ana } = CUSTOMERS;
  const conversation = `${stack.urls.api}/conversations/${ana.platform}/${ana.channelId}/${ana.userId}`;
  const worklist = `${stack.urls.api}/channels/${ana.platform}/${ana.channelId}/conversations?state=unanswered`;
  const auth = `-H 'Authorization: Bearer ${stack.credentials.apiKey}'`;
  display.print(
    "The relay keeps running. Ask it about Ana's window, as an agent's screen would:",
    `  curl ${auth} ${conversation}`,
    "or for the page's worklist, the unanswered conversations by deadline:",
    `  curl ${auth} '${worklist}'`,
    "Press Ctrl-C to stop.",
  );
}
