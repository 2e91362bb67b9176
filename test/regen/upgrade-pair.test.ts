// The upgrade a user actually makes, on two real LiteLLM releases (test/fixtures/litellm/): regen from the
// older (1.80.17), then from the newer (1.88.0), in one copy of the project. The older predates things the
// manifest relies on (reset_key_spend's whole route among them), and the step up still lacks fields the
// manifest sends (list_keys' substring_matching, get_spend_logs' model_group, list_users' search,
// get_usage_report's api_key_limit, add_team_member's budget_duration): the report judges each document
// against the manifest's record, not against the document before it, so the step up names those five
// again (as "=x", unchanged but breaking) and exits 1, as the compiler fails in exactly their files. Its
// answers' models[] may be any value, which create_team's and list_teams' output checks refuse: no type
// shows that, so those sentences say what happens at run time instead. LiteLLM ignores fields it does not
// know, so after the upgrade every tool still loads, builds its requests and passes the unit suite.

import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { namedTools, TOOLS, unclaimedErrors, unfoundedClaims } from "../support/drift-rule.ts";
import { breakingSentences, partTokens, unchangedTools } from "../support/drift-report-text.ts";
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
  typecheckSources,
  unitTests,
  type RunResult,
  type TypeError,
} from "../support/project-copy.ts";

interface Step {
  regen: RunResult;
  errors: TypeError[];
}

const ADDED_IN_1_88 = ["access_group_ids", "agent_id", "budget_limits", "disable_global_guardrails", "policies", "project_id"];

/** Files of the tools that send fields LiteLLM added after 1.88.0. */
const SENDING_NEWER = ["src/manifest/keys/list-keys.ts", "src/manifest/teams/add-team-member.ts", "src/manifest/usage/get-spend-logs.ts", "src/manifest/usage/get-usage-report.ts", "src/manifest/users/list-users.ts"];

const typecheck = (file: string) => `\`npm run typecheck\` fails in ${file}.`;
const anyModels = (tool: string, path: string, file: string, version: string) =>
  `${tool}: its answer's field ${path} may be any value in LiteLLM ${version} (was string); no type shows it, but at run time such an answer fails the tool's output check, so the tool answers with an error. To accept it, make output field ${path} in ${file} take any value.`;

const SAMPLE_REQUESTS = [
  {
    tool: "generate_key",
    request: { body: { models: ["mock-gpt"], user_id: "litellm-mcp-demo", duration: "1h", max_budget: 5, allowed_routes: ["/chat/completions", "/v1/chat/completions", "/v1/completions", "/v1/embeddings", "/v1/models"] } },
  },
  // The key travels as its hash (sha256 of "sk-test"), never in a URL.
  { tool: "get_key_info", request: { params: { query: { key: "f3abf2a6cc4f00987743db5f544ba345b4899ae31f326d8ee9c4816de153c9e0" } } } },
  { tool: "list_models", request: {} },
  { tool: "proxy_completion", request: { body: { model: "mock-gpt", messages: [{ role: "user", content: "hi" }], max_tokens: 5, metadata: { tags: ["litellm-mcp", "tool:proxy_completion"] } } } },
];

/** Whether the report names the tool at all: an entry in either section, or on the Unchanged line. */
function mentions(report: string, tool: string): boolean {
  return report.includes(`\n    ${tool} (`) || unchangedTools(report).includes(tool);
}

const failingFiles = (step: Step) => [...new Set(step.errors.map((e) => e.file))].sort();

