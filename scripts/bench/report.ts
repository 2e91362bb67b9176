// Turns the measurements into one table (the same for stdout and BENCHMARKS.md), each row with its
// floor, the paired comparison and the target it is held to.

import { cpus, loadavg, release, totalmem, type } from "node:os";

export interface Row {
  measure: string;
  shipped: string;
  floor: string;
  comparison: string;
  target: string;
  /** true = met, false = not met, undefined = informational, string = skipped with this reason. */
  met?: boolean | string;
}

function verdict(met: Row["met"]): string {
  if (met === true) return "met";
  if (met === false) return "**not met**";
  if (typeof met === "string") return `skipped: ${met}`;
  return "";
}

const cell = (text: string) => text.replace(/\|/g, "\\|");

export function table(rows: readonly Row[]): string {
  const lines = [
    "| measure | litellm-mcp | floor | comparison | target | |",
    "|---|---|---|---|---|---|",
    ...rows.map((r) => `| ${[r.measure, r.shipped, r.floor, r.comparison, r.target, verdict(r.met)].map(cell).join(" | ")} |`),
  ];
  return lines.join("\n");
}

function machine(): string {
  const cpu = cpus();
  const load = loadavg().map((l) => l.toFixed(2)).join(" ");
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${type()} ${release()}, Node ${process.version}; load average at start ${load}`;
}

export function markdown(options: { date: string; command: string; rows: readonly Row[]; notes: readonly string[]; sections?: readonly string[] }): string {
  return [
    "# Benchmarks",
    "",
    `Measured ${options.date} with \`${options.command}\` on ${machine()}.`,
    "",
    "Every comparison is made inside one run, with the two sides alternated (A B A B …) so that load on a",
    "shared machine hits both alike; absolute times drift between runs, the paired ratios much less.",
    "",
    table(options.rows),
    "",
    ...options.notes.map((note) => `- ${note}`),
    "",
    ...(options.sections ?? []),
  ].join("\n");
}
