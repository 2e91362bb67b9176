// Confirmation before destroying, on a real LiteLLM with its database, for each destructive tool and each
// revision: the built server over stdio asks a client that can be asked (a 2025-11-25 client by
// elicitation/create, a 2026-07-28 one by input_required), the question counts what LiteLLM holds (keys of
// the team, the user's keys, the member's team keys), "no" leaves the proxy exactly as it was and "yes" does
// what the tool says: both read back through LiteLLM's own REST API with the master key.

import type { ElicitRequestFormParams, ElicitResult } from "@modelcontextprotocol/client";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { leaksCanary } from "../support/canary.ts";
import { capture } from "../support/capture.ts";
import { textOf } from "../support/connect.ts";
import { DB_MODELS, liteLLMAdmin } from "../support/db-proxy.ts";
import { REVISIONS } from "../support/revisions.ts";
import { spawnServer, type Spawned } from "../support/spawn-server.ts";

const proxy = inject("dbProxy");
const [ALPHA] = DB_MODELS;

const YES: ElicitResult = { action: "accept", content: { confirm: true } };
const NO: ElicitResult = { action: "decline" };

/** LiteLLM's answer to an admin request that must succeed. */
async function admin<T = Record<string, unknown>>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
  const answer = await liteLLMAdmin(proxy!, method, path, body);
  expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.body)}`).toBe(200);
  return answer.body as T;
}

const status = async (path: string) => (await liteLLMAdmin(proxy!, "GET", path)).status;
const keyInfo = async (key: string) => (await liteLLMAdmin(proxy!, "GET", `/key/info?key=${encodeURIComponent(key)}`)).body as { info?: { status?: string; spend?: number } };
const teamInfo = (teamId: string) => admin<{ team_info: { blocked: boolean; members_with_roles: { user_id: string }[] } }>("GET", `/team/info?team_id=${teamId}`);
const teamKeyCount = async (teamId: string) => (await admin<{ total_count: number }>("GET", `/key/list?team_id=${teamId}&size=1`)).total_count;

describe.skipIf(!proxy).each(REVISIONS)("confirming destructive calls on a real LiteLLM, at %s", (revision) => {
  const run = `${revision.slice(0, 4)}-${randomBytes(3).toString("hex")}`;
  const name = (what: string) => `db-confirm-${what}-${run}`;
  let server: Spawned;
  let answer: ElicitResult = NO;
  const questions: string[] = [];

  beforeAll(async () => {
    server = await spawnServer({ LITELLM_HOST: proxy!.url, LITELLM_MASTER_KEY: proxy!.masterKey, LITELLM_MCP_TOOLSETS: "all" }, undefined, {
      revision,
      answer: (question: ElicitRequestFormParams) => (questions.push(question.message), answer),
    });
  });
  afterAll(async () => {
    if (!server) return;
    await server.close();
    const emitted = `${questions.join("\n")}\n${server.stderr()}`;
    capture(`db-confirmation-${revision}`, emitted);
    expect(leaksCanary(emitted)).toBe(false);
  });

  /** Calls the tool answering `reply`; returns the one question asked and the result's text. */
  async function asked(reply: ElicitResult, tool: string, args: Record<string, unknown>): Promise<{ question: string; isError: boolean; text: string }> {
    answer = reply;
    const before = questions.length;
    const result = await server.call(tool, args);
    expect(questions.length - before, `${tool} asks once`).toBe(1);
    return { question: questions.at(-1)!, isError: result.isError === true, text: textOf(result) };
  }

  async function declined(tool: string, args: Record<string, unknown>): Promise<string> {
    const { question, isError, text } = await asked(NO, tool, args);
    expect(isError).toBe(true);
    expect(text).toMatch(new RegExp(`^The person did not confirm, so ${tool} sent nothing to LiteLLM`));
    return question;
  }

  async function accepted(tool: string, args: Record<string, unknown>): Promise<void> {
    const { isError, text } = await asked(YES, tool, args);
    expect(isError, text).toBe(false);
  }

  const mintKey = async (alias: string, extra: Record<string, unknown> = {}) =>
    (await admin<{ key: string }>("POST", "/key/generate", { key_alias: alias, models: [ALPHA.name], duration: "1h", ...extra })).key;

  it("delete_key", async () => {
    const key = await mintKey(name("key"));
    expect(await declined("delete_key", { keys: [key] })).toMatch(new RegExp(`^Delete 1 virtual key for good\\?\\n- "${name("key")}" \\(sk-\\.\\.\\.[\\w-]{4}\\)`));
    expect((await keyInfo(key)).info?.status).not.toBe("deleted");
    await accepted("delete_key", { keys: [key] });
    const after = await liteLLMAdmin(proxy!, "GET", `/key/info?key=${encodeURIComponent(key)}`);
    expect(after.status === 404 || (after.body as { info?: { status?: string } }).info?.status === "deleted", JSON.stringify(after.body)).toBe(true);
  });

  it("reset_key_spend", async () => {
    const key = await mintKey(name("spent"));
    await admin("POST", "/key/update", { key, spend: 1.5 });
    expect(await declined("reset_key_spend", { key, reset_to: 0 })).toMatch(new RegExp(`^Reset the spend of key "${name("spent")}" .* from \\$1\\.50 to \\$0\\.00\\?`));
    expect((await keyInfo(key)).info?.spend).toBe(1.5);
    await accepted("reset_key_spend", { key, reset_to: 0 });
    expect((await keyInfo(key)).info?.spend).toBe(0);
    await admin("POST", "/key/delete", { keys: [key] });
  });

  it("delete_user, counting the keys that go with them", async () => {
    const userId = name("user");
    await admin("POST", "/user/new", { user_id: userId, user_email: `${userId}@example.com`, auto_create_key: false });
    for (const n of [1, 2]) await mintKey(name(`user-key-${n}`), { user_id: userId });
    expect(await declined("delete_user", { user_ids: [userId] })).toMatch(new RegExp(`^Delete 1 user for good\\?\\n- ${userId} \\(${userId}@example\\.com\\): 2 keys, member of 0 teams`));
    expect(await status(`/user/info?user_id=${userId}`)).toBe(200);
    await accepted("delete_user", { user_ids: [userId] });
    expect((await admin<{ total_count: number }>("GET", `/key/list?user_id=${userId}&size=1`)).total_count).toBe(0);
    expect(await status(`/user/info?user_id=${userId}`)).not.toBe(200);
  });

  it("update_team blocked: true, and remove_team_member, counting the team's and the member's keys", async () => {
    const teamId = name("team");
    const member = name("member");
    await admin("POST", "/team/new", { team_id: teamId, team_alias: `Team ${run}`, models: [ALPHA.name] });
    await admin("POST", "/user/new", { user_id: member, auto_create_key: false });
    await admin("POST", "/team/member_add", { team_id: teamId, member: [{ user_id: member, role: "user" }] });
    await mintKey(name("member-key"), { user_id: member, team_id: teamId });
    await mintKey(name("team-key"), { team_id: teamId });
    expect(await teamKeyCount(teamId)).toBe(2);

    expect(await declined("update_team", { team_id: teamId, blocked: true })).toMatch(
      new RegExp(`^Block team "Team ${run}" \\(${teamId}\\)\\? All 2 keys of the team are refused until it is unblocked .* its 2 members keep their own keys\\.`),
    );
    expect((await teamInfo(teamId)).team_info.blocked).toBe(false);
    await accepted("update_team", { team_id: teamId, blocked: true });
    expect((await teamInfo(teamId)).team_info.blocked).toBe(true);

    expect(await declined("remove_team_member", { team_id: teamId, user_id: member })).toMatch(
      new RegExp(`^Remove ${member} from team "Team ${run}" \\(${teamId}\\)\\? Their 1 key for this team is deleted for good`),
    );
    expect((await teamInfo(teamId)).team_info.members_with_roles.map((m) => m.user_id)).toContain(member);
    await accepted("remove_team_member", { team_id: teamId, user_id: member });
    expect((await teamInfo(teamId)).team_info.members_with_roles.map((m) => m.user_id)).not.toContain(member);
    expect(await teamKeyCount(teamId)).toBe(1);
    await admin("POST", "/user/delete", { user_ids: [member] });
  });

  it("delete_team, counting its keys", async () => {
    const teamId = name("doomed");
    await admin("POST", "/team/new", { team_id: teamId, team_alias: `Doomed ${run}`, models: [ALPHA.name] });
    for (const n of [1, 2, 3]) await mintKey(name(`doomed-key-${n}`), { team_id: teamId });
    expect(await declined("delete_team", { team_ids: [teamId] })).toMatch(new RegExp(`^Delete 1 team for good\\?\\n- "Doomed ${run}" \\(${teamId}\\): 3 keys, 1 member\\n`));
    expect(await status(`/team/info?team_id=${teamId}`)).toBe(200);
    await accepted("delete_team", { team_ids: [teamId] });
    expect(await status(`/team/info?team_id=${teamId}`)).toBe(404);
    expect(await teamKeyCount(teamId)).toBe(0);
  });

  it("delete_model, saying whether calls to the name still have somewhere to go", async () => {
    const modelName = name("model");
    const added = await admin<{ model_id: string }>("POST", "/model/new", { model_name: modelName, litellm_params: { model: "openai/gpt-4o-mini", mock_response: "x" } });
    const deployments = async () => ((await admin<{ data: { model_info: { id: string } }[] }>("GET", "/model/info")).data ?? []).map((d) => d.model_info.id);
    expect(await declined("delete_model", { model_id: added.model_id })).toMatch(
      new RegExp(`^Delete the deployment ${added.model_id} of model "${modelName}" \\(openai\\) for good\\? It is the last deployment named "${modelName}"`),
    );
    expect(await deployments()).toContain(added.model_id);
    await accepted("delete_model", { model_id: added.model_id });
    expect(await deployments()).not.toContain(added.model_id);
  });

  it("delete_budget", async () => {
    const budgetId = name("budget");
    await admin("POST", "/budget/new", { budget_id: budgetId, max_budget: 7, budget_duration: "30d" });
    const found = async () => (await admin<{ budget_id: string }[]>("POST", "/budget/info", { budgets: [budgetId] })).map((b) => b.budget_id);
    expect(await declined("delete_budget", { budget_id: budgetId })).toMatch(new RegExp(`^Delete the budget "${budgetId}" \\(\\$7\\.00 every 30d\\) for good\\?`));
    expect(await found()).toEqual([budgetId]);
    await accepted("delete_budget", { budget_id: budgetId });
    expect(await found()).toEqual([]);
  });
});
