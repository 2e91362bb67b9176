// delete_team: remove LiteLLM teams for good, together with every key that belongs to them.

import { z } from "zod";
import { postTeamDeleteBodyFields } from "../../../generated/request-schemas.js";
import { DELETE_TEAM_READS, deleteTeamQuestion } from "../confirmation-previews.js";
import { defineTool } from "../define-tool.js";
import { TEXT_LIMITS } from "../../litellm/text-limits.js";

const litellm = postTeamDeleteBodyFields;

export const deleteTeam = defineTool({
  name: "delete_team",
  toolset: "teams",
  byDefault: false,
  title: "Delete LiteLLM teams",
  description:
    "Delete teams for good, with every key of the team (members' team keys too). Members stay as users and keep their own keys. One unknown id and nothing is deleted.",
  operation: { method: "post", path: "/team/delete" },
  credential: "master",
  // Teams and their keys are gone for good: destructive. Deleting again finds no team and LiteLLM answers
  // 404: not idempotent.
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  input: z.strictObject({
    team_ids: z.array(z.string().min(1).max(TEXT_LIMITS.name)).min(1).max(20).describe("Ids of the teams to delete."),
  }),
  request: (args) => ({ body: { team_ids: args.team_ids } }),
  around: {
    calls: DELETE_TEAM_READS,
    run: async (args, { lookup, confirm, write }) => {
      await confirm(() => deleteTeamQuestion(lookup, args.team_ids));
      return write();
    },
  },
  output: z.object({ deleted: z.array(z.string()).describe("The teams deleted.") }),
  // LiteLLM declares `{}`; it answers {"deleted_teams": [<team ids>]}.
  result: (data) => ({ deleted: (data as { deleted_teams?: unknown } | null)?.deleted_teams ?? null }),
});
