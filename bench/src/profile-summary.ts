import { readFileSync } from "node:fs";

/**
 * `node bench/dist/profile-summary.js <file.cpuprofile> [top]`: where a server process spent its
 * CPU time, by function (self time) and by package, from a `--profile` run.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

function summarise(file: string, top: number): string {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const total = profile.nodes.reduce((sum, n) => sum + (n.hitCount ?? 0), 0) || 1;
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = `${functionName || "(anonymous)"} ${shortUrl(url)}:${lineNumber + 1}`;
    byFunction.set(where, (byFunction.get(where) ?? 0) + hits);
    const pkg = packageOf(url, functionName);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + hits);
  }
  const seconds = (profile.endTime - profile.startTime) / 1e6;
  const lines = [`${file}: ${seconds.toFixed(1)} s profiled, ${total} samples`];
  lines.push("  by package:");
  for (const [name, hits] of sorted(byPackage).slice(0, top))
    lines.push(`    ${pct(hits, total)}  ${name}`);
  lines.push("  by function (self):");
  for (const [name, hits] of sorted(byFunction).slice(0, top))
    lines.push(`    ${pct(hits, total)}  ${name}`);
  return lines.join("\n");
}

function packageOf(url: string, functionName: string): string {
  if (url === "") return functionName.startsWith("(") ? functionName : "(native)";
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules?.[1]) return modules[1];
  const ours = /\/(packages|apps|bench)\/([^/]+)\//.exec(url);
  if (ours?.[2]) return `@meta-relay/${ours[2]}`;
  if (url.startsWith("node:")) return url;
  return "(other)";
}

function shortUrl(url: string): string {
  return url
    .replace(/^file:\/\//, "")
    .replace(/^.*node_modules\//, "")
    .replace(/^.*\/(packages|apps|bench)\//, "");
}

function sorted(map: Map<string, number>): [string, number][] {
  return [...map.entries()].sort((a, b) => b[1] - a[1]);
}

function pct(hits: number, total: number): string {
  return `${((hits / total) * 100).toFixed(1).padStart(5)}%`;
}

const [file, top] = process.argv.slice(2);
if (!file) {
  process.stderr.write("usage: node bench/dist/profile-summary.js <file.cpuprofile> [top]\n");
  process.exit(2);
}
process.stdout.write(`${summarise(file, Number(top ?? 25))}\n`);
