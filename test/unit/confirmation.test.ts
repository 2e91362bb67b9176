// Confirmation before destroying (src/mcp/confirmation.ts), in-process with nock, for both revisions: a client
// that can be asked is asked, with the object and what goes with it as LiteLLM shows them, and nothing
// destructive is sent unless the answer is yes. A client that cannot be asked is served as before, or
// refused when the operator requires confirmation.

import type { ElicitRequestFormParams, ElicitResult } from "@modelcontextprotocol/client";
import { createMcpHandler } from "@modelcontextprotocol/server";
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/config.ts";
import { keyHash } from "../../src/litellm/key-hash.ts";
import { createServer } from "../../src/mcp/server.ts";
import { CANARY_MASTER_KEY, connect, TEST_HOST, textOf, type Connected } from "../support/connect.ts";
import { asMaster } from "../support/nock-bridge.ts";
import { keyRow, modelDeployment, teamInfo, userInfo } from "../support/litellm-admin-answers.ts";
import { keyInfo } from "../support/litellm-answers.ts";
import { budgetRow } from "../support/litellm-management-answers.ts";
import { envelope, REVISIONS, type Revision } from "../support/revisions.ts";
import { answerOf, mcpHeaders } from "../support/spawn-http.ts";

const TEAMS = { LITELLM_MCP_TOOLSETS: "default,teams" };

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

/** A client of `revision` that answers every question with `answer`, and the questions it was asked. */
async function asking(revision: Revision, answer: ElicitResult, env: Record<string, string> = TEAMS): Promise<{ bridge: Connected; questions: ElicitRequestFormParams[] }> {
  const questions: ElicitRequestFormParams[] = [];
  const bridge = await connect(env, {}, { revision, answer: (question) => (questions.push(question), answer) });
  return { bridge, questions };
}

/** LiteLLM's answers about team-a: 12 keys by its key listing, 3 members. */
function teamReads() {
  nock(TEST_HOST, asMaster).get("/team/info").query({ team_id: "team-a" }).reply(200, teamInfo(1, 3));
  nock(TEST_HOST, asMaster)
    .get("/key/list")
    .query((q) => q.team_id === "team-a" && q.size === "1")
    .reply(200, { keys: [keyRow({ team_id: "team-a" })], total_count: 12, current_page: 1, total_pages: 12 });
}

const YES: ElicitResult = { action: "accept", content: { confirm: true } };

