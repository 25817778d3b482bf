import type { Machine } from "./machine";
import type { DeliveryFigures } from "./scenarios/delivery";
import type { IngressBatchedFigures, IngressFigures } from "./scenarios/ingress";
import type { RedisFigures } from "./scenarios/redis";
import type { WindowFigures } from "./scenarios/windows";

/** What one run writes to bench/results.json. */
export interface BenchResults {
  generatedAt: string;
  mode: "quick" | "full";
  command: string;
  machine: Machine;
  settings: Record<string, unknown>;
  targets: typeof TARGETS;
  ingress: IngressFigures;
  ingressBatched: IngressBatchedFigures;
  delivery: DeliveryFigures;
  redis: RedisFigures;
  windows: WindowFigures;
  durationSeconds: number;
}

/** The targets, measured on a 2-core machine (baselines ≈ 6 000 req/s and ≈ 20 000 jobs/s). */
export const TARGETS = {
  ingressRatioMin: 0.7,
  deliveryRatioMin: 0.25,
  deliveryP99MsMax: 25,
  cpuMsPerReplyMax: 1.5,
  workerTripsPerReplyMax: 8,
  redisCommandsPerReplyMax: 150,
  roundTripsPerDecisionMax: 1,
  unansweredBytesPerConversationMax: 260,
  answeredBytesPerConversationMax: 160,
  roundTripsPerWindowWriteMax: 1,
};

/** Fields CI checks: each must be a finite number. */
export const REQUIRED_FIELDS = [
  "ingress.rps",
  "ingress.baselineRps",
  "ingress.ratio",
  "ingress.p99Ms",
  "ingressBatched.actionsPerSec",
  "delivery.messagesPerSec",
  "delivery.baselineJobsPerSec",
  "delivery.ratio",
  "delivery.p99Ms",
  "delivery.p99At200Ms",
  "delivery.cpuMsPerReply",
  "delivery.workerTripsPerReply",
  "delivery.redisCommandsPerReply",
  "redis.roundTripsPerDecision",
  "redis.bytesPerConversation",
  "windows.unansweredBytesPerConversation",
  "windows.answeredBytesPerConversation",
  "windows.roundTripsPerWindowWrite",
] as const;

/** The required fields that are missing or not finite numbers (empty when the file is complete). */
export function missingFields(results: unknown): string[] {
  return REQUIRED_FIELDS.filter((path) => {
    let value: unknown = results;
    for (const part of path.split(".")) {
      value =
        value !== null && typeof value === "object"
          ? (value as Record<string, unknown>)[part]
          : undefined;
    }
    return typeof value !== "number" || !Number.isFinite(value);
  });
}

interface Row {
  figure: string;
  target: string;
  measured: string;
  ratio: string;
  met: boolean | null;
}

/** The table printed at the end of a run (and mirrored in the README, "Performance"). */
export function resultRows(r: BenchResults): Row[] {
  const t = r.targets;
  return [
    {
      figure: "ingress, single-message webhooks (req/s)",
      target: `ratio ≥ ${t.ingressRatioMin}`,
      measured: `${r.ingress.rps} (baseline ${r.ingress.baselineRps})`,
      ratio: String(r.ingress.ratio),
      met: r.ingress.ratio >= t.ingressRatioMin,
    },
    {
      figure: "ingress latency p50 / p99 at saturation (ms)",
      target: "-",
      measured: `${r.ingress.p50Ms} / ${r.ingress.p99Ms} (baseline p99 ${r.ingress.baselineP99Ms})`,
      ratio: "-",
      met: null,
    },
    {
      figure: "ingress, WhatsApp batches of 100 (actions/s)",
      target: "-",
      measured: `${r.ingressBatched.actionsPerSec} (${r.ingressBatched.windowKeys} windows verified)`,
      ratio: "-",
      met: null,
    },
    {
      figure: "delivery, POST /v1/messages → Graph API (replies/s)",
      target: `ratio ≥ ${t.deliveryRatioMin}`,
      measured: `${r.delivery.messagesPerSec} (no-op BullMQ ${r.delivery.baselineJobsPerSec} jobs/s)`,
      ratio: String(r.delivery.ratio),
      met: r.delivery.ratio >= t.deliveryRatioMin,
    },
    {
      figure: `enqueue → Graph request at ${r.delivery.offeredPerSec}/s, p50 / p99 (ms)`,
      target: `p99 ≤ ${t.deliveryP99MsMax}`,
      measured: `${r.delivery.p50Ms} / ${r.delivery.p99Ms}`,
      ratio: "-",
      met: r.delivery.p99Ms <= t.deliveryP99MsMax,
    },
    {
      figure: "CPU per reply, API + worker + Redis (ms)",
      target: `≤ ${t.cpuMsPerReplyMax}`,
      measured: String(r.delivery.cpuMsPerReply),
      ratio: "-",
      met: r.delivery.cpuMsPerReply <= t.cpuMsPerReplyMax,
    },
    {
      figure: "worker Redis round trips per reply at 100/s",
      target: `≤ ${t.workerTripsPerReplyMax}`,
      measured: String(r.delivery.workerTripsPerReply),
      ratio: "-",
      met: r.delivery.workerTripsPerReply <= t.workerTripsPerReplyMax,
    },
    {
      figure: "Redis commands per reply (sent + inside scripts)",
      target: `≤ ${t.redisCommandsPerReplyMax}`,
      measured: String(r.delivery.redisCommandsPerReply),
      ratio: "-",
      met: r.delivery.redisCommandsPerReply <= t.redisCommandsPerReplyMax,
    },
    {
      figure: "Redis round trips per window decision",
      target: `≤ ${t.roundTripsPerDecisionMax}`,
      measured: String(r.redis.roundTripsPerDecision),
      ratio: "-",
      met: r.redis.roundTripsPerDecision <= t.roundTripsPerDecisionMax,
    },
    {
      // A recorded conversation is unanswered until a reply: its budget is the unanswered one below.
      figure: "Redis bytes per recorded conversation, first on an empty server",
      target: "-",
      measured: String(r.redis.bytesPerConversation),
      ratio: "-",
      met: null,
    },
    {
      figure: "Redis bytes per unanswered conversation (window + index)",
      target: `≤ ${t.unansweredBytesPerConversationMax}`,
      measured: String(r.windows.unansweredBytesPerConversation),
      ratio: "-",
      met: r.windows.unansweredBytesPerConversation <= t.unansweredBytesPerConversationMax,
    },
    {
      figure: "Redis bytes per answered conversation",
      target: `≤ ${t.answeredBytesPerConversationMax}`,
      measured: String(r.windows.answeredBytesPerConversation),
      ratio: "-",
      met: r.windows.answeredBytesPerConversation <= t.answeredBytesPerConversationMax,
    },
    {
      figure: "ingress Redis round trips per window write (index included)",
      target: `≤ ${t.roundTripsPerWindowWriteMax}`,
      measured: String(r.windows.roundTripsPerWindowWrite),
      ratio: "-",
      met: r.windows.roundTripsPerWindowWrite <= t.roundTripsPerWindowWriteMax,
    },
  ];
}

export function formatTable(rows: Row[]): string {
  const header = ["figure", "target", "measured", "ratio", "met"];
  const cells = rows.map((row) => [
    row.figure,
    row.target,
    row.measured,
    row.ratio,
    row.met === null ? "" : row.met ? "yes" : "NO",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? "").length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i] ?? 0)).join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
}
