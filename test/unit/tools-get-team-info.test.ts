// get_team_info: /team/info for one team, with members and keys bounded and a pointer to the rest.

import nock from "nock";
import { describe, expect, it } from "vitest";
import { TEST_HOST, textOf } from "../support/connect.ts";
import { HASHED_TOKEN, teamInfo } from "../support/litellm-admin-answers.ts";
import { asMaster, useBridge } from "../support/nock-bridge.ts";

const bridge = useBridge();

describe("get_team_info", () => {
  it("GETs /team/info?team_id= with the master key and returns the documented fields", async () => {
    nock(TEST_HOST, asMaster).get("/team/info").query({ team_id: "team-a" }).reply(200, teamInfo());

    const result = await bridge().call("get_team_info", { team_id: "team-a" });

    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({
      team_id: "team-a",
      team: {
        team_alias: "Platform",
        spend: 12.5,
        max_budget: 200,
        budget_duration: "30d",
        budget_reset_at: "2026-12-25T00:00:00+00:00",
        models: ["mock-gpt"],
        tpm_limit: null,
        rpm_limit: 100,
        blocked: false,
        created_at: "2026-09-01T09:00:00+00:00",
      },
      members: [
        { user_id: "u-0", user_email: "u0@example.com", role: "admin" },
        { user_id: "u-1", user_email: "u1@example.com", role: "user" },
      ],
      members_truncated: false,
      keys: [expect.objectContaining({ token: HASHED_TOKEN, key_alias: "team-key-0", team_id: "team-a" })],
      keys_truncated: false,
    });
    expect(JSON.parse(textOf(result))).toEqual(result.structuredContent);
  });

  it("shows at most 20 members and keys and says more exist", async () => {
    nock(TEST_HOST).get("/team/info").query(true).reply(200, teamInfo(30, 25));
    const result = await bridge().call("get_team_info", { team_id: "team-a" });
    const out = result.structuredContent as { keys: unknown[]; keys_truncated: boolean; members: unknown[]; members_truncated: boolean };
    expect([out.members.length, out.members_truncated, out.keys.length, out.keys_truncated]).toEqual([20, true, 20, true]);
  });

  it("passes on LiteLLM's answer for an unknown team", async () => {
    nock(TEST_HOST).get("/team/info").query(true).reply(404, { detail: { error: "Team not found in db. Team=nope" } });
    const result = await bridge().call("get_team_info", { team_id: "nope" });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("Team not found in db");
  });
});