describe.each(REVISIONS)("a client that can be asked, at %s", (revision) => {
  it("is asked, naming the team and what goes with it; yes sends the delete", async () => {
    teamReads();
    const deleted = nock(TEST_HOST, asMaster).post("/team/delete", { team_ids: ["team-a"] }).reply(200, { deleted_teams: ["team-a"] });
    const { bridge, questions } = await asking(revision, YES);
    const result = await bridge.call("delete_team", { team_ids: ["team-a"] });
    await bridge.close();

    expect(questions).toHaveLength(1);
    expect(questions[0]!.message).toMatch(/^Delete 1 team for good\?\n- "Platform" \(team-a\): 12 keys, 3 members\nEvery key of the team goes with it/);
    expect(questions[0]!.requestedSchema).toMatchObject({ type: "object", required: ["confirm"], properties: { confirm: { type: "boolean" } } });
    expect(deleted.isDone()).toBe(true);
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toEqual({ deleted: ["team-a"] });
  });

  it.each([
    ["declines", { action: "decline" }, /^The person did not confirm, so delete_team sent nothing to LiteLLM: nothing was deleted or changed\./],
    ["dismisses the question", { action: "cancel" }, /^The question was dismissed without an answer, so delete_team sent nothing/],
    ["accepts without ticking the box", { action: "accept", content: { confirm: false } }, /^The person did not confirm/],
  ] as const)("when the person %s, nothing is deleted and the result says so", async (_how, answer, sentence) => {
    teamReads();
    const deleted = nock(TEST_HOST).post("/team/delete").reply(200, { deleted_teams: ["team-a"] });
    const { bridge, questions } = await asking(revision, answer as ElicitResult);
    const result = await bridge.call("delete_team", { team_ids: ["team-a"] });
    await bridge.close();

    expect(questions).toHaveLength(1);
    expect(deleted.isDone()).toBe(false);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(sentence);
  });

  it("an object LiteLLM does not have is said at once: nobody is asked, nothing is sent", async () => {
    nock(TEST_HOST, asMaster).post("/budget/info", { budgets: ["b-gone"] }).reply(200, []);
    const deleted = nock(TEST_HOST).post("/budget/delete").reply(200, {});
    const { bridge, questions } = await asking(revision, YES, { LITELLM_MCP_TOOLSETS: "budgets" });
    const result = await bridge.call("delete_budget", { budget_id: "b-gone" });
    await bridge.close();
    expect(questions).toEqual([]);
    expect(deleted.isDone()).toBe(false);
    expect(textOf(result)).toMatch(/^LiteLLM has no budget "b-gone", so nothing changed/);
  });

  it("asks only before blocking a team, not before other team updates", async () => {
    teamReads();
    // A new alias is looked for among the other teams' aliases first.
    nock(TEST_HOST, asMaster).get("/v2/team/list").query(true).reply(200, { teams: [], total: 0, page: 1, page_size: 100, total_pages: 0 });
    nock(TEST_HOST, asMaster).post("/team/update", { team_id: "team-a", blocked: true }).reply(200, { team_id: "team-a", data: teamInfo().team_info });
    nock(TEST_HOST, asMaster).post("/team/update", { team_id: "team-a", team_alias: "Core" }).reply(200, { team_id: "team-a", data: teamInfo().team_info });
    const { bridge, questions } = await asking(revision, YES);
    expect((await bridge.call("update_team", { team_id: "team-a", team_alias: "Core" })).isError).toBeFalsy();
    expect(questions).toEqual([]);
    expect((await bridge.call("update_team", { team_id: "team-a", blocked: true })).isError).toBeFalsy();
    await bridge.close();
    expect(questions.map((q) => q.message)).toEqual([expect.stringMatching(/^Block team "Platform" \(team-a\)\? All 12 keys of the team are refused until it is unblocked/)]);
  });
});

describe.each(REVISIONS)("a client that cannot be asked, at %s", (revision) => {
  it("gets today's behaviour: the call is sent as it comes", async () => {
    const deleted = nock(TEST_HOST, asMaster).post("/team/delete").reply(200, { deleted_teams: ["team-a"] });
    const bridge = await connect(TEAMS, {}, { revision });
    const result = await bridge.call("delete_team", { team_ids: ["team-a"] });
    await bridge.close();
    expect(deleted.isDone()).toBe(true);
    expect(result.isError).toBeFalsy();
  });

  it("is refused with a sentence, and nothing sent, when the operator requires confirmation", async () => {
    const deleted = nock(TEST_HOST).post("/team/delete").reply(200, { deleted_teams: ["team-a"] });
    const bridge = await connect({ ...TEAMS, LITELLM_MCP_REQUIRE_CONFIRMATION: "true" }, {}, { revision });
    const result = await bridge.call("delete_team", { team_ids: ["team-a"] });
    // What asks nothing stays as it was.
    nock(TEST_HOST, asMaster).get("/team/info").query(true).reply(200, teamInfo());
    expect((await bridge.call("get_team_info", { team_id: "team-a" })).isError).toBeFalsy();
    await bridge.close();
    expect(deleted.isDone()).toBe(false);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^delete_team is refused: this server asks a person to confirm it first \(LITELLM_MCP_REQUIRE_CONFIRMATION\), and this MCP client cannot be asked \(it offers no form elicitation\)\. Nothing was sent to LiteLLM\./);
  });
});

