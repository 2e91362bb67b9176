// The upgrade a user actually makes, on two real LiteLLM releases (test/fixtures/litellm/): regen from the older
// (1.80.17), then from the newer (1.88.0), in a copy of the project. The older predates things the
// manifest relies on (reset_key_spend's whole route among them), so that step must name exactly those as
// breaking; the step up must break nothing new and still run. Fields the manifest sends came after 1.88.0
// (list_keys' substring_matching, get_spend_logs' model_group, list_users' search, get_usage_report's
// api_key_limit, add_team_member's budget_duration): type-checking names exactly those five tools, and
// LiteLLM ignores fields it does not know, so the tools still load and build their requests.

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
  SPEC_VERSION,
  typecheck,
  unitTests,
  type RunResult,
} from "../support/project-copy.ts";
import { breakingSentences, partTokens, unchangedTools } from "../support/drift-report-text.ts";

interface Step {
  regen: RunResult;
  tsc: RunResult;
  smoke: RunResult;
  units: RunResult;
}

const ADDED_IN_1_88 = ["access_group_ids", "agent_id", "budget_limits", "disable_global_guardrails", "policies", "project_id"];

/** Every tool in the manifest: spec/operations.json is its one list. */
const MANIFEST_TOOLS = (JSON.parse(readFileSync(join(REPO_ROOT, "spec/operations.json"), "utf8")) as { tool: string }[]).map((op) => op.tool);

/** What the manifest needs that LiteLLM 1.80.17 does not have, as regen words it. */
const BREAKING_ON_1_80_17 = [
  "add_team_member: body field budget_duration is gone, and the tool sends it.",
  "create_team: body field models changed type from array<string> to array<any>, and the tool sends it.",
  "create_team: its answer's field models changed type from array<string> to array<any>, and the tool reads it (check its output mapping).",
  "get_spend_logs: query parameter model_group is gone, and the tool sends it.",
  "get_usage_report: query parameter api_key_limit is gone, and the tool sends it.",
  "get_usage_report: query parameter user_id is gone, and the tool sends it.",
  "get_user_info: LiteLLM no longer declares its answer, which had keys, teams, user_id, user_info that the tool reads (check its output mapping).",
  "list_keys: query parameter substring_matching is gone, and the tool sends it.",
  "list_users: query parameter search is gone, and the tool sends it.",
  "regenerate_key: body field grace_period is gone, and the tool sends it.",
  "reset_key_spend: POST /key/{key}/reset_spend is gone from LiteLLM 1.80.17.",
];

const SAMPLE_REQUESTS = [
  { tool: "generate_key", request: { body: { models: ["mock-gpt"], user_id: "user-1", duration: "1h", max_budget: 5 } } },
  { tool: "get_key_info", request: { params: { query: { key: "sk-test" } } } },
  { tool: "list_models", request: {} },
  { tool: "proxy_completion", request: { body: { model: "mock-gpt", messages: [{ role: "user", content: "hi" }], max_tokens: 5, metadata: { tags: ["litellm-mcp", "tool:proxy_completion"] } } } },
];

/** Whether the report names the tool at all: an entry in either section, or on the Unchanged line. */
function mentions(report: string, tool: string): boolean {
  return report.includes(`\n    ${tool} (`) || unchangedTools(report).includes(tool);
}

describe("upgrade pair: LiteLLM 1.80.17 then 1.88.0", () => {
  const [older, newer] = [documentVersion(OPENAPI_1_80_17), documentVersion(OPENAPI_1_88_0)];
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
    const report = down.regen.stdout;
    expect(report.split("\n")[0]).toBe(`LiteLLM ${SPEC_VERSION} → ${older} (a downgrade: older than the release spec/ came from)`);
    // Fields LiteLLM had not added yet disappear, but generate_key sends none of them.
    const unused = partTokens(report, "generate_key", "body", "other");
    for (const name of ["access_group_ids", "agent_id", "budget_limits", "disable_global_guardrails"]) expect(unused).toContain(`-${name}`);
    expect(partTokens(report, "generate_key", "body", "affects")).toEqual([]);
    expect(breakingSentences(report)).toEqual(BREAKING_ON_1_80_17);
    expect(partTokens(report, "get_user_info", "response", "affects").join(" ")).toBe("no longer declared!");
    expect(partTokens(report, "regenerate_key", "body", "affects")).toEqual(["-grace_period!"]);
    // update_key sends its key on every call: LiteLLM requiring it again breaks nothing (nor typecheck, below).
    expect(partTokens(report, "update_key", "body", "affects")).toEqual(["key:required,non-null"]);
    // Every tool is named on 1.80.17, and only the findings above are breaking.
    for (const tool of MANIFEST_TOOLS) expect(mentions(report, tool), tool).toBe(true);
    expect(down.regen.stdout).toContain("breaking drift: run `npm run typecheck`");
    expect(down.regen.code).toBe(1);
  });

  it("reports the upgrade to 1.88.0 tool by tool: additions only, breaking none", () => {
    const report = up.regen.stdout;
    expect(up.regen.stderr).toBe("");
    expect(report.split("\n")[0]).toBe(`LiteLLM ${older} → ${newer} (upgrade)`);
    const body = partTokens(report, "generate_key", "body", "other");
    expect(body.filter((token) => token.startsWith("+"))).toEqual(ADDED_IN_1_88.map((name) => `+${name}`));
    expect(body.filter((token) => token.startsWith("-") || token.endsWith("!"))).toEqual([]);
    expect(partTokens(report, "generate_key", "response", "other").slice(0, 2)).toEqual(["+access_group_ids", "+agent_id"]);
    expect(unchangedTools(report)).toContain("get_key_info");
    expect(partTokens(report, "list_models", "query", "other")).toEqual(["+scope"]);
    // Inside the messages proxy_completion sends: what changed is spelled out, and breaks nothing.
    expect(partTokens(report, "proxy_completion", "body", "affects")).toEqual([expect.stringMatching(/^~messages\(.*\+\[\]\.reasoning_items.*\)$/)]);
    expect(partTokens(report, "get_user_info", "response", "affects").join(" ")).toBe("declared now");
    expect(breakingSentences(report)).toEqual([]);
    expect(report).toContain("  breaking: none\n");
    expect(up.regen.code).toBe(0);
  });

  it("fails type-checking exactly at the breaking tools: eight on 1.80.17, on 1.88.0 the five sending newer fields", () => {
    const failing = (tsc: RunResult) => [...new Set(tsc.stdout.split("\n").filter((line) => / error TS/.test(line)).map((line) => line.split("(")[0]))].sort();
    const newer = ["src/manifest/keys/list-keys.ts", "src/manifest/teams/add-team-member.ts", "src/manifest/usage/get-spend-logs.ts", "src/manifest/usage/get-usage-report.ts", "src/manifest/users/list-users.ts"];
    expect(down.tsc.code).not.toBe(0);
    expect(failing(down.tsc)).toEqual([...newer, "src/manifest/keys/regenerate-key.ts", "src/manifest/keys/reset-key-spend.ts", "src/manifest/users/get-user-info.ts"].sort());
    expect(up.tsc.code).not.toBe(0);
    expect(failing(up.tsc)).toEqual(newer);
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
