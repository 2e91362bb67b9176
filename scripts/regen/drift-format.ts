// Lays a drift report out for a person at a terminal: changes to what the tools send and read first, the
// rest apart, unchanged operations on one line, and the breaking changes spelled out as sentences at the
// end. Each changed operation gets a line, then one per changed part of it; lines wrap at WIDTH columns.
// Inside a "~x(…)" token the notes about paths a tool uses come first and are never counted away.

import { operationLabel } from "./operations.ts";
import type { DriftChange, DriftPart, DriftReport, OperationDrift } from "./drift-report.ts";
import { noteList } from "./schema-diff.ts";

export const WIDTH = 100;

const PARTS: readonly DriftPart[] = ["path", "query", "body", "response"];

const STATUS_TEXT: Record<"removed" | "missing", string> = {
  removed: "gone from the document!",
  missing: "missing from the document!",
};

const DIRECTION_TEXT = { upgrade: "upgrade", downgrade: "a downgrade: older than the release spec/ came from", "same release": "same release" };

const LEGEND = [
  "+ added",
  "- removed",
  "x:a→b type changed",
  "x:required/optional/nullable/non-null",
  "~x(…) changed inside x, what tools use first",
  "=x unchanged but breaks a tool",
  "! breaks a tool",
];

/** Words laid out after `first`, each further line starting `indent` spaces in. */
export function wrap(first: string, words: readonly string[], indent: number, width = WIDTH): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of words) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = " ".repeat(indent) + word;
    } else {
      line += (empty ? "" : " ") + word;
    }
    empty = false;
  }
  lines.push(line);
  return lines;
}

/** A sentence's words wrapped after `prefix`, continuing two spaces further in. */
function wrapSentence(prefix: string, sentence: string): string[] {
  return wrap(prefix, sentence.split(" "), prefix.length + 2);
}

/** A change as the table shows it: "-user_id!", "~metadata(-total_api_keys!, +x, … 3 more)". */
function tokenText(change: DriftChange): string {
  const mark = (broken: boolean) => (broken ? "!" : "");
  if (!change.notes) return change.token + mark(change.breaking.length > 0);
  const kept = change.notes.filter((n) => n.touches).map((n) => n.text + mark(n.breaks));
  const rest = change.notes.filter((n) => !n.touches).map((n) => n.text);
  const unplaced = change.breaking.length > 0 && !change.notes.some((n) => n.breaks);
  return `${change.token}(${noteList(rest, kept)})${mark(unplaced)}`;
}

/** One entry: the tool and its operation, then a line per part of the request or answer that changed. */
function entry(drift: OperationDrift, changes: readonly DriftChange[]): string[] {
  const head = `    ${drift.op.tool} (${operationLabel(drift.op)})`;
  const around = drift.aroundGone.map((op) => `      calls ${operationLabel(op)} around it: ${STATUS_TEXT.removed}`);
  if (drift.status === "removed" || drift.status === "missing") return [`${head}: ${STATUS_TEXT[drift.status]}`, ...around];
  const lines = [head, ...around];
  for (const part of PARTS) {
    const tokens = changes.filter((c) => c.part === part).map(tokenText);
    if (!tokens.length) continue;
    const start = `      ${part}: `;
    // A ~x(…) token may break between its notes, like any other words.
    lines.push(...wrap(start, tokens.join(" ").split(" "), start.length));
  }
  return lines;
}

function title(report: DriftReport): string {
  if (!report.from) return `LiteLLM ${report.to} (no previous spec/openapi.json to compare with)`;
  return `LiteLLM ${report.from} → ${report.to}${report.direction ? ` (${DIRECTION_TEXT[report.direction]})` : ""}`;
}

export function formatDriftReport(report: DriftReport): string {
  const affecting: string[] = [];
  const other: string[] = [];
  for (const drift of report.operations) {
    if (drift.status === "removed" || drift.status === "missing") affecting.push(...entry(drift, []));
    if (drift.status !== "changed" && drift.status !== "new") continue;
    const [touches, rest] = [drift.changes.filter((c) => c.affectsTools), drift.changes.filter((c) => !c.affectsTools)];
    if (touches.length || drift.aroundGone.length) affecting.push(...entry(drift, touches));
    if (rest.length) other.push(...entry(drift, rest));
  }
  const named = (status: OperationDrift["status"]) => report.operations.filter((d) => d.status === status).map((d) => d.op.tool);
  const list = (heading: string, tools: string[]) => (tools.length ? wrap(`  ${heading}: `, tools.map((t, i) => (i < tools.length - 1 ? `${t},` : t)), 4) : []);

  const lines = [title(report)];
  if (affecting.length) lines.push("  Affects the tools (fields they send or read, operations they call):", ...affecting);
  if (other.length) lines.push("  Does not affect the tools (fields no tool sends or reads):", ...other);
  lines.push(...list("Unchanged", named("unchanged")), ...list("New (nothing to compare with)", named("new")));
  if (report.operations.some((d) => d.status === "changed")) lines.push(...wrap("  (", LEGEND.map((entry, i) => entry + (i < LEGEND.length - 1 ? "," : ")")), 3));
  if (report.breaking.length === 0) lines.push("  breaking: none");
  else lines.push("  breaking:", ...report.breaking.flatMap((sentence) => wrapSentence("    ", sentence)));
  return lines.join("\n");
}