describe("what a 2026-07-28 client sends back is checked against what it was asked", () => {
  const handler = createMcpHandler(({ era }) => createServer(loadConfig({ LITELLM_HOST: TEST_HOST, LITELLM_MASTER_KEY: CANARY_MASTER_KEY, ...TEAMS }), { era }));
  afterAll(() => handler.close());

  /** One tools/call as a 2026-07-28 client that can be asked would send it, `retry` holding the answer and state. */
  async function deleteTeams(teamIds: string[], retry: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const body = {
      jsonrpc: "2.0",
      id: 1,
      method: "tools/call",
      params: { name: "delete_team", arguments: { team_ids: teamIds }, ...retry, _meta: envelope({ elicitation: { form: {} } }) },
    };
    const headers = { ...mcpHeaders, "mcp-protocol-version": "2026-07-28", "mcp-method": "tools/call", "mcp-name": "delete_team" };
    const response = await handler.fetch(new Request("http://litellm-mcp.test/mcp", { method: "POST", headers, body: JSON.stringify(body) }));
    return answerOf(await response.text());
  }
  const yes = { confirm: { action: "accept", content: { confirm: true } } };

  it("a yes sent without the question's state asks the question: a client cannot skip it", async () => {
    teamReads();
    const deleted = nock(TEST_HOST).post("/team/delete").reply(200, { deleted_teams: ["team-a"] });
    const answer = await deleteTeams(["team-a"], { inputResponses: yes });
    expect(answer.result).toMatchObject({ resultType: "input_required", inputRequests: { confirm: { method: "elicitation/create" } }, requestState: expect.any(String) });
    expect(deleted.isDone()).toBe(false);
  });

  it("a yes counts only for the arguments it was asked about, and only beside state this server sealed", async () => {
    teamReads();
    const asked = (await deleteTeams(["team-a"])).result as { requestState: string };
    const deleted = nock(TEST_HOST, asMaster).post("/team/delete", { team_ids: ["team-a"] }).reply(200, { deleted_teams: ["team-a"] });

    // The same yes, carried over to another team: asked again, nothing deleted.
    nock(TEST_HOST, asMaster).get("/team/info").query({ team_id: "team-b" }).reply(200, { ...teamInfo(), team_id: "team-b" });
    nock(TEST_HOST, asMaster).get("/key/list").query((q) => q.team_id === "team-b").reply(200, { keys: [], total_count: 0, current_page: 1, total_pages: 0 });
    expect((await deleteTeams(["team-b"], { inputResponses: yes, requestState: asked.requestState })).result).toMatchObject({ resultType: "input_required" });
    // Altered state: the protocol's error, before the tool runs.
    const [head, body, mac] = asked.requestState.split(".");
    const forged = `${head}.${body}x.${mac}`;
    expect(await deleteTeams(["team-a"], { inputResponses: yes, requestState: forged })).toMatchObject({ error: { code: -32602, message: "Invalid or expired requestState" } });
    expect(deleted.isDone()).toBe(false);

    // The yes for what was asked: deleted.
    const done = await deleteTeams(["team-a"], { inputResponses: yes, requestState: asked.requestState });
    expect(done.result).toMatchObject({ resultType: "complete", structuredContent: { deleted: ["team-a"] } });
    expect(deleted.isDone()).toBe(true);
  });
});

