// The reporter that makes a required run fail on a skipped test, run as vitest runs it: on a probe file with
// one skipped test, once with a require flag and once without.

import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/project-copy.ts";

const CONFIG = join(REPO_ROOT, "test/fixtures/skip-probe/vitest.config.ts");

function runProbe(flags: Record<string, string>) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", ...flags };
  for (const flag of ["LITELLM_MCP_LIVE", "LITELLM_MCP_DB", "LITELLM_MCP_NGINX", "LITELLM_MCP_BROWSER"]) if (!(flag in flags)) delete env[flag];
  const result = spawnSync(process.execPath, [join(REPO_ROOT, "node_modules/vitest/vitest.mjs"), "run", "--config", CONFIG], { cwd: REPO_ROOT, env, encoding: "utf8" });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("no-skips reporter", () => {
  it("fails a run with LITELLM_MCP_DB=require that skipped a test, naming it and the reason its file printed", () => {
    const { code, output } = runProbe({ LITELLM_MCP_DB: "require" });
    expect(code).toBe(1);
    expect(output).toContain("1 tests skipped in a run that requires everything (LITELLM_MCP_DB=require); each must run:");
    expect(output).toContain("probe.fixture.ts: 1 skipped — skipping the probe: nothing here to run against");
    expect(output).toContain("- a probe that skips");
  });

  it("lets a run without a require flag skip, and counts the skips", () => {
    const { code, output } = runProbe({});
    expect(code).toBe(0);
    expect(output).toContain("1 tests skipped (allowed: no LITELLM_MCP_*=require in this run).");
  });
});
