// update_model: switch a deployment to another stored credential, or change its rate limits.

import { z } from "zod";
import { patchModelModelIdUpdatePathFields } from "../../../generated/request-schemas.js";
import { defineTool } from "../define-tool.js";
import { documentedFields } from "../documented-fields.js";
import { someChange } from "../some-change.js";
import { credentialOnly } from "./credential-only.js";
import { TEXT_LIMITS } from "../../litellm/text-limits.js";

/** What the tool shows of the deployment row LiteLLM stored. */
const stored = z.object({ model_id: z.string().nullable(), model_name: z.string().nullable() });

export const updateModel = defineTool({
  name: "update_model",
  toolset: "models",
  byDefault: false,
  title: "Update a model deployment",
  description:
    "Point a deployment at another credential stored in LiteLLM (by name), or change its rpm/tpm limits; other settings stay. Only deployments added through the API, not the proxy's config file.",
  operation: { method: "patch", path: "/model/{model_id}/update" },
  credential: "master",
  // Replaces the credential and limits in place; the old values are not kept: destructive. The same
  // update twice leaves the same deployment: idempotent.
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  input: someChange(
    z.strictObject(
      {
        model_id: patchModelModelIdUpdatePathFields.model_id.min(1).max(TEXT_LIMITS.name).describe("The deployment's id (get_model_info shows it)."),
        litellm_credential_name: z.string().min(1).max(TEXT_LIMITS.name).optional().describe("A credential stored in LiteLLM."),
        rpm: z.number().int().positive().optional().describe("Requests per minute this deployment takes."),
        tpm: z.number().int().positive().optional().describe("Tokens per minute this deployment takes."),
      },
      { error: credentialOnly },
    ),
    "model_id",
  ),
  // LiteLLM's PATCH merges: only the parameters sent change, and it checks that a named credential exists.
  request: (args) => ({
    params: { path: { model_id: args.model_id } },
    body: { litellm_params: { litellm_credential_name: args.litellm_credential_name, rpm: args.rpm, tpm: args.tpm } },
  }),
  output: stored,
  // LiteLLM declares `{}`; it answers with the stored row (litellm_params encrypted, never read here).
  result: (data) => documentedFields(stored, data),
});