describe("upgrade pair: LiteLLM 1.80.17 then 1.88.0", () => {
  const [older, newer] = [documentVersion(OPENAPI_1_80_17), documentVersion(OPENAPI_1_88_0)];
  let dir: string;
  let down: Step;
  let up: Step;
  let smoke: RunResult;
  let units: RunResult;

  beforeAll(async () => {
    dir = await copyProject();
    const step = async (from: string): Promise<Step> => {
      const result = await regen(dir, "--from", from);
      return { regen: result, errors: (await typecheckSources([dir])).get(dir)! };
    };
    down = await step(OPENAPI_1_80_17);
    up = await step(OPENAPI_1_88_0);
    smoke = await run(dir, process.execPath, [join(REPO_ROOT, "node_modules/tsx/dist/cli.mjs"), join(REPO_ROOT, "test/support/manifest-smoke.ts"), dir]);
    units = await unitTests(dir);
  }, 240_000);

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
    expect(breakingSentences(report)).toEqual([
      `add_team_member: body field budget_duration is gone, and the tool sends it: ${typecheck("src/manifest/teams/add-team-member.ts")}`,
      anyModels("create_team", "models[]", "src/manifest/teams/create-team.ts", older),
      `get_spend_logs: query parameter model_group is gone, and the tool sends it: ${typecheck("src/manifest/usage/get-spend-logs.ts")}`,
      `get_usage_report: query parameter api_key_limit is gone, and the tool sends it: ${typecheck("src/manifest/usage/get-usage-report.ts")}`,
      `get_usage_report: query parameter user_id is gone, and the tool sends it: ${typecheck("src/manifest/usage/get-usage-report.ts")}`,
      `get_usage_report: its answer's field metadata.total_api_keys is gone in LiteLLM ${older}, and the tool reads it by name: ${typecheck("src/manifest/usage/get-usage-report.ts")}`,
      `get_user_info: LiteLLM ${older} no longer declares its answer, and the tool reads keys, teams, user_id, user_info from it by name: ${typecheck("src/manifest/users/get-user-info.ts")}`,
      `list_keys: query parameter substring_matching is gone, and the tool sends it: ${typecheck("src/manifest/keys/list-keys.ts")}`,
      anyModels("list_teams", "teams[].models[]", "src/manifest/teams/list-teams.ts", older),
      `list_users: query parameter search is gone, and the tool sends it: ${typecheck("src/manifest/users/list-users.ts")}`,
      `regenerate_key: body field grace_period is gone, and the tool sends it: ${typecheck("src/manifest/keys/regenerate-key.ts")}`,
      `reset_key_spend: POST /key/{key}/reset_spend is gone from LiteLLM ${older}: ${typecheck("src/manifest/keys/reset-key-spend.ts")}`,
    ]);
    expect(partTokens(report, "get_user_info", "response", "affects").join(" ")).toBe("no longer declared!");
    expect(partTokens(report, "regenerate_key", "body", "affects")).toEqual(["-grace_period!"]);
    // update_key sends its key on every call and takes LiteLLM's field as required either way: nothing breaks.
    expect(partTokens(report, "update_key", "body", "affects")).toEqual(["key:required,non-null"]);
    for (const tool of TOOLS) expect(mentions(report, tool), tool).toBe(true);
    expect(down.regen.code).toBe(1);
  });

  it("on 1.80.17 the compiler fails in exactly the files the report pointed at, and only there", () => {
    expect(failingFiles(down)).toEqual([...SENDING_NEWER, "src/manifest/keys/regenerate-key.ts", "src/manifest/keys/reset-key-spend.ts", "src/manifest/users/get-user-info.ts"].sort());
    expect(unclaimedErrors(down.errors, namedTools(down.regen.stdout))).toEqual([]);
    expect(unfoundedClaims(down.regen.stdout, down.errors)).toEqual([]);
  });

  it("reports the upgrade to 1.88.0 tool by tool, and names again what 1.88.0 still lacks", () => {
    const report = up.regen.stdout;
    expect(up.regen.stderr).toBe("");
    expect(report.split("\n")[0]).toBe(`LiteLLM ${older} → ${newer} (upgrade)`);
    const body = partTokens(report, "generate_key", "body", "other");
    expect(body.filter((token) => token.startsWith("+"))).toEqual(ADDED_IN_1_88.map((name) => `+${name}`));
    expect(body.filter((token) => token.startsWith("-") || token.endsWith("!"))).toEqual([]);
    expect(partTokens(report, "list_models", "query", "other")).toEqual(["+scope"]);
    expect(partTokens(report, "get_user_info", "response", "affects").join(" ")).toBe("declared now");
    // Unchanged between the two documents, and breaking all the same.
    expect(partTokens(report, "list_keys", "query", "affects")).toEqual(["=substring_matching!"]);
    expect(partTokens(report, "add_team_member", "body", "affects")).toEqual(["=budget_duration!"]);
    expect(namedTools(report)).toEqual(["add_team_member", "create_team", "get_spend_logs", "get_usage_report", "list_keys", "list_teams", "list_users"]);
    expect(breakingSentences(report)).toContain(`list_keys: LiteLLM ${newer} has no query parameter substring_matching, and the tool sends it: ${typecheck("src/manifest/keys/list-keys.ts")}`);
    expect(breakingSentences(report)).toContain(anyModels("create_team", "models[]", "src/manifest/teams/create-team.ts", newer));
    expect(up.regen.code).toBe(1);
  });

  it("on 1.88.0 the compiler fails in the five files of the tools sending newer fields, as the report said", () => {
    expect(failingFiles(up)).toEqual(SENDING_NEWER);
    expect(unclaimedErrors(up.errors, namedTools(up.regen.stdout))).toEqual([]);
    expect(unfoundedClaims(up.regen.stdout, up.errors)).toEqual([]);
  });

  it("after the upgrade loads all tools and builds the expected requests", () => {
    expect(smoke.stderr).toBe("");
    const loaded = JSON.parse(smoke.stdout) as { tools: string[]; requests: unknown[] };
    expect([...loaded.tools].sort()).toEqual(TOOLS);
    expect(loaded.requests).toEqual(SAMPLE_REQUESTS);
  });

  it("passes the unit suite after the upgrade", () => {
    expect(units.code, units.stdout + units.stderr).toBe(0);
    expect(units.stdout).toMatch(/Tests +\d+ passed/);
  });

  it("ends with spec/ and generated/ made from the newer document", async () => {
    expect(JSON.parse(await readFile(join(dir, "spec/provenance.json"), "utf8")).litellmVersion).toBe(newer);
    expect(await readFile(join(dir, "generated/spec-info.ts"), "utf8")).toContain(`"litellmVersion": "${newer}"`);
  });
});

