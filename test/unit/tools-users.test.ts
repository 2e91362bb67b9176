// The users toolset: create_user never lets LiteLLM mint a key on the side and never grants an admin role,
// update_user and list_users send what they are given, delete_user says what goes with a user.

import nock from "nock";
import { describe, expect, it } from "vitest";
import { TEST_HOST, textOf } from "../support/connect.ts";
import { newUser, userRow } from "../support/litellm-management-answers.ts";
import { asMaster, useBridge } from "../support/nock-bridge.ts";

const bridge = useBridge({ LITELLM_MCP_TOOLSETS: "users" });

const summary = {
  user_id: "u-7",
  user_email: "ana@example.com",
  user_alias: null,
  user_role: "internal_user",
  models: ["mock-gpt"],
  max_budget: 20,
  budget_duration: "30d",
  spend: 0.5,
  teams: ["team-a"],
};

describe("create_user", () => {
  it("POSTs /user/new with auto_create_key false, so LiteLLM mints no key outside generate_key's policy", async () => {
    const args = { user_id: "u-7", user_email: "ana@example.com", models: ["mock-gpt"], max_budget: 20, budget_duration: "30d", user_role: "internal_user" };
    nock(TEST_HOST, asMaster)
      .post("/user/new", { ...args, auto_create_key: false })
      .reply(200, (_uri, body) => newUser(body as Record<string, unknown>));

    const result = await bridge().call("create_user", args);

    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toEqual({ ...summary, user_alias: null, spend: 0, teams: null });
    expect(JSON.parse(textOf(result))).toEqual(result.structuredContent);
  });

  it.each(["proxy_admin", "proxy_admin_viewer"])("refuses the %s role: every key of such a user is an admin key", async (role) => {
    const result = await bridge().call("create_user", { user_id: "u-8", user_role: role });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/user_role/);
  });

  it("refuses an empty models list, which LiteLLM reads as every model", async () => {
    const result = await bridge().call("create_user", { user_id: "u-8", models: [] });
    expect(result.isError).toBe(true);
  });

  it("passes on LiteLLM's refusal of an existing id as its sentence", async () => {
    nock(TEST_HOST).post("/user/new").reply(409, { error: { message: "{'error': 'User with id u-7 already exists'}", type: "internal_server_error", param: null, code: "409" } });
    const result = await bridge().call("create_user", { user_id: "u-7" });
    expect(textOf(result)).toBe("LiteLLM answered HTTP 409 Conflict. LiteLLM said: User with id u-7 already exists");
  });
});

describe("update_user", () => {
  it("POSTs /user/update with only the fields given and shows the user after the change", async () => {
    nock(TEST_HOST, asMaster)
      .post("/user/update", { user_id: "u-7", max_budget: 30 })
      .reply(200, { user_id: "u-7", data: userRow({ max_budget: 30 }) });

    const result = await bridge().call("update_user", { user_id: "u-7", max_budget: 30 });

    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toEqual({ ...summary, max_budget: 30 });
  });

  it("needs something to change, and never an admin role", async () => {
    expect((await bridge().call("update_user", { user_id: "u-7" })).isError).toBe(true);
    expect((await bridge().call("update_user", { user_id: "u-7", user_role: "proxy_admin" })).isError).toBe(true);
  });

  it("says in its description that LiteLLM creates an unknown user", async () => {
    const { tools } = await bridge().client.listTools();
    expect(tools.find((t) => t.name === "update_user")?.description).toMatch(/creates the user if user_id is unknown/);
  });
});

describe("delete_user", () => {
  it("POSTs /user/delete and reports who went, as LiteLLM deletes all or nothing", async () => {
    nock(TEST_HOST, asMaster).post("/user/delete", { user_ids: ["u-7", "u-8"] }).reply(200, "2", { "content-type": "application/json" });

    const result = await bridge().call("delete_user", { user_ids: ["u-7", "u-8"] });

    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toEqual({ deleted: ["u-7", "u-8"], count: 2 });
  });

  it("passes on the refusal of an unknown id, after which nobody was deleted", async () => {
    nock(TEST_HOST).post("/user/delete").reply(404, { detail: { error: "User not found, passed user_id=u-9" } });
    const result = await bridge().call("delete_user", { user_ids: ["u-7", "u-9"] });
    expect(textOf(result)).toBe("LiteLLM found nothing there (HTTP 404). LiteLLM said: User not found, passed user_id=u-9");
  });

  it("says what goes with a user, and is destructive", async () => {
    const { tools } = await bridge().client.listTools();
    const tool = tools.find((t) => t.name === "delete_user");
    expect(tool?.description).toMatch(/with every key they own, team keys included/);
    expect(tool?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
  });
});

describe("list_users", () => {
  it("GETs /user/list with the filters and a bounded page", async () => {
    nock(TEST_HOST, asMaster)
      .get("/user/list")
      .query({ team: "team-a", search: "ana", page: 2, page_size: 20 })
      .reply(200, { users: [userRow({ key_count: 3 })], total: 21, page: 2, page_size: 20, total_pages: 2 });

    const result = await bridge().call("list_users", { team_id: "team-a", search: "ana", page: 2 });

    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toEqual({ users: [summary], total: 21, page: 2, total_pages: 2, truncated: false, next_page: null });
  });

  it("caps page_size at 50", async () => {
    expect((await bridge().call("list_users", { page_size: 100 })).isError).toBe(true);
  });
});
