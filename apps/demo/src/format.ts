import type { Platform } from "@meta-relay/core";
import type { Verdict } from "./outcome";
import type {
  ChannelNotice,
  CustomerWrite,
  DemoReminder,
  DemoReply,
  DemoStep,
  DemoWorklist,
} from "./scenario";

/** How text is dressed: colours and symbols on a terminal, plain ASCII marks in a log or a pipe. */
export interface Style {
  mark: (verdict: Verdict, frame: number) => string;
  bold: (text: string) => string;
  dim: (text: string) => string;
  good: (text: string) => string;
  bad: (text: string) => string;
}

const SPINNER = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
const ansi = (code: string) => (text: string) => `\x1b[${code}m${text}\x1b[0m`;

export const TTY_STYLE: Style = {
  mark: (v, frame) =>
    !v.settled
      ? ansi("36")(SPINNER[frame % SPINNER.length] ?? "-")
      : v.ok
        ? ansi("32")("✔")
        : ansi("31")("✘"),
  bold: ansi("1"),
  dim: ansi("2"),
  good: ansi("32"),
  bad: ansi("31"),
};

const same = (text: string) => text;
export const PLAIN_STYLE: Style = {
  mark: (v) => (!v.settled ? "[..]" : v.ok ? "[ok]" : "[!!]"),
  bold: same,
  dim: same,
  good: same,
  bad: same,
};

/** One row of a step: a customer's webhook or a reply, and how it stands. */
export interface Row {
  label: string;
  verdict: Verdict;
}

const PLATFORM_NAMES: Record<Platform, string> = {
  messenger: "Messenger",
  instagram: "Instagram",
  whatsapp: "WhatsApp",
};

export function platformName(platform: Platform): string {
  return PLATFORM_NAMES[platform];
}

export function writeLabel(write: CustomerWrite): string {
  const { customer } = write;
  const verb = WRITE_VERBS[write.extra?.kind ?? "text"];
  return `${customer.name} ${verb} on ${platformName(customer.platform)} (${ago(write.ageMs)})`;
}

const WRITE_VERBS: Record<NonNullable<CustomerWrite["extra"]>["kind"] | "text", string> = {
  text: "writes",
  photo: "sends a photo",
  quickReply: "taps a quick reply",
  storyReply: "answers a story",
  reaction: "reacts",
};

export function noticeLabel(notice: ChannelNotice): string {
  const { channel } = notice;
  const what = notice.action === "block" ? "restricts" : "lifts the restriction of";
  return `Meta ${what} the ${platformName(channel.platform)} page (policy ${notice.action})`;
}

export function replyLabel(reply: DemoReply): string {
  const what = "template" in reply.message ? `template ${reply.message.template.name}` : "text";
  return `${reply.sender.type} → ${reply.customer.name}, ${what}`;
}

export function reminderLabel(reminder: DemoReminder): string {
  return `reminder to the agents about ${reminder.customer.name}`;
}

export function worklistLabel(worklist: DemoWorklist): string {
  return `worklist of ${platformName(worklist.channel.platform)} page ${worklist.channel.channelId}`;
}

/** "now", "2 min ago", "30 h ago". */
function ago(ms: number): string {
  if (ms < 60_000) return "now";
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min ago`;
  return `${Math.round(ms / 3_600_000)} h ago`;
}

/** The lines of a step: its title with its state, what it shows, then a line per row. */
export function stepLines(step: DemoStep, rows: Row[], style: Style, frame: number): string[] {
  const width = Math.max(...rows.map((row) => row.label.length));
  const lines = [`${style.bold(`${step.number}. ${step.title}`)}  ${stepState(rows, style)}`];
  lines.push(`   ${style.dim(step.story)}`);
  for (const row of rows) {
    const summary =
      row.verdict.settled && !row.verdict.ok ? style.bad(row.verdict.summary) : row.verdict.summary;
    lines.push(`   ${style.mark(row.verdict, frame)} ${row.label.padEnd(width)}  ${summary}`);
    if (row.verdict.sentence) lines.push(`        ${style.dim(`"${row.verdict.sentence}"`)}`);
  }
  return lines;
}

function stepState(rows: Row[], style: Style): string {
  const done = rows.filter((row) => row.verdict.settled).length;
  if (done < rows.length) return style.dim(`(${done}/${rows.length})`);
  const differed = rows.filter((row) => !row.verdict.ok).length;
  if (differed === 0) return style.good("as expected");
  return style.bad(`${differed} of ${rows.length} differed`);
}
