import {
  formatTable,
  missingFields,
  REQUIRED_FIELDS,
  resultRows,
  TARGETS,
  type BenchResults,
} from "./results";

function complete(): Record<string, Record<string, unknown>> {
  const results: Record<string, Record<string, unknown>> = {};
  for (const path of REQUIRED_FIELDS) {
    const [section, field] = path.split(".") as [string, string];
    results[section] ??= {};
    results[section][field] = 1.5;
  }
  return results;
}

describe("missingFields", () => {
  it("accepts a file with every figure as a number", () => {
    expect(missingFields(complete())).toEqual([]);
  });

  it("names figures that are absent, null, strings or not finite", () => {
    const results = complete();
    delete results.ingress!.rps;
    results.delivery!.ratio = null;
    results.redis!.bytesPerConversation = "150";
    results.ingressBatched!.actionsPerSec = Number.NaN;
    expect(missingFields(results)).toEqual([
      "ingress.rps",
      "ingressBatched.actionsPerSec",
      "delivery.ratio",
      "redis.bytesPerConversation",
    ]);
    expect(missingFields(null)).toEqual([...REQUIRED_FIELDS]);
  });
});

describe("the results table", () => {
  it("marks each target met or missed", () => {
    const figures = complete() as unknown as BenchResults;
    figures.targets = TARGETS;
    figures.ingress.ratio = 0.7;
    figures.delivery.ratio = 0.1;
    figures.delivery.p99Ms = 30;
    figures.redis.roundTripsPerDecision = 1;
    figures.redis.bytesPerConversation = 120;
    figures.windows.roundTripsPerWindowWrite = 1;
    const rows = resultRows(figures);
    const metOf = (text: string) => rows.find((r) => r.figure.includes(text))?.met;
    expect(metOf("single-message")).toBe(true);
    expect(metOf("POST /v1/messages")).toBe(false);
    expect(metOf("enqueue → Graph")).toBe(false);
    expect(metOf("round trips")).toBe(true);
    expect(metOf("bytes per recorded")).toBeNull();
    expect(metOf("CPU per reply")).toBe(true);
    figures.delivery.workerTripsPerReply = 12.6;
    expect(resultRows(figures).find((r) => r.figure.startsWith("worker Redis"))?.met).toBe(false);
    figures.delivery.workerTripsPerReply = 1.5;
    expect(metOf("per unanswered conversation")).toBe(true);
    figures.windows.answeredBytesPerConversation = 161;
    expect(resultRows(figures).find((r) => r.figure.includes("per answered"))?.met).toBe(false);
    figures.windows.answeredBytesPerConversation = 1.5;
    const table = formatTable(rows).split("\n");
    expect(table[0]).toMatch(/^figure\s+target\s+measured\s+ratio\s+met$/);
    expect(table).toHaveLength(rows.length + 2);
    expect(table.filter((line) => line.trimEnd().endsWith("NO"))).toHaveLength(2);
  });
});
