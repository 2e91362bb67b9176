// list_keys: one page of virtual keys, filtered by user, team or alias — hashes and abbreviations only.

import { z } from "zod";
import { getKeyListQueryFields } from "../../../generated/request-schemas.js";
import { defineTool } from "../define-tool.js";
import { keySummary, summarizeKey } from "../key-summary.js";
import { pageFields, pageOf } from "../paging.js";
import { TEXT_LIMITS } from "../../litellm/text-limits.js";

const litellm = getKeyListQueryFields;

const PAGE_SIZE = 20;

export const listKeys = defineTool({
  name: "list_keys",
  toolset: "keys",
  byDefault: true,
  title: "List LiteLLM virtual keys",
  description: `List virtual keys, ${PAGE_SIZE} a page, optionally filtered by user, team or alias. Shows hashed ids, never the keys.`,
  operation: { method: "get", path: "/key/list" },
  credential: "master",
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  input: z.strictObject({
    user_id: litellm.user_id.unwrap().max(TEXT_LIMITS.name).optional().describe("Only keys of users whose id contains this (any case)."),
    team_id: litellm.team_id.unwrap().max(TEXT_LIMITS.name).optional().describe("Only keys of this team (its exact id)."),
    key_alias: litellm.key_alias.unwrap().max(TEXT_LIMITS.name).optional().describe("Only keys whose alias contains this (any case)."),
    page: litellm.page.describe("Page number, from 1."),
    size: litellm.size.unwrap().max(50).optional().describe(`Keys per page, at most 50; default ${PAGE_SIZE}.`),
  }),
  request: (args) => ({
    params: {
      query: {
        user_id: args.user_id,
        team_id: args.team_id,
        key_alias: args.key_alias,
        page: args.page ?? 1,
        size: args.size ?? PAGE_SIZE,
        // Rows, not bare hashes: aliases and owners are what an admin scans for. Only summary fields are kept.
        return_full_object: true,
        // LiteLLM matches user_id and key_alias exactly unless asked for case-insensitive substrings.
        substring_matching: true,
      },
    },
  }),
  output: z.object({ keys: z.array(keySummary), total_count: z.number().nullable(), ...pageFields }),
  // Typed by the spec: KeyListResponseObject.
  result: (data) => ({
    keys: Array.isArray(data.keys) ? data.keys.map(summarizeKey) : (data.keys ?? null),
    total_count: data.total_count ?? null,
    ...pageOf(data.current_page, data.total_pages),
  }),
});
