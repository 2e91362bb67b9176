// A run that requires the real things (LITELLM_MCP_LIVE, _DB or _NGINX set to "require", as CI sets them)
// must run every test: a test that skips there hides exactly what the run was meant to prove (twelve once
// skipped in CI because they read documents a clone does not have). This reporter fails such a run and names
// each skipped test with the reason its file printed; in other runs skips stay allowed and only counted.

import type { UserConsoleLog } from "vitest";
import type { Reporter, TestModule } from "vitest/node";

const REQUIRE_FLAGS = ["LITELLM_MCP_LIVE", "LITELLM_MCP_DB", "LITELLM_MCP_NGINX", "LITELLM_MCP_BROWSER"] as const;

/** The flags set to "require" in this environment; a run with any of them must skip nothing. */
export function requiredBy(env: NodeJS.ProcessEnv = process.env): string[] {
  return REQUIRE_FLAGS.filter((flag) => env[flag] === "require");
}

export default class NoSkipsReporter implements Reporter {
  /** What each file printed about skipping (its reasons), by the id of the file's task. */
  private readonly reasons = new Map<string, string[]>();

  onUserConsoleLog(log: UserConsoleLog): void {
    if (!log.taskId || !/\bskip/i.test(log.content)) return;
    const lines = this.reasons.get(log.taskId) ?? [];
    lines.push(log.content.trim());
    this.reasons.set(log.taskId, lines);
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const skipped = modules.flatMap((module) =>
      [...module.children.allTests()].filter((test) => test.result().state === "skipped").map((test) => ({ module, test })),
    );
    const flags = requiredBy();
    if (flags.length === 0) {
      if (skipped.length > 0) process.stderr.write(`${skipped.length} tests skipped (allowed: no LITELLM_MCP_*=require in this run).\n`);
      return;
    }
    if (skipped.length === 0) {
      process.stderr.write(`No test skipped (required by ${flags.join(", ")}).\n`);
      return;
    }
    const byModule = new Map<TestModule, string[]>();
    for (const { module, test } of skipped) byModule.set(module, [...(byModule.get(module) ?? []), test.fullName]);
    const lines = [`${skipped.length} tests skipped in a run that requires everything (${flags.map((flag) => `${flag}=require`).join(", ")}); each must run:`];
    for (const [module, names] of byModule) {
      const result = skipped.find((entry) => entry.module === module)?.test.result();
      const note = result?.state === "skipped" ? result.note : undefined;
      const why = [...(this.reasons.get(module.id) ?? []), ...(note ? [note] : [])];
      lines.push(`  ${module.relativeModuleId}: ${names.length} skipped — ${why.length > 0 ? why.join(" / ") : "its file printed no reason"}`);
      for (const name of names) lines.push(`    - ${name}`);
    }
    process.stderr.write(`${lines.join("\n")}\n`);
    process.exitCode = 1;
  }
}
