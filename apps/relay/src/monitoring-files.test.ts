import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { collectProcessMetrics, createMetrics } from "@meta-relay/observability";
import { parse } from "yaml";

const ROOT = resolve(__dirname, "../../..");
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");

interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels: { severity: string };
  annotations: { summary: string; description: string };
}
interface Panel {
  type: string;
  title: string;
  datasource?: { uid: string };
  targets?: { expr: string }[];
  panels?: Panel[];
}

const PROMQL_WORDS = new Set([
  "by",
  "without",
  "on",
  "ignoring",
  "group_left",
  "group_right",
  "and",
  "or",
  "unless",
  "bool",
  "offset",
  "inf",
  "nan",
]);

/** The metric names a PromQL expression selects (functions, keywords, labels and numbers left out). */
function metricNamesIn(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, " ")
    .replace(/\[[^\]]*\]/g, " ")
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, " ")
    .replace(/\b\d+(?:\.\d+)?(?:e[+-]?\d+)?\b/gi, " ");
  const names: string[] = [];
  for (const match of stripped.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*/g)) {
    const rest = stripped.slice((match.index ?? 0) + match[0].length).trimStart();
    if (rest.startsWith("(") || PROMQL_WORDS.has(match[0].toLowerCase())) continue;
    names.push(match[0]);
  }
  return names;
}

async function exportedNames(): Promise<{ plain: Set<string>; histograms: Set<string> }> {
  const metrics = createMetrics();
  collectProcessMetrics(metrics);
  const all = await metrics.registry.getMetricsAsJSON();
  return {
    plain: new Set(all.map((m) => m.name)),
    histograms: new Set(all.filter((m) => String(m.type) === "histogram").map((m) => m.name)),
  };
}

function isExported(name: string, exported: { plain: Set<string>; histograms: Set<string> }) {
  if (exported.plain.has(name)) return true;
  const base = name.replace(/_(bucket|sum|count)$/, "");
  return base !== name && exported.histograms.has(base);
}

function alertRules(): AlertRule[] {
  const doc = parse(read("infra/prometheus/alerts.yml")) as { groups: { rules: AlertRule[] }[] };
  return doc.groups.flatMap((g) => g.rules);
}

function dashboardPanels(): Panel[] {
  const doc = JSON.parse(read("infra/grafana/dashboards/meta-relay.json")) as { panels: Panel[] };
  return doc.panels.flatMap((p) => [p, ...(p.panels ?? [])]);
}

function dashboardExpressions(): string[] {
  return dashboardPanels().flatMap((p) => (p.targets ?? []).map((t) => t.expr));
}

describe("metricNamesIn", () => {
  it("finds selectors and ignores functions, labels, ranges and grouping", () => {
    expect(
      metricNamesIn(
        'histogram_quantile(0.95, sum by (le) (rate(relay_graph_request_duration_seconds_bucket{platform="x"}[$__rate_interval])))',
      ),
    ).toEqual(["relay_graph_request_duration_seconds_bucket"]);
    expect(
      metricNamesIn(
        'time() - max by (queue) (a_metric) > 600 and max(b_metric{state="waiting"}) / clamp_min(c, 1e-9)',
      ),
    ).toEqual(["a_metric", "b_metric", "c"]);
  });
});

describe("alert rules and the Grafana dashboard", () => {
  it("name only metrics the product exports", async () => {
    const exported = await exportedNames();
    const expressions = [...alertRules().map((r) => r.expr), ...dashboardExpressions()];
    expect(expressions.length).toBeGreaterThan(20);
    const unknown: string[] = [];
    for (const expr of expressions) {
      const names = metricNamesIn(expr);
      if (names.length === 0) unknown.push(`(no metric) ${expr}`);
      for (const name of names) if (!isExported(name, exported)) unknown.push(`${name} in ${expr}`);
    }
    expect(unknown).toEqual([]);
  });

  it("alert on backlog, old jobs, Graph auth, signature failures and event delivery", () => {
    const rules = alertRules();
    const byName = new Map(rules.map((r) => [r.alert, r]));
    for (const name of [
      "RelayQueueBacklogGrowing",
      "RelayQueueOldestJobTooOld",
      "RelayGraphAuthFailures",
      "RelayWebhookSignatureFailureSpike",
      "RelayEventDeliveryFailing",
      "RelayChannelsSilent",
      "RelayChannelRestricted",
    ]) {
      expect(byName.has(name)).toBe(true);
    }
    expect(byName.get("RelayChannelsSilent")?.expr).toContain("relay_channels_silent");
    expect(byName.get("RelayQueueOldestJobTooOld")?.expr).toContain(
      "relay_queue_oldest_waiting_seconds",
    );
    const auth = byName.get("RelayGraphAuthFailures")?.expr ?? "";
    expect(auth).toContain("relay_graph_requests_total");
    expect(auth).toContain('reason="channel_auth_failed"');
    for (const rule of rules) {
      expect(["warning", "critical"]).toContain(rule.labels.severity);
      expect(rule.annotations.summary.length).toBeGreaterThan(10);
      expect(rule.annotations.description.length).toBeGreaterThan(20);
    }
  });

  it("has the panels ops expect, all on the provisioned datasource", () => {
    const panels = dashboardPanels().filter((p) => p.type !== "row");
    const titles = panels.map((p) => p.title.toLowerCase());
    for (const wanted of [
      "webhook requests",
      "webhook failures",
      "queue depth",
      "oldest waiting job",
      "delivery outcomes by reason",
      "window refusals by reason",
      "graph api latency",
      "event backlog",
      "channels by status",
      "silent channels",
    ]) {
      expect(titles.filter((t) => t.includes(wanted))).toHaveLength(1);
    }
    const graph = panels.find((p) => p.title === "Graph API latency");
    const quantiles = (graph?.targets ?? []).map(
      (t) => /histogram_quantile\(([\d.]+)/.exec(t.expr)?.[1],
    );
    expect(quantiles).toEqual(["0.5", "0.95", "0.99"]);
    const datasource = parse(read("infra/grafana/provisioning/datasources/prometheus.yml")) as {
      datasources: { uid: string; url: string }[];
    };
    const uid = datasource.datasources[0]?.uid;
    expect(panels.every((p) => p.datasource?.uid === uid)).toBe(true);
    expect(datasource.datasources[0]?.url).toBe("http://prometheus:9090");
  });
});

describe("prometheus.yml", () => {
  it("scrapes every role at the port docker-compose.yml gives it and loads the alert rules", () => {
    const config = parse(read("infra/prometheus/prometheus.yml")) as {
      rule_files: string[];
      scrape_configs: { job_name: string; dns_sd_configs: { names: string[]; port: number }[] }[];
    };
    const targets = config.scrape_configs.map((s) => {
      const sd = s.dns_sd_configs[0];
      return `${sd?.names.join(",")}:${sd?.port}`;
    });
    expect(targets.sort()).toEqual(["api:8081", "ingress:8080", "worker:8082"]);
    const compose = read("docker-compose.yml");
    for (const file of config.rule_files) {
      expect(compose).toContain(`./infra/prometheus/alerts.yml:${file}:ro`);
    }
  });
});
