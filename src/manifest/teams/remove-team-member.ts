// remove_team_member: take one person off a LiteLLM team; their keys for that team go with them.

import { z } from "zod";
import { postTeamMemberDeleteBodyFields } from "../../../generated/request-schemas.js";
import { removeMemberQuestion, teamName } from "../confirmation-previews.js";
import { answeredByAround, defineTool } from "../define-tool.js";
import { InputError, UpstreamError } from "../../errors.js";
import { oneOf } from "../one-of.js";
import { TEXT_LIMITS } from "../../litellm/text-limits.js";
import { MEMBER_KEYS_READS, memberNamed, memberTeamKeyCount, personLabel, TEAM_MEMBERS_READS, teamState } from "./team-members.js";

const litellm = postTeamMemberDeleteBodyFields;

/** How many members a refusal names. */
const LISTED = 10;

export const removeTeamMember = defineTool({
  name: "remove_team_member",
  toolset: "teams",
  byDefault: false,
  title: "Remove a member from a LiteLLM team",
  description: "Take a person off a team. Their keys for this team are deleted for good; the user and their own keys stay.",
  operation: { method: "post", path: "/team/member_delete" },
  credential: "master",
  // Deletes the member's team keys for good: destructive. Removing again is refused ("not a member"): not
  // idempotent.
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  input: oneOf(
    z.strictObject({
      team_id: litellm.team_id.min(1).max(TEXT_LIMITS.name).describe("The LiteLLM team id."),
      user_id: litellm.user_id.unwrap().min(1).max(TEXT_LIMITS.name).optional(),
      user_email: litellm.user_email.unwrap().min(1).max(TEXT_LIMITS.email).optional(),
    }),
    ["user_id", "user_email"],
    "who to take off the team",
  ),
  request: (args) => ({ body: { team_id: args.team_id, user_id: args.user_id, user_email: args.user_email } }),
  output: z.object({
    team_id: z.string(),
    removed: z.string().describe("The member's user_id."),
    keys_deleted: z.number(),
    members_count: z.number().describe("Members left."),
  }),
  // LiteLLM answers with the team's row after the removal, and says nothing of the keys it deleted: the
  // member's team keys are counted before (the person is asked about them) and after.
  around: {
    calls: [...TEAM_MEMBERS_READS, ...MEMBER_KEYS_READS],
    run: async (args, { lookup, confirm, write }) => {
      const who = personLabel(args);
      const before = await teamState(lookup, args.team_id);
      const team = teamName(args.team_id, before.alias);
      const member = memberNamed(before.members, args);
      if (!member?.user_id) {
        const names = before.members.slice(0, LISTED).map((m) => m.user_id ?? m.user_email).join(", ");
        throw new InputError(`${who} is not a member of team ${team}, so nothing changed. Its members: ${names || "none"}${before.members.length > LISTED ? ", …" : ""}.`);
      }
      const userId = member.user_id;
      const keysBefore = await memberTeamKeyCount(lookup, args.team_id, userId);
      await confirm(async () => removeMemberQuestion({ user_id: userId, user_email: member.user_email }, team, keysBefore));
      await write();
      const after = await teamState(lookup, args.team_id);
      if (memberNamed(after.members, { user_id: userId })) {
        throw new UpstreamError(`LiteLLM answered that it removed ${who} from team ${team}, but the team still lists them. Try again; the proxy's log may say why.`);
      }
      const keysAfter = await memberTeamKeyCount(lookup, args.team_id, userId);
      return { team_id: args.team_id, removed: userId, keys_deleted: keysBefore - keysAfter, members_count: after.members.length };
    },
  },
  // The answer was made from what LiteLLM holds afterwards (above).
  result: answeredByAround,
});
