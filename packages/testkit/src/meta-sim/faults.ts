import { SimulatorError } from "./errors";
import { injectedError, type GraphError } from "./graph-errors";
import type { ChaosOptions, FaultRule, SimPlatform } from "./types";

/** What the fake answers instead of judging a send. */
export type FaultAction =
  { kind: "error"; error: GraphError } | { kind: "http"; status: number } | { kind: "timeout" };

export interface FaultTarget {
  platform: SimPlatform | null;
  channelId: string;
  userId: string;
}

interface ArmedRule {
  rule: FaultRule;
  remaining: number;
}

/** Injected faults (consumed in the order they were injected) and random chaos. */
export class FaultBook {
  #rules: ArmedRule[] = [];
  #chaos: ChaosOptions | null = null;

  inject(rule: FaultRule): void {
    if (!["error", "timeout", "http"].includes(rule.kind)) {
      throw new SimulatorError("invalid_fault", `unknown fault kind: ${String(rule.kind)}`);
    }
    const remaining = rule.count ?? 1;
    if (!(remaining > 0)) throw new SimulatorError("invalid_fault", "fault count must be > 0");
    this.#rules.push({ rule, remaining });
  }

  setChaos(options: ChaosOptions | null): void {
    if (options) {
      for (const rate of [options.errorRate, options.timeoutRate]) {
        if (rate !== undefined && !(rate >= 0 && rate <= 1)) {
          throw new SimulatorError("invalid_chaos", "chaos rates must be between 0 and 1");
        }
      }
    }
    this.#chaos = options;
  }

  reset(): void {
    this.#rules = [];
    this.#chaos = null;
  }

  /** The random latency chaos adds before a send is judged (0 without chaos). */
  delayMs(): number {
    const min = this.#chaos?.minDelayMs ?? 0;
    const max = Math.max(min, this.#chaos?.maxDelayMs ?? min);
    return min + Math.random() * (max - min);
  }

  /**
   * The fault for this send (or media lookup), if any: the first matching injected rule, else a
   * chaos roll. Chaos troubles sends only.
   */
  take(target: FaultTarget, on: "send" | "media" = "send"): FaultAction | undefined {
    const armed = this.#rules.find(
      (candidate) => (candidate.rule.on ?? "send") === on && matches(candidate.rule, target),
    );
    if (armed) {
      armed.remaining -= 1;
      if (armed.remaining <= 0) this.#rules = this.#rules.filter((other) => other !== armed);
      return actionFor(armed.rule, target.platform);
    }
    return on === "send" ? this.#rollChaos(target.platform) : undefined;
  }

  #rollChaos(platform: SimPlatform | null): FaultAction | undefined {
    if (!this.#chaos) return undefined;
    const roll = Math.random();
    const errorRate = this.#chaos.errorRate ?? 0;
    if (roll < errorRate) return randomServerError(platform);
    if (roll < errorRate + (this.#chaos.timeoutRate ?? 0)) return { kind: "timeout" };
    return undefined;
  }
}

function matches(rule: FaultRule, target: FaultTarget): boolean {
  const match = rule.match ?? {};
  return (
    (match.platform === undefined || match.platform === target.platform) &&
    (match.channelId === undefined || match.channelId === target.channelId) &&
    (match.userId === undefined || match.userId === target.userId)
  );
}

function actionFor(rule: FaultRule, platform: SimPlatform | null): FaultAction {
  if (rule.kind === "timeout") return { kind: "timeout" };
  if (rule.kind === "http") return { kind: "http", status: rule.status ?? 502 };
  return { kind: "error", error: injectedError(platform, rule) };
}

/** Meta's own transient error (2 or 131000) or a bare 502/503 from its edge, at random. */
function randomServerError(platform: SimPlatform | null): FaultAction {
  const pick = Math.floor(Math.random() * 3);
  if (pick === 0) return { kind: "http", status: 502 };
  if (pick === 1) return { kind: "http", status: 503 };
  const code = platform === "whatsapp" ? 131000 : 2;
  return { kind: "error", error: injectedError(platform, { code, status: 500 }) };
}
