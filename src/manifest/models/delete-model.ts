// delete_model: take one deployment out of the proxy.

import { z } from "zod";
import { postModelDeleteBodyFields } from "../../../generated/request-schemas.js";
import { deleteModelQuestion } from "../confirmation-previews.js";
import { answeredByAround, defineTool } from "../define-tool.js";
import { InputError, UpstreamError } from "../../errors.js";
import type { Lookup } from "../../litellm/lookup.js";
import { TEXT_LIMITS } from "../../litellm/text-limits.js";

type Deployment = { model_name?: unknown; model_info?: { id?: unknown; db_model?: unknown; litellm_provider?: unknown } | null };

/** Every deployment the proxy routes to, config file and database alike. */
async function deployments(lookup: Lookup): Promise<Deployment[]> {
  const answer = await lookup.get("/model/info", {});
  const rows = (answer as { data?: unknown } | null)?.data;
  return Array.isArray(rows) ? (rows as Deployment[]) : [];
}

export const deleteModel = defineTool({
  name: "delete_model",
  toolset: "models",
  byDefault: false,
  title: "Delete a model deployment",
  description:
    "Remove one deployment for good. Keys, users and teams keep the model name in their lists; calls to it fail once no deployment has that name. Not for models in the proxy's config file.",
  operation: { method: "post", path: "/model/delete" },
  credential: "master",
  // The deployment is gone for good: destructive. Deleting again finds nothing and is refused: not idempotent.
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  input: z.strictObject({
    model_id: postModelDeleteBodyFields.id.min(1).max(TEXT_LIMITS.name).describe("The deployment's id (get_model_info shows it)."),
  }),
  request: (args) => ({ body: { id: args.model_id } }),
  output: z.object({
    deleted: z.string().describe("The deployment id deleted."),
    model_name: z.string().nullable(),
    deployments_left: z.number().describe("Deployments left with that name."),
  }),
  // LiteLLM answers a config-file deployment's id as it answers an unknown one ("not found in db"), and its
  // success says nothing of what is left: both are read from its list of deployments.
  around: {
    calls: ["GET /model/info"],
    run: async (args, { lookup, confirm, write }) => {
      const before = await deployments(lookup);
      const target = before.find((d) => d.model_info?.id === args.model_id);
      if (!target) throw new InputError(`LiteLLM has no deployment with id "${args.model_id}", so nothing was deleted. get_model_info shows the deployments and their ids.`);
      const name = typeof target.model_name === "string" ? target.model_name : null;
      if (target.model_info?.db_model !== true) {
        throw new InputError(
          `Deployment "${args.model_id}"${name ? ` ("${name}")` : ""} comes from the proxy's config file, and LiteLLM deletes only deployments added through its API (add_model); nothing was deleted. Take it out of the config file and restart the proxy instead.`,
        );
      }
      const provider = typeof target.model_info.litellm_provider === "string" ? target.model_info.litellm_provider : null;
      const siblings = before.filter((d) => d.model_name === name && d !== target).length;
      await confirm(async () => deleteModelQuestion(args.model_id, name, provider, siblings));
      await write();
      const left = await deployments(lookup);
      if (left.some((d) => d.model_info?.id === args.model_id)) {
        throw new UpstreamError(`LiteLLM answered that it deleted deployment "${args.model_id}", but still routes to it. Try again; the proxy's log may say why.`);
      }
      return { deleted: args.model_id, model_name: name, deployments_left: left.filter((d) => d.model_name === name).length };
    },
  },
  // The answer was made from what LiteLLM holds afterwards (above).
  result: answeredByAround,
});
