// delete_user: remove LiteLLM users for good, together with every key they own.

import { z } from "zod";
import { postUserDeleteBodyFields } from "../../../generated/request-schemas.js";
import { DELETE_USER_READS, deleteUserQuestion } from "../confirmation-previews.js";
import { defineTool } from "../define-tool.js";
import { TEXT_LIMITS } from "../../litellm/text-limits.js";

const litellm = postUserDeleteBodyFields;

export const deleteUser = defineTool({
  name: "delete_user",
  toolset: "users",
  byDefault: false,
  title: "Delete LiteLLM users",
  description:
    "Delete users for good, with every key they own, team keys included, and their team memberships. Teams and spend logs stay. One unknown id and nobody is deleted.",
  operation: { method: "post", path: "/user/delete" },
  credential: "master",
  // Users and their keys are gone for good: destructive. Deleting again finds nobody and LiteLLM answers
  // 404: not idempotent.
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  input: z.strictObject({
    user_ids: z.array(z.string().min(1).max(TEXT_LIMITS.name)).min(1).max(20).describe("Ids of the users to delete."),
  }),
  request: (args) => ({ body: { user_ids: args.user_ids } }),
  around: {
    calls: DELETE_USER_READS,
    run: async (args, { lookup, confirm, write }) => {
      await confirm(() => deleteUserQuestion(lookup, args.user_ids));
      return write();
    },
  },
  output: z.object({
    deleted: z.array(z.string()).describe("The users deleted."),
    count: z.number().nullable().describe("How many LiteLLM says it deleted."),
  }),
  // LiteLLM declares `{}`; it answers with the number of users deleted, a bare JSON number, and refuses
  // the whole call (404) if any id is unknown, so every id given was deleted (an id given twice, once).
  result: (data, args) => ({ deleted: args.user_ids.filter((id, at, all) => all.indexOf(id) === at), count: typeof data === "number" ? data : null }),
});
