// get_user_info: /user/info for one user, with keys and teams bounded and a pointer to the rest.

import nock from "nock";
import { describe, expect, it } from "vitest";
import { TEST_HOST, textOf } from "../support/connect.ts";
import { HASHED_TOKEN, userInfo } from "../support/litellm-admin-answers.ts";
import { asMaster, useBridge } from "../support/nock-bridge.ts";

const bridge = useBridge();

describe("get_user_info", () => {
  it("GETs /user/info?user_id= with the master key and returns the documented fields", async () => {
    nock(TEST_HOST, asMaster).get("/user/info").query({ user_id: "u-42" }).reply(200, userInfo());

    const result = await bridge().call("get_user_info", { user_id: "u-42" });

    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({
      user_id: "u-42",
      user: {
        user_email: "dev@example.com",
        user_role: "internal_user",
        spend: 1.25,
        max_budget: 50,
        models: [],
        budget_duration: "30d",
        budget_reset_at: "2026-12-25T00:00:00+00:00",
        created_at: "2026-10-01T09:00:00+00:00",
      },
      keys: [expect.objectContaining({ token: HASHED_TOKEN, key_alias: "ci-bot-0", key_name: "sk-...Gh78" })],
      keys_truncated: false,
      teams: [{ team_id: "team-0", team_alias: "Team 0" }],
      teams_truncated: false,
    });
    expect(JSON.parse(textOf(result))).toEqual(result.structuredContent);
  });

  it("shows at most 20 keys and teams and says more exist", async () => {
    nock(TEST_HOST).get("/user/info").query(true).reply(200, userInfo(45, 21));
    const result = await bridge().call("get_user_info", { user_id: "u-42" });
    const out = result.structuredContent as { keys: unknown[]; keys_truncated: boolean; teams: unknown[]; teams_truncated: boolean };
    expect([out.keys.length, out.keys_truncated, out.teams.length, out.teams_truncated]).toEqual([20, true, 20, true]);
  });

  it("passes on LiteLLM's answer for an unknown user", async () => {
    nock(TEST_HOST).get("/user/info").query(true).reply(404, { detail: { error: "User=nobody not found in db" } });
    const result = await bridge().call("get_user_info", { user_id: "nobody" });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe("LiteLLM found nothing there (HTTP 404). LiteLLM said: User=nobody not found in db");
  });
});
