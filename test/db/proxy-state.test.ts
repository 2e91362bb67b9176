// What the proxy holds after every write tool, read through LiteLLM's own REST API with the master key, not
// from the tool's answer: on a real LiteLLM with its database, through the built server over stdio with
// every toolset on. Each write's answer must say what LiteLLM then holds (what was deleted and what was not
// there, who joined and who was on the team already, which keys went with a member), and a write that could
// never work must be refused with nothing written: a credential LiteLLM lacks, a second team with an alias,
// a config-file model to delete, a duration too large for LiteLLM.

import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { manifest } from "../../src/manifest/index.ts";
import { leaksCanary } from "../support/canary.ts";
import { capture } from "../support/capture.ts";
import { startCheckedServer, type CheckedServer } from "../support/checked-server.ts";
import { createUser, DB_MODELS, liteLLMAdmin } from "../support/db-proxy.ts";

const proxy = inject("dbProxy");
const [ALPHA] = DB_MODELS;

describe.skipIf(!proxy)("what LiteLLM holds after each write tool, read back through its REST API", () => {
  const run = randomBytes(4).toString("hex");
  let server: CheckedServer;

  /** A GET with the master key, straight to LiteLLM: the proxy's own view. */
  async function rest<T = Record<string, unknown>>(path: string): Promise<{ status: number; body: T }> {
    return (await liteLLMAdmin(proxy!, "GET", path)) as { status: number; body: T };
  }
  const keyInfo = async (key: string) => (await rest<{ info: Record<string, unknown> }>(`/key/info?key=${encodeURIComponent(key)}`)).body.info;
  const keysWithAlias = async (alias: string) => (await rest<{ keys: { key_alias: string }[] }>(`/key/list?key_alias=${encodeURIComponent(alias)}&return_full_object=true`)).body.keys;
  const teamInfo = (teamId: string) => rest<{ team_info: { team_alias: string; max_budget: number | null; members_with_roles: { user_id: string; user_email: string | null }[] }; team_memberships: { user_id: string; litellm_budget_table: { max_budget: number } | null }[] }>(`/team/info?team_id=${encodeURIComponent(teamId)}`);
  const teamsWithAlias = async (alias: string) => (await rest<{ teams: { team_id: string; team_alias: string }[] }>(`/v2/team/list?team_alias=${encodeURIComponent(alias)}&page_size=100`)).body.teams;
  const deployments = async () => (await rest<{ data: { model_name: string; litellm_params: Record<string, unknown>; model_info: { id: string; db_model?: boolean } }[] }>("/model/info")).body.data;
  const budgetInfo = async (id: string) => (await liteLLMAdmin(proxy!, "POST", "/budget/info", { budgets: [id] })).body as { budget_id: string; max_budget: number }[];

  /** A key minted by the tool, for a user of this run. */
  async function mint(alias: string, extra: Record<string, unknown> = {}) {
    return server.answer<{ key: string; key_alias: string }>("generate_key", { models: [ALPHA.name], user_id: `state-user-${run}`, duration: "1h", key_alias: alias, ...extra });
  }

  beforeAll(async () => {
    // generate_key mints keys only for a user LiteLLM has (src/policy/effects.ts): an admin creates it first.
    await createUser(proxy!, `state-user-${run}`);
    // update_key below writes metadata: the operator allows the one field it uses (src/policy-metadata.ts).
    server = await startCheckedServer({ LITELLM_HOST: proxy!.url, LITELLM_MASTER_KEY: proxy!.masterKey, LITELLM_MCP_TOOLSETS: "all", LITELLM_MCP_METADATA_FIELDS: "purpose" });
  });

  afterAll(async () => {
    if (!server) return;
    await server.close();
    capture("db-proxy-state", server.emitted());
    expect(leaksCanary(server.emitted())).toBe(false);
  });

  describe("keys", () => {
    it("generate_key: the key LiteLLM stores is the one answered", async () => {
      const minted = await mint(`state-gen-${run}`, { max_budget: 2 });
      expect(await keyInfo(minted.key)).toMatchObject({ key_alias: `state-gen-${run}`, models: [ALPHA.name], max_budget: 2, user_id: `state-user-${run}`, status: "active" });
    });

    it("update_key: LiteLLM holds the new values, and the answer shows the key as LiteLLM then holds it, untouched fields included", async () => {
      const minted = await mint(`state-upd-${run}`);
      const answer = await server.answer<Record<string, unknown>>("update_key", { key: minted.key, max_budget: 3, metadata: { purpose: "state" } });
      const held = await keyInfo(minted.key);
      expect(held).toMatchObject({ max_budget: 3, metadata: { purpose: "state" }, key_alias: `state-upd-${run}`, models: [ALPHA.name] });
      // Fields the call left alone are filled in, with what LiteLLM holds: not null.
      expect(answer).toMatchObject({ max_budget: 3, key_alias: held.key_alias, models: held.models });
    });

    it("get_key_info of a key past its expiry says \"expired\", as LiteLLM does", async () => {
      // Minted around the tools: generate_key takes no duration under a minute.
      const minted = (await liteLLMAdmin(proxy!, "POST", "/key/generate", { models: [ALPHA.name], user_id: `state-user-${run}`, duration: "1s", key_alias: `state-expiring-${run}` })).body as { key: string };
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect((await keyInfo(minted.key)).status).toBe("expired");
      expect((await server.answer<{ info: { status: string } }>("get_key_info", { key: minted.key })).info.status).toBe("expired");
    });

    it("block_key and unblock_key: LiteLLM's blocked flag follows", async () => {
      const minted = await mint(`state-block-${run}`);
      await server.answer("block_key", { key: minted.key });
      expect((await keyInfo(minted.key)).blocked).toBe(true);
      await server.answer("unblock_key", { key: minted.key });
      expect((await keyInfo(minted.key)).blocked).toBe(false);
    });

    it("reset_key_spend: LiteLLM's spend is what the answer says", async () => {
      const minted = await mint(`state-reset-${run}`);
      const answer = await server.answer<{ spend: number }>("reset_key_spend", { key: minted.key, reset_to: 0 });
      expect((await keyInfo(minted.key)).spend).toBe(answer.spend);
    });

    it("regenerate_key, refused without an Enterprise license, leaves the key as it was", async () => {
      const minted = await mint(`state-regen-${run}`);
      expect(await server.failure("regenerate_key", { key: minted.key, duration: "1h" })).toMatch(/Enterprise/);
      expect(await keyInfo(minted.key)).toMatchObject({ status: "active", key_alias: `state-regen-${run}` });
    });

    it("delete_key of a live key and an unknown one: deleted names only the live one, which LiteLLM marks deleted; a key not named stays", async () => {
      const [live, bystander] = [await mint(`state-del-${run}`), await mint(`state-keep-${run}`)];
      const unknown = `sk-unknown-${run}-none`;
      const answer = await server.answer("delete_key", { keys: [live.key, unknown] });
      expect(answer).toEqual({ deleted: [`sk-...${live.key.slice(-4)}`], not_found: [`sk-...${unknown.slice(-4)}`] });
      expect((await keyInfo(live.key)).status).toBe("deleted");
      expect((await keyInfo(bystander.key)).status).toBe("active");
    });

    it("delete_key by aliases, one of them unknown: the same, by alias", async () => {
      await mint(`state-delalias-${run}`);
      const answer = await server.answer("delete_key", { key_aliases: [`state-delalias-${run}`, `state-nobody-${run}`] });
      expect(answer).toEqual({ deleted: [`state-delalias-${run}`], not_found: [`state-nobody-${run}`] });
      expect(await keysWithAlias(`state-delalias-${run}`)).toEqual([]);
    });

    it("delete_key of keys LiteLLM does not have is refused, and deletes nothing", async () => {
      const bystander = await mint(`state-keep2-${run}`);
      expect(await server.failure("delete_key", { keys: [`sk-unknown-${run}-a1b2`] })).toBe(
        "LiteLLM does not have the key sk-...a1b2, so nothing was deleted. list_keys shows the keys there are.",
      );
      expect(await server.failure("delete_key", { key_aliases: [`state-nobody-${run}`, `state-nobody2-${run}`] })).toBe(
        `LiteLLM does not have keys with the aliases state-nobody-${run}, state-nobody2-${run}, so nothing was deleted. list_keys shows the keys there are.`,
      );
      expect((await keyInfo(bystander.key)).status).toBe("active");
    });

    it("delete_key with neither keys nor aliases says that, not 'not both'", async () => {
      expect(await server.failure("delete_key", {})).toMatch(/Give keys or key_aliases \(the keys to delete\); neither was given\.$/);
    });

    // LiteLLM answers these with Python's overflow errors (src/litellm-failures.ts says so, not "try again
    // later"); the tools take no duration past 36500d, so they are refused before LiteLLM sees them.
    it.each(["99999999999d", "1500000000d", "9999999d", "99999mo", "99999999999mo"])("generate_key with duration %s, which LiteLLM cannot store: refused with a sentence that needs no retry, and no key exists", async (duration) => {
      const alias = `state-huge-${duration}-${run}`;
      const said = await server.failure("generate_key", { models: [ALPHA.name], user_id: `state-user-${run}`, duration, key_alias: alias });
      expect(said).toMatch(/duration: A duration must be at least 1m and at most 36500d/);
      expect(said).not.toMatch(/try again later/);
      expect(await keysWithAlias(alias)).toEqual([]);
    });
  });

  describe("users", () => {
    const [userA, userB] = [`state-ua-${run}`, `state-ub-${run}`];

    it("create_user and update_user: LiteLLM's user row has what was asked", async () => {
      await server.answer("create_user", { user_id: userA, user_email: `${userA}@example.com`, models: [ALPHA.name], max_budget: 4 });
      await server.answer("update_user", { user_id: userA, max_budget: 5, user_alias: "A" });
      const held = (await rest<{ user_info: Record<string, unknown> }>(`/user/info?user_id=${userA}`)).body.user_info;
      expect(held).toMatchObject({ user_id: userA, user_email: `${userA}@example.com`, models: [ALPHA.name], max_budget: 5, user_alias: "A" });
    });

    it("delete_user with an unknown id deletes nobody; an id given twice is deleted once", async () => {
      await server.answer("create_user", { user_id: userB, models: [ALPHA.name] });
      expect(await server.failure("delete_user", { user_ids: [userB, `state-nobody-${run}`] })).toMatch(/HTTP 404.*User not found/);
      expect((await rest(`/user/info?user_id=${userB}`)).status).toBe(200);
      expect(await server.answer("delete_user", { user_ids: [userA, userB, userB] })).toEqual({ deleted: [userA, userB], count: 2 });
      for (const id of [userA, userB]) expect((await rest(`/user/info?user_id=${id}`)).status).toBe(404);
    });
  });

  describe("teams", () => {
    const teamId = `state-team-${run}`;
    const otherId = `state-other-${run}`;
    const alias = `State Team ${run}`;
    const [ana, bo] = [`state-ana-${run}`, `state-bo-${run}`];
    const newcomer = `state-new-${run}@example.com`;

    it("create_team: LiteLLM holds the team as answered", async () => {
      const answer = await server.answer("create_team", { team_alias: alias, team_id: teamId, models: [ALPHA.name], max_budget: 5 });
      const held = await teamInfo(teamId);
      expect(held.status).toBe(200);
      expect(answer).toMatchObject({ team_id: teamId, team_alias: held.body.team_info.team_alias, max_budget: held.body.team_info.max_budget, members_count: held.body.team_info.members_with_roles.length });
    });

    it.each([
      ["the same alias", () => alias, ""],
      ["the alias in other case and spacing", () => `  state\u00a0team ${run.toUpperCase()}`, ` ("${alias}" differs only in case or spacing)`],
    ])("create_team with %s as another team is refused, naming that team, and LiteLLM still has one team by that alias", async (_case, asked, note) => {
      expect(await server.failure("create_team", { team_alias: asked(), team_id: `state-dup-${run}` })).toBe(
        `Team ${teamId} already has the alias "${alias}"${note}. LiteLLM would accept a second, and list_teams by that alias would then show both: pick another alias, or change team ${teamId} itself.`,
      );
      expect((await teamsWithAlias(alias)).map((t) => t.team_id)).toEqual([teamId]);
      expect((await teamInfo(`state-dup-${run}`)).status).toBe(404);
    });

    it("update_team renaming onto another team's alias is refused and changes nothing; a team keeps its own alias in another case", async () => {
      await server.answer("create_team", { team_alias: `Other ${run}`, team_id: otherId });
      expect(await server.failure("update_team", { team_id: otherId, team_alias: alias })).toMatch(new RegExp(`^Team ${teamId} already has the alias`));
      expect((await teamInfo(otherId)).body.team_info.team_alias).toBe(`Other ${run}`);
      await server.answer("update_team", { team_id: otherId, team_alias: `other ${run}`, max_budget: 7 });
      expect((await teamInfo(otherId)).body.team_info).toMatchObject({ team_alias: `other ${run}`, max_budget: 7 });
    });

    it("add_team_member: who joined, with the budget LiteLLM stored for each, is what LiteLLM's team holds", async () => {
      const answer = await server.answer<{ added: { user_id: string; user_email: string | null; max_budget_in_team: number | null }[]; already_members: string[]; members_count: number }>("add_team_member", {
        team_id: teamId,
        members: [{ user_id: ana }, { user_email: newcomer }],
        max_budget_in_team: 2,
      });
      const held = (await teamInfo(teamId)).body;
      const newcomerId = held.team_info.members_with_roles.find((m) => m.user_email === newcomer)?.user_id;
      expect(newcomerId).toBeTruthy();
      expect(answer).toEqual({
        team_id: teamId,
        added: [
          { user_id: ana, user_email: null, max_budget_in_team: 2 },
          { user_id: newcomerId, user_email: newcomer, max_budget_in_team: 2 },
        ],
        already_members: [],
        members_count: held.team_info.members_with_roles.length,
      });
      for (const id of [ana, newcomerId]) expect(held.team_memberships.find((m) => m.user_id === id)?.litellm_budget_table?.max_budget).toBe(2);
    });

    it("add_team_member with someone already on the team: LiteLLM skips them silently; the answer lists them apart", async () => {
      const answer = await server.answer("add_team_member", { team_id: teamId, members: [{ user_id: ana }, { user_id: bo }] });
      expect(answer).toMatchObject({ added: [{ user_id: bo, user_email: null, max_budget_in_team: null }], already_members: [ana] });
      const members = (await teamInfo(teamId)).body.team_info.members_with_roles.map((m) => m.user_id);
      expect(members.filter((id) => id === ana)).toHaveLength(1);
      expect(members).toContain(bo);
    });

    it("add_team_member of people all on the team already is refused, and the team is unchanged", async () => {
      const before = (await teamInfo(teamId)).body.team_info.members_with_roles.length;
      expect(await server.failure("add_team_member", { team_id: teamId, members: [{ user_id: ana }, { user_email: newcomer.toUpperCase() }] })).toBe(
        `${ana}, ${newcomer.toUpperCase()} are on team ${teamId} already, so nothing changed.`,
      );
      expect((await teamInfo(teamId)).body.team_info.members_with_roles).toHaveLength(before);
    });

    it("add_team_member with a member of neither id nor email says that, not 'not both'", async () => {
      expect(await server.failure("add_team_member", { team_id: teamId, members: [{}] })).toMatch(/Give user_id or user_email \(each member\); neither was given\./);
    });

    it("remove_team_member: the member is gone from LiteLLM's team, with as many team keys as the answer says", async () => {
      await mint(`state-anakey-${run}`, { user_id: ana, team_id: teamId });
      await mint(`state-anakey2-${run}`, { user_id: ana, team_id: teamId });
      const teamKeys = async () => (await rest<{ total_count: number }>(`/key/list?team_id=${teamId}&user_id=${ana}`)).body.total_count;
      expect(await teamKeys()).toBe(2);
      const answer = await server.answer("remove_team_member", { team_id: teamId, user_id: ana });
      const held = (await teamInfo(teamId)).body.team_info.members_with_roles;
      expect(answer).toEqual({ team_id: teamId, removed: ana, keys_deleted: 2, members_count: held.length });
      expect(held.map((m) => m.user_id)).not.toContain(ana);
      expect(await teamKeys()).toBe(0);
    });

    it("remove_team_member of someone not on the team names who is; with neither id nor email it says that", async () => {
      expect(await server.failure("remove_team_member", { team_id: teamId, user_id: ana })).toMatch(new RegExp(`^${ana} is not a member of team (".+" \\()?${teamId}\\)?, so nothing changed\\. Its members: .*${bo}`));
      expect(await server.failure("remove_team_member", { team_id: teamId })).toMatch(/Give user_id or user_email \(who to take off the team\); neither was given\./);
    });

    it("delete_team with an unknown id deletes nothing; then the team goes, and LiteLLM no longer has it", async () => {
      expect(await server.failure("delete_team", { team_ids: [otherId, `state-noteam-${run}`] })).toMatch(/HTTP 404/);
      expect((await teamInfo(otherId)).status).toBe(200);
      expect(await server.answer("delete_team", { team_ids: [otherId] })).toEqual({ deleted: [otherId] });
      expect((await teamInfo(otherId)).status).toBe(404);
    });
  });

  describe("models", () => {
    const credential = `state-cred-${run}`;
    const name = `state-model-${run}`;
    let modelId: string;

    beforeAll(async () => {
      const stored = await liteLLMAdmin(proxy!, "POST", "/credentials", {
        credential_name: credential,
        credential_values: { api_key: `sk-provider-${run}-never-shown`, mock_response: "state says hello" },
        credential_info: { custom_llm_provider: "openai" },
      });
      expect(stored.status, JSON.stringify(stored.body)).toBe(200);
    });

    // The proxy is shared with the other files, which list its models: what this one added goes.
    afterAll(async () => {
      await liteLLMAdmin(proxy!, "POST", "/model/delete", { id: `broken-${run}` });
    });

    it("add_model on a credential LiteLLM does not have is refused, and LiteLLM has no such deployment", async () => {
      const said = await server.failure("add_model", { model_name: `${name}-nocred`, model: "openai/gpt-4o-mini", litellm_credential_name: `${credential}-typo` });
      expect(said).toMatch(new RegExp(`^LiteLLM has no credential named "${credential}-typo", so a deployment on it could never answer .*nothing was added\\. It has .*"${credential}"`));
      expect((await deployments()).filter((d) => d.model_name === `${name}-nocred`)).toEqual([]);
    });

    it("add_model and update_model: the deployment LiteLLM routes to has what was asked", async () => {
      const added = await server.answer<{ model_id: string }>("add_model", { model_name: name, model: "openai/gpt-4o-mini", litellm_credential_name: credential, rpm: 10 });
      modelId = added.model_id;
      const stored = () => deployments().then((all) => all.find((d) => d.model_info.id === modelId));
      expect(await stored()).toMatchObject({ model_name: name, model_info: { db_model: true }, litellm_params: { litellm_credential_name: credential, rpm: 10 } });
      await server.answer("update_model", { model_id: modelId, rpm: 20 });
      expect((await stored())?.litellm_params.rpm).toBe(20);
    });

    it("delete_model of a config-file model says config models cannot be deleted, and LiteLLM still routes to it", async () => {
      const configured = (await deployments()).find((d) => d.model_name === ALPHA.name)!;
      expect(await server.failure("delete_model", { model_id: configured.model_info.id })).toBe(
        `Deployment "${configured.model_info.id}" ("${ALPHA.name}") comes from the proxy's config file, and LiteLLM deletes only deployments added through its API (add_model); nothing was deleted. Take it out of the config file and restart the proxy instead.`,
      );
      expect((await deployments()).some((d) => d.model_info.id === configured.model_info.id)).toBe(true);
    });

    it("delete_model: the deployment is gone from LiteLLM, and deployments_left is what LiteLLM still routes under the name", async () => {
      const answer = await server.answer("delete_model", { model_id: modelId });
      const left = (await deployments()).filter((d) => d.model_name === name);
      expect(answer).toEqual({ deleted: modelId, model_name: name, deployments_left: left.length });
      expect(left).toEqual([]);
      expect(await server.failure("delete_model", { model_id: modelId })).toMatch(/^LiteLLM has no deployment with id/);
    });

    it("a completion through a deployment whose credential LiteLLM lacks (put there around the tools) is a permanent failure that names the model", async () => {
      const broken = `${name}-broken`;
      const made = await liteLLMAdmin(proxy!, "POST", "/model/new", { model_name: broken, litellm_params: { model: "openai/gpt-4o-mini", litellm_credential_name: `${credential}-gone` }, model_info: { id: `broken-${run}` } });
      expect(made.status, JSON.stringify(made.body)).toBe(200);
      const minted = await mint(`state-broken-${run}`, { models: [broken] });
      const said = await server.failure("proxy_completion", { model: broken, key: minted.key, messages: [{ role: "user", content: "hi" }] });
      expect(said).toMatch(new RegExp(`^The deployment behind model "${broken}" has no provider key: .*Missing credentials.*Retrying will not help`));
      expect(said).not.toMatch(/try again later/);
    });
  });

  describe("budgets", () => {
    const budgetId = `state-budget-${run}`;

    it("create_budget, update_budget, delete_budget: LiteLLM's budget table follows", async () => {
      await server.answer("create_budget", { budget_id: budgetId, max_budget: 3 });
      expect(await budgetInfo(budgetId)).toEqual([expect.objectContaining({ budget_id: budgetId, max_budget: 3 })]);
      await server.answer("update_budget", { budget_id: budgetId, max_budget: 4 });
      expect(await budgetInfo(budgetId)).toEqual([expect.objectContaining({ max_budget: 4 })]);
      await server.answer("delete_budget", { budget_id: budgetId });
      expect(await budgetInfo(budgetId)).toEqual([]);
    });
  });

  it("checked every tool that writes", () => {
    // Completions and model health checks write nothing LiteLLM stores but spend, which the usage tests follow.
    const spends = ["proxy_completion", "check_model_health"];
    const writes = manifest.filter((tool) => !tool.annotations.readOnlyHint && !spends.includes(tool.name)).map((tool) => tool.name);
    expect(writes.filter((tool) => !server.called.has(tool))).toEqual([]);
  });
});
