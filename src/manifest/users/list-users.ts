// list_users: one page of LiteLLM's internal users, filtered by team, role or a search on id and email.

import { z } from "zod";
import { getUserListQueryFields } from "../../../generated/request-schemas.js";
import { defineTool } from "../define-tool.js";
import { pageFields, pageOf } from "../paging.js";
import { summarizeUser, userSummary } from "./user-summary.js";
import { TEXT_LIMITS } from "../../litellm/text-limits.js";

const litellm = getUserListQueryFields;

const PAGE_SIZE = 20;

export const listUsers = defineTool({
  name: "list_users",
  toolset: "users",
  byDefault: false,
  title: "List LiteLLM users",
  description: `List internal users, ${PAGE_SIZE} a page, optionally only a team's, one role's, or those whose id or email contains a text.`,
  operation: { method: "get", path: "/user/list" },
  credential: "master",
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  input: z.strictObject({
    team_id: litellm.team.unwrap().min(1).max(TEXT_LIMITS.name).optional().describe("Only members of this team."),
    role: litellm.role.unwrap().min(1).max(TEXT_LIMITS.name).optional().describe('e.g. "internal_user", "proxy_admin".'),
    // LiteLLM added `search` after 1.88.0; written here rather than read off the generated fields, so an
    // older proxy's regen names the tool at typecheck without stopping the manifest from loading.
    search: z.string().min(1).max(TEXT_LIMITS.name).optional().describe("Text the user id or email contains."),
    page: litellm.page.describe("Page number, from 1."),
    page_size: litellm.page_size.unwrap().max(50).optional().describe(`At most 50; default ${PAGE_SIZE}.`),
  }),
  request: (args) => ({
    params: {
      query: {
        team: args.team_id,
        role: args.role,
        search: args.search,
        page: args.page ?? 1,
        page_size: args.page_size ?? PAGE_SIZE,
      },
    },
  }),
  output: z.object({ users: z.array(userSummary), total: z.number().nullable(), ...pageFields }),
  // Typed by the spec: UserListResponse.
  result: (data) => ({
    users: Array.isArray(data.users) ? data.users.map(summarizeUser) : (data.users ?? null),
    total: data.total ?? null,
    ...pageOf(data.page, data.total_pages),
  }),
});
