// add_team_member: put people on a LiteLLM team, each with an optional budget of their own inside it.

import { z } from "zod";
import { postTeamMemberAddBodyFields } from "../../../generated/request-schemas.js";
import { documentedFields } from "../documented-fields.js";
import { answeredByAround, defineTool } from "../define-tool.js";
import { InputError, UpstreamError } from "../../errors.js";
import { duration } from "../../litellm/duration.js";
import { TEXT_LIMITS } from "../../litellm/text-limits.js";
import { oneOf } from "../one-of.js";
import { memberNamed, personLabel, TEAM_MEMBERS_READS, teamState } from "./team-members.js";

const litellm = postTeamMemberAddBodyFields;

const person = oneOf(
  z.strictObject({ user_id: z.string().min(1).max(TEXT_LIMITS.name).optional(), user_email: z.string().min(1).max(TEXT_LIMITS.email).optional() }),
  ["user_id", "user_email"],
  "each member",
);

const added = z.object({
  user_id: z.string().nullable(),
  user_email: z.string().nullable(),
  max_budget_in_team: z.number().nullable(),
});

export const addTeamMember = defineTool({
  name: "add_team_member",
  toolset: "teams",
  byDefault: false,
  title: "Add members to a LiteLLM team",
  description:
    "Add people to a team as members (not admins), optionally each with a budget inside it. An unknown user_id or email becomes a new user.",
  operation: { method: "post", path: "/team/member_add" },
  credential: "master",
  // Adds memberships (and maybe users) and loses nothing; adding the same member again changes nothing and
  // is refused when it is all the call asks: not idempotent.
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
    team_id: z.string(),
    added: z.array(added).describe("Who joined, with the ids LiteLLM gave new users."),
    already_members: z.array(z.string()).describe("On the team already; unchanged."),
    members_count: z.number(),
  }),
  // LiteLLM skips people already on the team without saying so, and refuses the call only when that is
  // everyone: who is on the team, with what budget, is read before and after.
  around: {
    calls: TEAM_MEMBERS_READS,
    run: async (args, { lookup, write }) => {
      const before = await teamState(lookup, args.team_id);
      const already = args.members.filter((m) => memberNamed(before.members, m));
      if (already.length === args.members.length) {
        throw new InputError(`${already.map(personLabel).join(", ")} ${already.length > 1 ? "are" : "is"} on team ${args.team_id} already, so nothing changed.`);
      }
      await write();
      const after = await teamState(lookup, args.team_id);
      const joined = args.members.filter((m) => !memberNamed(before.members, m)).map((m) => ({ asked: m, member: memberNamed(after.members, m) }));
      const missing = joined.filter((j) => !j.member).map((j) => personLabel(j.asked));
      if (missing.length > 0) {
        throw new UpstreamError(`LiteLLM answered that it added the members, but team ${args.team_id} does not list ${missing.join(", ")}. Check get_team_info; the proxy's log may say why.`);
      }
      return {
        team_id: args.team_id,
        added: joined.map(({ member }) => ({ ...member!, max_budget_in_team: (member!.user_id === null ? undefined : after.budgets.get(member!.user_id)) ?? null })),
        already_members: already.map(personLabel),
        members_count: after.members.length,
      };
    },
  },
  // The answer was made from what LiteLLM holds afterwards (above).
  result: answeredByAround,
});
