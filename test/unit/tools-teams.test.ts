// The teams toolset: teams with one budget for all their keys and an alias no other team has, members who
// join as plain members (LiteLLM makes team admins an Enterprise feature), and answers that say what LiteLLM
// holds afterwards: who joined and who was there already, and which keys went with a member.

import nock from "nock";
import { describe, expect, it } from "vitest";
import { TEST_HOST, textOf } from "../support/connect.ts";
import { keyRow, teamInfo } from "../support/litellm-admin-answers.ts";
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

/** GET /v2/team/list searching aliases for `term`, with the teams LiteLLM finds. */
function teamsFound(term: string, teams: { team_id: string; team_alias: string }[]) {
  nock(TEST_HOST, asMaster)
    .get("/v2/team/list")
    .query({ team_alias: term, page: 1, page_size: 100 })
    .reply(200, { teams: teams.map((t) => ({ ...teamRow(t), members_count: 1, keys_count: 0 })), total: teams.length, page: 1, page_size: 100, total_pages: teams.length > 0 ? 1 : 0 });
}

type Member = { user_id: string; user_email?: string | null; max_budget?: number };

/** GET /team/info of team-a with these members (and their budgets in the team). */
function teamWith(members: Member[]) {
  const info = teamInfo();
  nock(TEST_HOST, asMaster)
    .get("/team/info")
    .query({ team_id: "team-a" })
    .reply(200, {
      ...info,
      team_info: { ...info.team_info, members_with_roles: members.map((m) => ({ user_id: m.user_id, user_email: m.user_email ?? null, role: "user" })) },
      team_memberships: members.map((m) => ({ user_id: m.user_id, team_id: "team-a", budget_id: m.max_budget ? `b-${m.user_id}` : null, litellm_budget_table: m.max_budget ? { max_budget: m.max_budget } : null })),
    });
}

/** GET /key/list of one member's keys in team-a: how many LiteLLM holds. */
function memberKeys(userId: string, count: number) {
  nock(TEST_HOST, asMaster)
    .get("/key/list")
    .query((q) => q.team_id === "team-a" && q.user_id === userId)
    .reply(200, { keys: Array.from({ length: count }, () => keyRow({ team_id: "team-a", user_id: userId })), total_count: count, current_page: 1, total_pages: count > 0 ? 1 : 0 });
}

async function described(name: string) {
  const { tools } = await bridge().client.listTools();
  return tools.find((t) => t.name === name)!;
}

