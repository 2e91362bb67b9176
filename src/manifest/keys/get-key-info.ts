// get_key_info: what LiteLLM knows about a virtual key — owner, models, spend, limits, expiry, and whether
// it still works: LiteLLM keeps a deleted or expired key's row and answers for it as before, but for `status`.

import { z } from "zod";
import { getKeyInfoQueryFields } from "../../../generated/request-schemas.js";
import { defineTool } from "../define-tool.js";
import { documentedFields } from "../documented-fields.js";
import { keyHash } from "../../litellm/key-hash.js";
import { required } from "../required.js";
import { TEXT_LIMITS } from "../../litellm/text-limits.js";

// LiteLLM's documented `info` object, trimmed to what a key admin asks about; other fields are dropped.
const keyInfo = z.object({
  status: z.string().nullable().describe('"active", "expired" or "deleted" (the last two no longer work).'),
  deleted_at: z.string().nullable(),
  key_alias: z.string().nullable(),
  key_name: z.string().nullable().describe('The key abbreviated as LiteLLM displays it, e.g. "sk-...abcd".'),
  user_id: z.string().nullable(),
  team_id: z.string().nullable(),
  models: z.array(z.string()).nullable().describe("Models the key may call; empty means all."),
  spend: z.number().nullable().describe("USD spent so far."),
  max_budget: z.number().nullable(),
  budget_duration: z.string().nullable(),
  budget_reset_at: z.string().nullable(),
  expires: z.string().nullable().describe("When the key stops working (ISO 8601); null means never."),
  blocked: z.boolean().nullable(),
  tpm_limit: z.number().nullable(),
  rpm_limit: z.number().nullable(),
  max_parallel_requests: z.number().nullable(),
  created_at: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()).nullable(),
});

export const getKeyInfo = defineTool({
  name: "get_key_info",
  toolset: "keys",
  byDefault: true,
  title: "Inspect a LiteLLM virtual key",
  description: "Show what LiteLLM knows about a virtual key: status, owner, team, allowed models, spend, budget, limits and expiry.",
  operation: { method: "get", path: "/key/info" },
  credential: "master",
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  input: z.strictObject({
    key: required(getKeyInfoQueryFields.key).min(1).max(TEXT_LIMITS.key).describe("The virtual key (sk-...) or its hashed token."),
  }),
  // LiteLLM takes the key in the URL: its hash goes there, never the secret (URLs end up in access logs).
  request: (args) => ({ params: { query: { key: keyHash(args.key) } } }),
  output: z.object({ info: keyInfo }),
  result: (data) => ({ info: documentedFields(keyInfo, (data as { info?: unknown } | null)?.info) }),
});
