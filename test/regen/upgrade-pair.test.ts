// The upgrade a user actually makes, on two real LiteLLM releases: regen from 1.80.17, then from 1.88.0, in
// a copy of the project. Each step must report the drift, break nothing, type-check and still run.

import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  copyProject,
  hashGenerated,
  OPENAPI_1_80_17,
  OPENAPI_1_88_0,
  regen,
  removeCopy,
  REPO_ROOT,
  run,
  sharedLitellmMissing,
  typecheck,
  unitTests,
  type RunResult,
} from "../support/project-copy.ts";

const skip = sharedLitellmMissing("the 1.80.17 → 1.88.0 upgrade pair");

interface Step {
  regen: RunResult;
  tsc: RunResult;
  smoke: RunResult;
  units: RunResult;
}

const ADDED_IN_1_88 = ["access_group_ids", "agent_id", "budget_limits", "disable_global_guardrails", "policies", "project_id"];

const SAMPLE_REQUESTS = [
  { tool: "generate_key", request: { body: { models: ["mock-gpt"], user_id: "user-1", duration: "1h", max_budget: 5 } } },
  { tool: "get_key_info", request: { params: { query: { key: "sk-test" } } } },
  { tool: "list_models", request: {} },
  { tool: "proxy_completion", request: { body: { model: "mock-gpt", messages: [{ role: "user", content: "hi" }], max_tokens: 5 } } },
];

/** The row of the report for one tool, with the lines that continue it. */
function row(report: string, tool: string): string {
  const lines = report.split("\n");
  const start = lines.findIndex((line) => line.startsWith(`  ${tool} `));
  const rest = lines.slice(start + 1).findIndex((line) => !line.startsWith("     "));
  return lines.slice(start, start + 1 + (rest === -1 ? lines.length : rest)).join("\n");
}

describe.skipIf(skip)("upgrade pair: LiteLLM 1.80.17 then 1.88.0", () => {
  let dir: string;
  let down: Step;
  let up: Step;
  let afterUpgrade: Record<string, string>;

  const step = async (from: string): Promise<Step> => ({
    regen: await regen(dir, "--from", from),
    tsc: await typecheck(dir),
    smoke: await run(dir, process.execPath, [join(REPO_ROOT, "node_modules/tsx/dist/cli.mjs"), join(REPO_ROOT, "test/support/manifest-smoke.ts"), dir]),
    units: await unitTests(dir),
  });

  beforeAll(async () => {
    dir = await copyProject();
    down = await step(OPENAPI_1_80_17);
    up = await step(OPENAPI_1_88_0);
    afterUpgrade = await hashGenerated(dir);
  }, 150_000);

  afterAll(async () => {
    if (dir) await removeCopy(dir);
  });

  it("regenerates from 1.80.17 with a warning about its invalid routes, and nothing breaks", () => {
    expect(down.regen.stderr).toMatch(/^warning: The document fails strict validation outside the operations used \(ignored\)/);
    expect(down.regen.stderr).toContain("#/paths/~1spend~1calculate/post/responses/200");
    expect(down.regen.stdout).toMatch(/^LiteLLM 1\.88\.0 → 1\.80\.17$/m);
    // Fields LiteLLM had not added yet disappear, but generate_key sends none of them.
    expect(row(down.regen.stdout, "generate_key")).toContain(`body: ${["-access_group_ids", "-agent_id", "-budget_limits", "-disable_global_guardrails"].join(" ")}`);
    expect(down.regen.stdout).toContain("  breaking: none\n");
    expect(down.regen.code).toBe(0);
  });

  it("reports the upgrade to 1.88.0 tool by tool: additions only, breaking none", () => {
    const report = up.regen.stdout;
    expect(up.regen.stderr).toBe("");
    expect(report).toMatch(/^LiteLLM 1\.80\.17 → 1\.88\.0$/m);
    const body = /body: (.*)/.exec(row(report, "generate_key"))![1]!.split(" ");
    expect(body.filter((token) => token.startsWith("+"))).toEqual(ADDED_IN_1_88.map((name) => `+${name}`));
    expect(body.filter((token) => token.startsWith("-") || token.endsWith("!"))).toEqual([]);
    expect(row(report, "generate_key")).toMatch(/response: \+access_group_ids \+agent_id/);
    expect(row(report, "get_key_info")).toMatch(/GET +\/key\/info +unchanged$/);
    expect(row(report, "list_models")).toMatch(/query: \+scope$/);
    expect(row(report, "proxy_completion")).toMatch(/body: ~messages$/);
    expect(report).toContain("  breaking: none\n");
    expect(up.regen.code).toBe(0);
  });

  it("type-checks on both releases", () => {
    expect(down.tsc).toMatchObject({ code: 0, stdout: "" });
    expect(up.tsc).toMatchObject({ code: 0, stdout: "" });
  });

  it("loads the manifest and builds the same requests on both releases", () => {
    for (const smoke of [down.smoke, up.smoke]) {
      expect(smoke.stderr).toBe("");
      expect(JSON.parse(smoke.stdout)).toEqual(SAMPLE_REQUESTS);
    }
  });

  it("passes the unit suite on both releases", () => {
    for (const units of [down.units, up.units]) {
      expect(units.code, units.stdout + units.stderr).toBe(0);
      expect(units.stdout).toMatch(/Tests +\d+ passed/);
    }
  });

  it("ends byte-identical to the committed spec/ and generated/", async () => {
    expect(afterUpgrade).toEqual(await hashGenerated(REPO_ROOT));
    expect(await readFile(join(dir, "spec/provenance.json"), "utf8")).toContain('"litellmVersion": "1.88.0"');
  });
});