describe("in caller mode, a question's state belongs to the caller it was asked of", () => {
  const ALICE = "sk-caller-alice-0123456789";
  const BOB = "sk-caller-bob-9876543210";
  const config = loadConfig({ LITELLM_HOST: TEST_HOST, LITELLM_MCP_AUTH: "caller", ...TEAMS });
  const handler = createMcpHandler(({ era, authInfo }) => createServer(config, { era, callerKey: authInfo!.token }));
  afterAll(() => handler.close());

  async function deleteTeamAs(key: string, retry: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const body = { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "delete_team", arguments: { team_ids: ["team-a"] }, ...retry, _meta: envelope({ elicitation: { form: {} } }) } };
    const headers = { ...mcpHeaders, "mcp-protocol-version": "2026-07-28", "mcp-method": "tools/call", "mcp-name": "delete_team" };
    const request = new Request("http://litellm-mcp.test/mcp", { method: "POST", headers, body: JSON.stringify(body) });
    return answerOf(await (await handler.fetch(request, { authInfo: { token: key, clientId: "caller", scopes: [] } })).text());
  }

  it("another caller's yes beside it is the protocol's error, and nothing is deleted", async () => {
    const asAlice = { reqheaders: { authorization: `Bearer ${ALICE}` } };
    nock(TEST_HOST, asAlice).get("/team/info").query(true).reply(200, teamInfo());
    nock(TEST_HOST, asAlice).get("/key/list").query(true).reply(200, { keys: [], total_count: 0, current_page: 1, total_pages: 0 });
    const asked = (await deleteTeamAs(ALICE)).result as { requestState: string };
    const deleted = nock(TEST_HOST).post("/team/delete").reply(200, { deleted_teams: ["team-a"] });
    const yes = { confirm: { action: "accept", content: { confirm: true } } };
    expect(await deleteTeamAs(BOB, { inputResponses: yes, requestState: asked.requestState })).toMatchObject({ error: { code: -32602 } });
    expect(deleted.isDone()).toBe(false);
  });
});