describe("create_team", () => {
  it("POSTs /team/new and shows the team, counting the admin LiteLLM adds", async () => {
    const args = { team_alias: "Platform", team_id: "team-a", models: ["mock-gpt"], max_budget: 100, budget_duration: "30d" };
    teamsFound("platform", [{ team_id: "team-p2", team_alias: "Platform two" }]);
    nock(TEST_HOST, asMaster).post("/team/new", args).reply(200, teamRow());

    const result = await bridge().call("create_team", args);

    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toEqual(summary);
    expect(JSON.parse(textOf(result))).toEqual(result.structuredContent);
  });

  it.each([
    ["the same alias", "Platform", "Platform", ""],
    ["an alias that differs only in case and spacing", "platform\u00a0 team ", "Platform Team", ' ("Platform Team" differs only in case or spacing)'],
  ])("refuses %s as another team's, naming that team, and creates nothing", async (_case, asked, existing, note) => {
    teamsFound("platform", [{ team_id: "team-b", team_alias: existing }]);
    const result = await bridge().call("create_team", { team_alias: asked });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      `Team team-b already has the alias "${existing}"${note}. LiteLLM would accept a second, and list_teams by that alias would then show both: pick another alias, or change team team-b itself.`,
    );
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

  it("refuses renaming onto another team's alias, but a team may keep its own", async () => {
    teamsFound("sales", [{ team_id: "team-s", team_alias: "Sales" }]);
    expect(textOf(await bridge().call("update_team", { team_id: "team-a", team_alias: "Sales" }))).toMatch(/^Team team-s already has the alias "Sales"/);

    teamsFound("platform", [{ team_id: "team-a", team_alias: "Platform" }]);
    nock(TEST_HOST, asMaster).post("/team/update", { team_id: "team-a", team_alias: "platform" }).reply(200, { team_id: "team-a", data: teamRow({ team_alias: "platform" }) });
    expect((await bridge().call("update_team", { team_id: "team-a", team_alias: "platform" })).structuredContent).toMatchObject({ team_alias: "platform" });
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
  it("adds everyone as a plain member, and shows who joined, with the ids LiteLLM gave and their budgets as stored", async () => {
    teamWith([{ user_id: "u-0" }]);
    nock(TEST_HOST, asMaster)
      .post("/team/member_add", {
        team_id: "team-a",
        member: [{ user_id: "u-7", role: "user" }, { user_email: "new@example.com", role: "user" }],
        max_budget_in_team: 5,
      })
      .reply(200, membersAdded([{ user_id: "u-7" }, { user_id: "4be1-generated", user_email: "new@example.com" }], "b-1"));
    teamWith([{ user_id: "u-0" }, { user_id: "u-7", max_budget: 5 }, { user_id: "4be1-generated", user_email: "new@example.com", max_budget: 5 }]);

    const result = await bridge().call("add_team_member", { team_id: "team-a", members: [{ user_id: "u-7" }, { user_email: "new@example.com" }], max_budget_in_team: 5 });

    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toEqual({
      team_id: "team-a",
      added: [
        { user_id: "u-7", user_email: null, max_budget_in_team: 5 },
        { user_id: "4be1-generated", user_email: "new@example.com", max_budget_in_team: 5 },
      ],
      already_members: [],
      members_count: 3,
    });
  });

  it("lists people already on the team apart: LiteLLM skips them without saying so", async () => {
    teamWith([{ user_id: "u-0" }, { user_id: "u-7" }]);
    nock(TEST_HOST, asMaster).post("/team/member_add").reply(200, membersAdded([{ user_id: "u-8" }]));
    teamWith([{ user_id: "u-0" }, { user_id: "u-7" }, { user_id: "u-8" }]);
    const result = await bridge().call("add_team_member", { team_id: "team-a", members: [{ user_id: "u-7" }, { user_id: "u-8" }] });
    expect(result.structuredContent).toEqual({ team_id: "team-a", added: [{ user_id: "u-8", user_email: null, max_budget_in_team: null }], already_members: ["u-7"], members_count: 3 });
  });

  it("sends nothing when everyone is on the team already", async () => {
    teamWith([{ user_id: "u-7" }, { user_id: "u-9", user_email: "Nine@Example.com" }]);
    const result = await bridge().call("add_team_member", { team_id: "team-a", members: [{ user_id: "u-7" }, { user_email: "nine@example.com" }] });
    expect(textOf(result)).toBe("u-7, nine@example.com are on team team-a already, so nothing changed.");
  });

  it("says so when a member LiteLLM answered it added is not on the team afterwards", async () => {
    teamWith([]);
    nock(TEST_HOST, asMaster).post("/team/member_add").reply(200, membersAdded([{ user_id: "u-7" }]));
    teamWith([]);
    expect(textOf(await bridge().call("add_team_member", { team_id: "team-a", members: [{ user_id: "u-7" }] }))).toMatch(/^LiteLLM answered that it added the members, but team team-a does not list u-7/);
  });

  it.each([
    [[{ user_id: "u-7", role: "admin" }], "role"],
    [[{ user_id: "u-7", user_email: "a@example.com" }], "Give user_id or user_email (each member), not both."],
    [[{}], "Give user_id or user_email (each member); neither was given."],
    [[], "members"],
  ])("refuses members %j, saying what is wrong", async (members, said) => {
    const result = await bridge().call("add_team_member", { team_id: "team-a", members });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(said);
  });
});

describe("remove_team_member", () => {
  it("POSTs /team/member_delete, and counts the member's team keys LiteLLM deleted with them", async () => {
    teamWith([{ user_id: "u-0" }, { user_id: "u-7", user_email: "seven@example.com" }]);
    memberKeys("u-7", 2);
    nock(TEST_HOST, asMaster).post("/team/member_delete", { team_id: "team-a", user_email: "seven@example.com" }).reply(200, teamRow());
    teamWith([{ user_id: "u-0" }]);
    memberKeys("u-7", 0);
    const result = await bridge().call("remove_team_member", { team_id: "team-a", user_email: "seven@example.com" });
    expect(result.structuredContent).toEqual({ team_id: "team-a", removed: "u-7", keys_deleted: 2, members_count: 1 });
  });

  it("sends nothing for someone not on the team, and names who is", async () => {
    teamWith([{ user_id: "u-0" }, { user_id: "u-1" }]);
    expect(textOf(await bridge().call("remove_team_member", { team_id: "team-a", user_id: "u-7" }))).toBe('u-7 is not a member of team "Platform" (team-a), so nothing changed. Its members: u-0, u-1.');
  });

  it.each([
    [{ team_id: "team-a" }, "Give user_id or user_email (who to take off the team); neither was given."],
    [{ team_id: "team-a", user_id: "u-7", user_email: "a@example.com" }, "Give user_id or user_email (who to take off the team), not both."],
  ])("refuses %j, saying what is wrong", async (args, said) => {
    expect(textOf(await bridge().call("remove_team_member", args))).toContain(said);
  });

  it("says the member's team keys are deleted, and is destructive", async () => {
    const tool = await described("remove_team_member");
    expect(tool.description).toMatch(/Their keys for this team are deleted for good/);
    expect(tool.annotations).toMatchObject({ destructiveHint: true });
  });
});
