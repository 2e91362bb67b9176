// The teams toolset: teams with one budget for all their keys, members who join as plain members (LiteLLM
// makes team admins an Enterprise feature), and destructive tools that say which keys go with them.

import nock from "nock";
import { describe, expect, it } from "vitest";
import { TEST_HOST, textOf } from "../support/connect.ts";
import { membersAdded, teamRow } from "../support/litellm-management-answers.ts";
import { asMaster, useBridge } from "../support/nock-bridge.ts";

const bridge = useBridge({ LITELLM_MCP_TOOLSETS: "teams" });

const summary = {
  team_id: "team-a",
  team_alias: "Platform",
  models: ["mock-gpt"],
  max_budget: 100,
  budget_duration: "30d",
  spend: 0,
  blocked: false,
  members_count: 1,
};

async function described(name: string) {
  const { tools } = await bridge().client.listTools();
  return tools.find((t) => t.name === name)!;
}

describe("create_team", () => {
  it("POSTs /team/new and shows the team, counting the admin LiteLLM adds", async () => {
    const args = { team_alias: "Platform", team_id: "team-a", models: ["mock-gpt"], max_budget: 100, budget_duration: "30d" };
    nock(TEST_HOST, asMaster).post("/team/new", args).reply(200, teamRow());

    const result = await bridge().call("create_team", args);

    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toEqual(summary);
    expect(JSON.parse(textOf(result))).toEqual(result.structuredContent);
  });

  it("needs an alias and refuses an empty models list", async () => {
    expect((await bridge().call("create_team", { models: ["mock-gpt"] })).isError).toBe(true);
    expect((await bridge().call("create_team", { team_alias: "x", models: [] })).isError).toBe(true);
  });
});

describe("update_team", () => {
  it("POSTs /team/update with only the fields given", async () => {
    nock(TEST_HOST, asMaster)
      .post("/team/update", { team_id: "team-a", max_budget: 150, blocked: true })
      .reply(200, { team_id: "team-a", data: teamRow({ max_budget: 150, blocked: true }) });

    const result = await bridge().call("update_team", { team_id: "team-a", max_budget: 150, blocked: true });

    expect(result.structuredContent).toEqual({ ...summary, max_budget: 150, blocked: true });
  });

  it("passes on LiteLLM's answer for an unknown team", async () => {
    nock(TEST_HOST).post("/team/update").reply(404, { error: { message: "{'error': 'Team not found, passed team_id=nope'}", type: "internal_server_error", param: null, code: "404" } });
    const result = await bridge().call("update_team", { team_id: "nope", max_budget: 1 });
    expect(textOf(result)).toBe("LiteLLM found nothing there (HTTP 404). LiteLLM said: Team not found, passed team_id=nope");
  });
});

describe("delete_team", () => {
  it("POSTs /team/delete and lists the teams LiteLLM deleted", async () => {
    nock(TEST_HOST, asMaster).post("/team/delete", { team_ids: ["team-a"] }).reply(200, { deleted_teams: ["team-a"] });
    const result = await bridge().call("delete_team", { team_ids: ["team-a"] });
    expect(result.structuredContent).toEqual({ deleted: ["team-a"] });
  });

  it("says the team's keys go with it and its members stay", async () => {
    const tool = await described("delete_team");
    expect(tool.description).toMatch(/with every key of the team \(members' team keys too\)\. Members stay/);
    expect(tool.annotations).toMatchObject({ destructiveHint: true, idempotentHint: false });
  });
});

describe("list_teams", () => {
  it("GETs /v2/team/list, one bounded page with member and key counts", async () => {
    nock(TEST_HOST, asMaster)
      .get("/v2/team/list")
      .query({ user_id: "u-7", page: 1, page_size: 20 })
      .reply(200, { teams: [{ ...teamRow(), members_count: 4, keys_count: 2 }], total: 1, page: 1, page_size: 20, total_pages: 1 });

    const result = await bridge().call("list_teams", { user_id: "u-7" });

    expect(result.structuredContent).toEqual({
      teams: [{ ...summary, members_count: 4, keys_count: 2 }],
      total: 1,
      page: 1,
      total_pages: 1,
      truncated: false,
      next_page: null,
    });
  });
});

describe("add_team_member", () => {
  it("adds everyone as a plain member, with their budget in the team, and shows the ids LiteLLM gave", async () => {
    nock(TEST_HOST, asMaster)
      .post("/team/member_add", {
        team_id: "team-a",
        member: [{ user_id: "u-7", role: "user" }, { user_email: "new@example.com", role: "user" }],
        max_budget_in_team: 5,
      })
      .reply(200, membersAdded([{ user_id: "u-7" }, { user_id: "4be1-generated", user_email: "new@example.com" }], "b-1"));

    const result = await bridge().call("add_team_member", { team_id: "team-a", members: [{ user_id: "u-7" }, { user_email: "new@example.com" }], max_budget_in_team: 5 });

    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toEqual({
      team_id: "team-a",
      added: [
        { user_id: "u-7", user_email: null },
        { user_id: "4be1-generated", user_email: "new@example.com" },
      ],
      members_count: 3,
    });
  });

  it("takes no role, and each member needs exactly one of user_id and user_email", async () => {
    expect((await bridge().call("add_team_member", { team_id: "team-a", members: [{ user_id: "u-7", role: "admin" }] })).isError).toBe(true);
    expect((await bridge().call("add_team_member", { team_id: "team-a", members: [{ user_id: "u-7", user_email: "a@example.com" }] })).isError).toBe(true);
    expect((await bridge().call("add_team_member", { team_id: "team-a", members: [] })).isError).toBe(true);
  });

  it("passes on LiteLLM's refusal of someone already on the team", async () => {
    nock(TEST_HOST).post("/team/member_add").reply(400, { error: { message: "User already in team. Member: user_id=u-7, user_email=None.", type: "internal_server_error", param: "None", code: "400" } });
    const result = await bridge().call("add_team_member", { team_id: "team-a", members: [{ user_id: "u-7" }] });
    expect(textOf(result)).toMatch(/^LiteLLM rejected the request \(HTTP 400\)\. LiteLLM said: User already in team/);
  });
});

describe("remove_team_member", () => {
  it("POSTs /team/member_delete and shows who is left", async () => {
    nock(TEST_HOST, asMaster).post("/team/member_delete", { team_id: "team-a", user_id: "u-7" }).reply(200, teamRow());
    const result = await bridge().call("remove_team_member", { team_id: "team-a", user_id: "u-7" });
    expect(result.structuredContent).toEqual({ team_id: "team-a", removed: "u-7", members_count: 1 });
  });

  it("says the member's team keys are deleted, and is destructive", async () => {
    const tool = await described("remove_team_member");
    expect(tool.description).toMatch(/Their keys for this team are deleted for good/);
    expect(tool.annotations).toMatchObject({ destructiveHint: true });
  });
});
