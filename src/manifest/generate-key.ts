// generate_key: mint a virtual key for a user, limited to named models.

import { z } from "zod";
import { postKeyGenerateBodyFields } from "../../generated/request-schemas.js";
import { defineTool } from "../define-tool.js";
import { required } from "./required.js";

const litellm = postKeyGenerateBodyFields;

export const generateKey = defineTool({
  name: "generate_key",
  title: "Generate a LiteLLM virtual key",
  description:
    "Mint a new LiteLLM virtual key for a user, allowed to call only the given models. Returns the key (shown once) and its limits.",
  operation: { method: "post", path: "/key/generate" },
  credential: "master",
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  input: z.strictObject({
    // Tightened: LiteLLM treats an empty or missing list as "every model"; this tool never mints that.
    models: z.array(z.string().min(1)).min(1).describe("Model names the key may call, as list_models shows them."),
    user_id: required(litellm.user_id).min(1).describe("LiteLLM user the key belongs to; spend is tracked against it."),
    team_id: litellm.team_id.describe("Team the key belongs to."),
    duration: litellm.duration
      .unwrap()
      .regex(/^\d+(s|m|h|d|w|mo)$/, 'Use a number and a unit, e.g. "30m", "24h", "7d", "1mo".')
      .optional()
      .describe('How long the key is valid, e.g. "24h", "7d", "30d". Omitted means no expiry, which policy refuses unless the operator allows it.'),
    key_alias: litellm.key_alias.describe("Human-readable name shown in LiteLLM's UI and logs."),
    max_budget: litellm.max_budget.unwrap().positive().optional().describe("Spend limit for the key, in USD."),
    metadata: litellm.metadata.describe("Free-form JSON stored with the key."),
  }),
  request: (args) => ({
    body: {
      models: args.models,
      user_id: args.user_id,
      team_id: args.team_id,
      duration: args.duration,
      key_alias: args.key_alias,
      max_budget: args.max_budget,
      metadata: args.metadata,
    },
  }),
  output: z.object({
    key: z.string().describe("The new virtual key. LiteLLM stores only its hash: this is the one chance to see it."),
    key_alias: z.string().nullable(),
    expires: z.string().nullable().describe("When the key stops working (ISO 8601); null means never."),
    models: z.array(z.string()),
    user_id: z.string().nullable(),
    team_id: z.string().nullable(),
    max_budget: z.number().nullable(),
  }),
  result: (data) => ({
    key: data.key,
    key_alias: data.key_alias ?? null,
    expires: data.expires ?? null,
    models: (data.models ?? []).map(String),
    user_id: data.user_id ?? null,
    team_id: data.team_id ?? null,
    max_budget: data.max_budget ?? null,
  }),
});
