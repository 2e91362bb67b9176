// remove_team_member: take one person off a LiteLLM team; their keys for that team go with them.

import { z } from "zod";
import { postTeamMemberDeleteBodyFields } from "../../../generated/request-schemas.js";
import { defineTool } from "../define-tool.js";
import { TEXT_LIMITS } from "../../litellm/text-limits.js";

const litellm = postTeamMemberDeleteBodyFields;

export const removeTeamMember = defineTool({
  name: "remove_team_member",
  toolset: "teams",
  byDefault: false,
  title: "Remove a member from a LiteLLM team",
  description: "Take a person off a team. Their keys for this team are deleted for good; the user and their own keys stay.",
  operation: { method: "post", path: "/team/member_delete" },
  credential: "master",
  // Deletes the member's team keys for good: destructive. Removing again is refused by LiteLLM ("User not
  // found in team"): not idempotent.
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  input: z
    .strictObject({
      team_id: litellm.team_id.min(1).max(TEXT_LIMITS.name).describe("The LiteLLM team id."),
      user_id: litellm.user_id.unwrap().min(1).max(TEXT_LIMITS.name).optional(),
      user_email: litellm.user_email.unwrap().min(1).max(TEXT_LIMITS.email).optional(),
    })
    .refine((args) => (args.user_id === undefined) !== (args.user_email === undefined), { message: "Give either user_id or user_email, not both." }),
  request: (args) => ({ body: { team_id: args.team_id, user_id: args.user_id, user_email: args.user_email } }),
  output: z.object({
    team_id: z.string().nullable(),
    removed: z.string().describe("The user_id or email given."),
    members_count: z.number().nullable().describe("Members left."),
  }),
  // LiteLLM declares `{}`; it answers with the team's row after the removal.
  result: (data, args) => {
    const team = (data ?? {}) as { team_id?: unknown; members_with_roles?: unknown };
    return {
      team_id: team.team_id ?? null,
      removed: args.user_id ?? args.user_email,
      members_count: Array.isArray(team.members_with_roles) ? team.members_with_roles.length : null,
    };
  },
});
