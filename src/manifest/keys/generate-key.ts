// generate_key: mint a virtual key for a user, limited to named models and to the exact routes of completions,
// embeddings and the model list (KEY_ROUTES in src/policy/effects.ts).

import { z } from "zod";
import { postKeyGenerateBodyFields } from "../../../generated/request-schemas.js";
import { defineTool } from "../define-tool.js";
import { checkKeyHolder, checkModelsServed, confirmMintedKey, KEY_HOLDER_READS, KEY_ROUTES, MINTED_KEY_UNDO, MODELS_SERVED_READS } from "../../policy/effects.js";
import { duration } from "../../litellm/duration.js";
import { modelNames } from "../../litellm/model-names.js";
import { required } from "../required.js";
import { TEXT_LIMITS } from "../../litellm/text-limits.js";

const litellm = postKeyGenerateBodyFields;

export const generateKey = defineTool({
  name: "generate_key",
  toolset: "keys",
  byDefault: true,
  title: "Generate a LiteLLM virtual key",
  description:
    "Mint a virtual key for an existing internal user, for the given models, that may call only chat completions, completions, embeddings and the model list (/chat/completions, /v1/chat/completions, /v1/completions, /v1/embeddings, /v1/models): no management, pass-through, files or batches routes. Returns the key once, with its limits.",
  operation: { method: "post", path: "/key/generate" },
  credential: "master",
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  limits: "key",
  input: z.strictObject({
    // Required: LiteLLM treats an empty or missing list as "every model"; this tool never mints that.
    models: modelNames.describe("Model names the key may call, as list_models shows them."),
    user_id: required(litellm.user_id).min(1).max(TEXT_LIMITS.name).describe("LiteLLM user the key belongs to; spend is tracked against it."),
    team_id: litellm.team_id.unwrap().min(1).max(TEXT_LIMITS.name).optional().describe("Team the key belongs to."),
    duration: duration.optional().describe('How long the key is valid, e.g. "24h", "7d", "30d". Omitted means no expiry, which policy refuses unless the operator allows it.'),
    key_alias: litellm.key_alias.unwrap().max(TEXT_LIMITS.name).optional().describe("Human-readable name shown in LiteLLM's UI and logs."),
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
      // LiteLLM then lets the key call these routes and no other, whatever its user's role may do: never
      // /key/*, /user/* or /spend/*, nor the provider pass-through routes (src/policy/effects.ts). No key_type:
      // LiteLLM would replace this list with the key_type's route group.
      allowed_routes: [...KEY_ROUTES],
    },
  }),
  // The user and team must exist, the user may not be an admin (of the proxy, or of the team), and the models
  // must be served; LiteLLM's answer must show the key it was asked for, or the key is deleted again.
  around: {
    calls: [...KEY_HOLDER_READS, ...MODELS_SERVED_READS, ...MINTED_KEY_UNDO],
    run: async (args, { state, policy, write }) => {
      await checkKeyHolder(state, args.user_id, args.team_id);
      await checkModelsServed(state, args.models);
      const answer = await write();
      await confirmMintedKey(state, answer, policy);
      return answer;
    },
  },
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
