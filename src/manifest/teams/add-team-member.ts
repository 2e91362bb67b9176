// add_team_member: put people on a LiteLLM team, each with an optional budget of their own inside it.

import { z } from "zod";
import { postTeamMemberAddBodyFields } from "../../../generated/request-schemas.js";
import { defineTool } from "../define-tool.js";
import { documentedFields } from "../documented-fields.js";
import { duration } from "../../litellm/duration.js";
import { TEXT_LIMITS } from "../../litellm/text-limits.js";

const litellm = postTeamMemberAddBodyFields;

const person = z
  .strictObject({ user_id: z.string().min(1).max(TEXT_LIMITS.name).optional(), user_email: z.string().min(1).max(TEXT_LIMITS.email).optional() })
  .refine((m) => (m.user_id === undefined) !== (m.user_email === undefined), { message: "Give each member a user_id or a user_email, not both." });

const added = z.object({ user_id: z.string().nullable(), user_email: z.string().nullable() });

export const addTeamMember = defineTool({
  name: "add_team_member",
  toolset: "teams",
  byDefault: false,
  title: "Add members to a LiteLLM team",
  description:
    "Add people to a team as members (not admins), optionally each with a budget inside it. An unknown user_id or email becomes a new user.",
  operation: { method: "post", path: "/team/member_add" },
  credential: "master",
  // Adds memberships (and maybe users) and loses nothing; adding the same member again is refused by
  // LiteLLM ("User already in team"): not idempotent.
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  // A member's budget inside the team is a person's allowance: held to the user ceiling.
  limits: "user",
  input: z.strictObject({
    team_id: litellm.team_id.min(1).max(TEXT_LIMITS.name).describe("The LiteLLM team id."),
    members: z.array(person).min(1).max(20).describe('e.g. [{"user_id": "u-1"}, {"user_email": "a@example.com"}].'),
    max_budget_in_team: litellm.max_budget_in_team.unwrap().positive().optional().describe("Each new member's own spend limit in the team, USD."),
    budget_duration: duration.optional().describe('How often those budgets reset, e.g. "30d".'),
  }),
  request: (args) => ({
    body: {
      team_id: args.team_id,
      // Team admins are an Enterprise feature in LiteLLM, and a privilege: members join as plain members.
      member: args.members.map((m) => ({ ...m, role: "user" as const })),
      max_budget_in_team: args.max_budget_in_team,
      budget_duration: args.budget_duration,
    },
  }),
  output: z.object({
    team_id: z.string().nullable(),
    added: z.array(added).describe("The users now on the team, with the ids LiteLLM gave new ones."),
    members_count: z.number().nullable(),
  }),
  // LiteLLM declares `{}`; it answers with the team's row plus updated_users, the user rows it touched.
  result: (data) => {
    const answer = (data ?? {}) as { team_id?: unknown; updated_users?: unknown; members_with_roles?: unknown };
    return {
      team_id: answer.team_id ?? null,
      added: Array.isArray(answer.updated_users) ? answer.updated_users.map((u) => documentedFields(added, u)) : (answer.updated_users ?? null),
      members_count: Array.isArray(answer.members_with_roles) ? answer.members_with_roles.length : null,
    };
  },
});
