// add_model: put a new deployment behind the proxy, connected through a credential LiteLLM already stores.

import { randomUUID } from "node:crypto";
import { z } from "zod";
import { defineTool } from "../define-tool.js";
import { confirmPricedDeployment, PRICED_DEPLOYMENT_CALLS } from "../../policy/effects.js";
import { documentedFields } from "../documented-fields.js";
import { credentialOnly } from "./credential-only.js";
import { modelName } from "../../litellm/model-names.js";
import { TEXT_LIMITS } from "../../litellm/text-limits.js";
import { refuseMissingCredential, STORED_CREDENTIALS_READS } from "./stored-credentials.js";

/** What the tool shows of the deployment row LiteLLM stored. */
const stored = z.object({ model_id: z.string().nullable().describe("The new deployment's id, for update_model and delete_model."), model_name: z.string().nullable() });

export const addModel = defineTool({
  name: "add_model",
  toolset: "models",
  byDefault: false,
  title: "Add a model deployment",
  description:
    "Add a deployment callers reach by model_name, using a credential stored in LiteLLM (by the name LiteLLM stores it under; never a raw key). Needs STORE_MODEL_IN_DB=True on the proxy.",
  operation: { method: "post", path: "/model/new" },
  credential: "master",
  // Adds a deployment and loses nothing; each call adds another (same name: load-balanced): not idempotent.
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  input: z.strictObject(
    {
      model_name: modelName.describe("The name callers use, e.g. \"gpt-4o\"; an existing name gains a deployment."),
      model: z.string().min(1).max(TEXT_LIMITS.model).describe('Provider and model, e.g. "openai/gpt-4o-mini", "anthropic/claude-3-5-haiku-latest".'),
      litellm_credential_name: z.string().min(1).max(TEXT_LIMITS.name).describe("A credential stored in LiteLLM: its provider key and endpoint."),
      rpm: z.number().int().positive().optional().describe("Requests per minute this deployment takes."),
      tpm: z.number().int().positive().optional().describe("Tokens per minute this deployment takes."),
    },
    { error: credentialOnly },
  ),
  // Prices are not taken: a price of 0 would let every key spend without touching its budget.
  request: (args) => ({
    body: {
      model_name: args.model_name,
      litellm_params: { model: args.model, litellm_credential_name: args.litellm_credential_name, rpm: args.rpm, tpm: args.tpm },
      // LiteLLM's schema wants the id from the caller (the real proxy makes one up when it is left out).
      model_info: { id: randomUUID() },
    },
  }),
  // LiteLLM stores a deployment on any credential name (update_model's route checks the name, this one not),
  // and prices it from its cost map by the provider's model; one it cannot price books no spend, so every
  // budget would stop counting on it: the new deployment is read back and taken out again if unpriced.
  around: {
    calls: [...STORED_CREDENTIALS_READS, ...PRICED_DEPLOYMENT_CALLS],
    run: async (args, { lookup, state, write }) => {
      await refuseMissingCredential(lookup, args.litellm_credential_name);
      const answer = await write();
      await confirmPricedDeployment(state, answer, args.model);
      return answer;
    },
  },
  output: stored,
  // LiteLLM declares `{}`; it answers with the stored row, whose litellm_params are encrypted with the
  // master key and are never read here.
  result: (data) => documentedFields(stored, data),
});
