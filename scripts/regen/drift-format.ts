// Lays a drift report out for a person at a terminal: one row per tool, one line per changed part, and
// the breaking changes spelled out as sentences at the end.

import { operationLabel } from "./operations.ts";
import type { DriftPart, DriftReport, OperationDrift } from "./drift-report.ts";

const PARTS: readonly DriftPart[] = ["path", "query", "body", "response"];

const STATUS_TEXT: Record<Exclude<OperationDrift["status"], "changed">, string> = {
  new: "new (nothing to compare with)",
  removed: "gone from the document!",
  missing: "missing from the document!",
  unchanged: "unchanged",
};

function partLines(drift: OperationDrift): string[] {
  if (drift.status !== "changed") return [STATUS_TEXT[drift.status]];
  return PARTS.flatMap((part) => {
    const tokens = drift.changes.filter((c) => c.part === part).map((c) => c.token + (c.breaking ? "!" : ""));
    return tokens.length ? [`${part}: ${tokens.join(" ")}`] : [];
  });
}

export function formatDriftReport(report: DriftReport): string {
  const title = report.from ? `LiteLLM ${report.from} → ${report.to}` : `LiteLLM ${report.to} (no previous spec/openapi.json to compare with)`;
  const toolWidth = Math.max(...report.operations.map((d) => d.op.tool.length));
  const methodWidth = Math.max(...report.operations.map((d) => d.op.method.length));
  const labelWidth = Math.max(...report.operations.map((d) => operationLabel(d.op).length + methodWidth - d.op.method.length));
  const lines = [title];
  for (const drift of report.operations) {
    const label = `${drift.op.method.toUpperCase().padEnd(methodWidth)} ${drift.op.path}`;
    const lead = `  ${drift.op.tool.padEnd(toolWidth)}  ${label.padEnd(labelWidth)}  `;
    partLines(drift).forEach((line, i) => lines.push((i === 0 ? lead : " ".repeat(lead.length)) + line));
  }
  if (report.operations.some((d) => d.status === "changed")) {
    lines.push("  (+ added, - removed, ~ nested schema changed, name:a→b type changed, ! breaks the bridge)");
  }
  if (report.breaking.length === 0) lines.push("  breaking: none");
  else lines.push("  breaking:", ...report.breaking.map((sentence) => `    ${sentence}`));
  return lines.join("\n");
}
