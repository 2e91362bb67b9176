// What one doctor check says, and the printed report of them all with its exit code: the checks (checks.ts,
// caller-mode.ts) produce these, the command (src/cli/doctor.ts) prints them.

import { redact } from "../redact.js";

export type CheckStatus = "ok" | "warn" | "fail";
export interface Check {
  status: CheckStatus;
  text: string;
}

const MARK: Record<CheckStatus, string> = { ok: "ok  ", warn: "warn", fail: "FAIL" };

/** The printed report: one line per check, then a verdict. Redacted, whatever LiteLLM echoed. */
export function formatReport(checks: readonly Check[], secrets: readonly (string | undefined)[]): string {
  const lines = checks.map((c) => `${MARK[c.status]}  ${c.text}`);
  const failures = checks.filter((c) => c.status === "fail").length;
  const warnings = checks.filter((c) => c.status === "warn").length;
  lines.push(failures > 0 ? `${failures} check(s) failed.` : `All checks passed${warnings ? ` (${warnings} warning(s))` : ""}.`);
  return redact(lines.join("\n"), secrets);
}

export function exitCodeFor(checks: readonly Check[]): 0 | 1 {
  return checks.some((c) => c.status === "fail") ? 1 : 0;
}
