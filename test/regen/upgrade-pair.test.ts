// The upgrade a user actually makes, on two real LiteLLM releases from ../shared: regen from the older
// (1.80.17), then from the newer (1.88.0), in a copy of the project. The older predates two things the
// manifest relies on, so that step must name exactly those as breaking; the step up must break nothing,
// type-check and still run.

import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  copyProject,
  documentVersion,
  OPENAPI_1_80_17,
  OPENAPI_1_88_0,
  regen,
  removeCopy,
  REPO_ROOT,
  run,
  sharedLitellmMissing,
  SPEC_VERSION,
  typecheck,
  unitTests,
  type RunResult,
} from "../support/project-copy.ts";

const skip = sharedLitellmMissing("the upgrade pair of two real LiteLLM documents");

interface Step {
  regen: RunResult;
  tsc: RunResult;
  smoke: RunResult;
  units: RunResult;
}

const ADDED_IN_1_88 = ["access_group_ids", "agent_id", "budget_limits", "disable_global_guardrails", "policies", "project_id"];

/** Every tool in the manifest: spec/operations.json is its one list. */
const MANIFEST_TOOLS = (JSON.parse(readFileSync(join(REPO_ROOT, "spec/operations.json"), "utf8")) as { tool: string }[]).map((op) => op.tool);

/** What the 16-tool manifest needs that LiteLLM 1.80.17 does not have, as regen words it. */
const BREAKING_ON_1_80_17 = [
  "    get_user_info: LiteLLM no longer declares its answer, which had keys, teams, user_id, user_info that the tool reads (check its output mapping).",
  "    regenerate_key: body field grace_period is gone, and the tool sends it.",
];

const SAMPLE_REQUESTS = [
  { tool: "generate_key", request: { body: { models: ["mock-gpt"], user_id: "user-1", duration: "1h", max_budget: 5 } } },
  { tool: "get_key_info", request: { params: { query: { key: "sk-test" } } } },
  { tool: "list_models", request: {} },
  { tool: "proxy_completion", request: { body: { model: "mock-gpt", messages: [{ role: "user", content: "hi" }], max_tokens: 5, metadata: { tags: ["litellm-mcp", "tool:proxy_completion"] } } } },
];

/** The row of the report for one tool, with the lines that continue it. */
function row(report: string, tool: string): string {
  const lines = report.split("\n");
  const start = lines.findIndex((line) => line.startsWith(`  ${tool} `));
  const rest = lines.slice(start + 1).findIndex((line) => !line.startsWith("     "));
  return lines.slice(start, start + 1 + (rest === -1 ? lines.length : rest)).join("\n");
}

describe.skipIf(skip)("upgrade pair: LiteLLM 1.80.17 then 1.88.0", () => {
  const [older, newer] = skip ? ["", ""] : [documentVersion(OPENAPI_1_80_17), documentVersion(OPENAPI_1_88_0)];
  let dir: string;
  // 1.80.17 breaks the manifest, so its step stops at what the tests read: the report and tsc's errors.
  let down: Pick<Step, "regen" | "tsc">;
  let up: Step;

  const step = async (from: string): Promise<Step> => ({
    regen: await regen(dir, "--from", from),
    tsc: await typecheck(dir),
    smoke: await run(dir, process.execPath, [join(REPO_ROOT, "node_modules/tsx/dist/cli.mjs"), join(REPO_ROOT, "test/support/manifest-smoke.ts"), dir]),
    units: await unitTests(dir),
  });

  beforeAll(async () => {
    dir = await copyProject();
    down = { regen: await regen(dir, "--from", OPENAPI_1_80_17), tsc: await typecheck(dir) };
    up = await step(OPENAPI_1_88_0);
  }, 150_000);

  afterAll(async () => {
    if (dir) await removeCopy(dir);
  });

  it("regenerates from 1.80.17 with a warning about its invalid routes, and names exactly what breaks", () => {
    expect(down.regen.stderr).toMatch(/^warning: The document fails strict validation outside the operations used \(ignored\)/);
    expect(down.regen.stderr).toContain("#/paths/~1spend~1calculate/post/responses/200");
    expect(down.regen.stdout.split("\n")[0]).toBe(`LiteLLM ${SPEC_VERSION} → ${older}`);
    // Fields LiteLLM had not added yet disappear, but generate_key sends none of them.
    for (const name of ["access_group_ids", "agent_id", "budget_limits", "disable_global_guardrails"]) expect(row(down.regen.stdout, "generate_key")).toContain(` -${name} `);
    const lines = down.regen.stdout.split("\n");
    for (const sentence of BREAKING_ON_1_80_17) expect(lines).toContain(sentence);
    expect(row(down.regen.stdout, "get_user_info")).toMatch(/response: untyped!$/);
    expect(row(down.regen.stdout, "regenerate_key")).toContain("-grace_period!");
    // Every other tool is there on 1.80.17: each has a row, none marked as breaking.
    for (const tool of MANIFEST_TOOLS) expect(row(down.regen.stdout, tool)).toMatch(new RegExp(`^  ${tool} `));
    expect(down.regen.stdout).toContain("breaking drift: run `npm run typecheck`");
    expect(down.regen.code).toBe(1);
  });

  it("reports the upgrade to 1.88.0 tool by tool: additions only, breaking none", () => {
    const report = up.regen.stdout;
    expect(up.regen.stderr).toBe("");
    expect(report.split("\n")[0]).toBe(`LiteLLM ${older} → ${newer}`);
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

  it("on 1.80.17 fails type-checking exactly at the two breaking tools; on 1.88.0 type-checks clean", () => {
    expect(down.tsc.code).not.toBe(0);
    const files = new Set(down.tsc.stdout.split("\n").filter((line) => / error TS/.test(line)).map((line) => line.split("(")[0]));
    expect([...files].sort()).toEqual(["src/manifest/get-user-info.ts", "src/manifest/regenerate-key.ts"]);
    expect(up.tsc).toMatchObject({ code: 0, stdout: "" });
  });

  it("after the upgrade loads all tools and builds the expected requests", () => {
    expect(up.smoke.stderr).toBe("");
    const smoke = JSON.parse(up.smoke.stdout) as { tools: string[]; requests: unknown[] };
    expect([...smoke.tools].sort()).toEqual([...MANIFEST_TOOLS].sort());
    expect(smoke.requests).toEqual(SAMPLE_REQUESTS);
  });

  it("passes the unit suite after the upgrade", () => {
    expect(up.units.code, up.units.stdout + up.units.stderr).toBe(0);
    expect(up.units.stdout).toMatch(/Tests +\d+ passed/);
  });

  it("ends with spec/ and generated/ made from the newer document", async () => {
    expect(JSON.parse(await readFile(join(dir, "spec/provenance.json"), "utf8")).litellmVersion).toBe(newer);
    expect(await readFile(join(dir, "generated/spec-info.ts"), "utf8")).toContain(`"litellmVersion": "${newer}"`);
  });
});