describe("each destructive tool names what it destroys and what goes with it, as LiteLLM shows them", () => {
  const ALL = { LITELLM_MCP_TOOLSETS: "all" };
  // Added through LiteLLM's API (db_model): deployments from the config file are refused before anyone is asked.
  const added = (name: string, id: string) => ({ ...modelDeployment(name, id), model_info: { ...modelDeployment(name, id).model_info, db_model: true } });
  const models = { data: [added("mock-gpt", "dep-1"), added("mock-gpt", "dep-2"), added("mock-claude", "dep-3")] };
  const aliceKeys = { keys: [keyRow({ user_id: "alice", key_alias: "a-1" }), keyRow({ user_id: "alice-2", key_alias: "a-2" }), keyRow({ user_id: "alice", key_alias: "a-3" })], total_count: 3, current_page: 1, total_pages: 1 };

  it.each([
    {
      tool: "delete_key",
      args: { keys: ["sk-minted-Ab12Cd34Ef56Gh78"] },
      // Read before the question, and again when the answer comes (the tool's steps run again from the start).
      reads: () => nock(TEST_HOST, asMaster).get("/key/info").query({ key: keyHash("sk-minted-Ab12Cd34Ef56Gh78") }).times(2).reply(200, keyInfo),
      question: /^Delete 1 virtual key for good\?\n- "ci-bot" \(sk-\.\.\.Gh78\), user u-42, spent \$0\.01 of \$5\.00\nWhoever uses it is refused from then on\.$/,
    },
    {
      tool: "delete_key",
      args: { key_aliases: ["a-1"] },
      // LiteLLM's listing matches aliases by substring; the question counts the exact ones, as /key/delete does.
      reads: () => nock(TEST_HOST, asMaster).get("/key/list").query((q) => q.key_alias === "a-1").times(2).reply(200, { ...aliceKeys, keys: [aliceKeys.keys[0], keyRow({ key_alias: "a-10" })] }),
      question: /^Delete 1 virtual key for good\?\n- "a-1" \(sk-\.\.\.Gh78\), user alice, spent/,
    },
    {
      tool: "reset_key_spend",
      args: { key: "sk-minted-Ab12Cd34Ef56Gh78", reset_to: 0 },
      reads: () => nock(TEST_HOST, asMaster).get("/key/info").query(true).reply(200, keyInfo),
      question: /^Reset the spend of key "ci-bot" \(sk-\.\.\.Gh78\) from \$0\.01 to \$0\.00\? Its max_budget of \$5\.00 is available again from there\./,
    },
    {
      tool: "delete_user",
      args: { user_ids: ["u-42"] },
      reads: () => nock(TEST_HOST, asMaster).get("/user/info").query({ user_id: "u-42" }).reply(200, userInfo(3, 2)),
      question: /^Delete 1 user for good\?\n- u-42 \(dev@example\.com, internal_user\): 3 keys, member of 2 teams\nEvery key they own goes with them, team keys included/,
    },
    {
      tool: "remove_team_member",
      args: { team_id: "team-a", user_id: "alice" },
      reads: () => {
        const team = teamInfo();
        team.team_info.members_with_roles.push({ user_id: "alice", user_email: "alice@example.com", role: "user" });
        nock(TEST_HOST, asMaster).get("/team/info").query({ team_id: "team-a" }).times(2).reply(200, team);
        nock(TEST_HOST, asMaster).get("/key/list").query((q) => q.team_id === "team-a" && q.user_id === "alice").times(2).reply(200, aliceKeys);
      },
      question: /^Remove alice \(alice@example\.com\) from team "Platform" \(team-a\)\? Their 2 keys for this team are deleted for good; the user and their own keys stay\.$/,
    },
    {
      tool: "delete_model",
      args: { model_id: "dep-3" },
      reads: () => nock(TEST_HOST, asMaster).get("/model/info").times(2).reply(200, models),
      question: /^Delete the deployment dep-3 of model "mock-claude" \(openai\) for good\? It is the last deployment named "mock-claude": calls to that model fail from then on\./,
    },
    {
      tool: "delete_model",
      args: { model_id: "dep-1" },
      reads: () => nock(TEST_HOST, asMaster).get("/model/info").times(2).reply(200, models),
      question: /^Delete the deployment dep-1 of model "mock-gpt" \(openai\) for good\? 1 other deployment of "mock-gpt" keeps serving it\./,
    },
    {
      tool: "delete_budget",
      args: { budget_id: "b-standard" },
      reads: () => nock(TEST_HOST, asMaster).post("/budget/info", { budgets: ["b-standard"] }).reply(200, [budgetRow()]),
      question: /^Delete the budget "b-standard" \(\$25\.00 every 30d\) for good\? The keys, end users and team memberships that use it lose its limits/,
    },
  ])("$tool $args", async ({ tool, args, reads, question }) => {
    reads();
    const { bridge, questions } = await asking("2025-11-25", { action: "decline" }, ALL);
    const result = await bridge.call(tool, args);
    await bridge.close();
    expect(textOf(result)).toMatch(/did not confirm/);
    expect(questions.map((q) => q.message)).toEqual([expect.stringMatching(question)]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("refuses to ask about a member the team does not have", async () => {
    nock(TEST_HOST, asMaster).get("/team/info").query(true).reply(200, teamInfo());
    const { bridge, questions } = await asking("2025-11-25", YES, ALL);
    const result = await bridge.call("remove_team_member", { team_id: "team-a", user_email: "nobody@example.com" });
    await bridge.close();
    expect(questions).toEqual([]);
    expect(textOf(result)).toMatch(/^nobody@example\.com is not a member of team "Platform" \(team-a\), so nothing changed/);
  });

  it("keeps secrets out of the question as out of every answer", async () => {
    nock(TEST_HOST, asMaster).get("/key/info").query(true).times(2).reply(200, { ...keyInfo, info: { ...keyInfo.info, key_alias: `pasted ${CANARY_MASTER_KEY}` } });
    const { bridge, questions } = await asking("2025-11-25", { action: "decline" }, ALL);
    await bridge.call("delete_key", { keys: ["sk-minted-Ab12Cd34Ef56Gh78"] });
    await bridge.close();
    expect(questions[0]!.message).toContain("[redacted]");
    expect(questions[0]!.message).not.toContain(CANARY_MASTER_KEY.slice(-8));
  });
});
