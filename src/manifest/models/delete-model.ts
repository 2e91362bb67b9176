// delete_model: take one deployment out of the proxy.

import { z } from "zod";
import { postModelDeleteBodyFields } from "../../../generated/request-schemas.js";
import { defineTool } from "../define-tool.js";
import { TEXT_LIMITS } from "../../litellm/text-limits.js";

export const deleteModel = defineTool({
  name: "delete_model",
  toolset: "models",
  byDefault: false,
  title: "Delete a model deployment",
  description:
    "Remove one deployment for good. Keys, users and teams keep the model name in their lists; calls to it fail once no deployment has that name. Not for models in the proxy's config file.",
  operation: { method: "post", path: "/model/delete" },
  credential: "master",
  // The deployment is gone for good: destructive. Deleting again is refused by LiteLLM ("not found"): not
  // idempotent.
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  input: z.strictObject({
    model_id: postModelDeleteBodyFields.id.min(1).max(TEXT_LIMITS.name).describe("The deployment's id (get_model_info shows it)."),
  }),
  request: (args) => ({ body: { id: args.model_id } }),
  output: z.object({ deleted: z.string().describe("The deployment id deleted.") }),
  // LiteLLM declares `{}`; it answers {"message": "Model: <id> deleted successfully"} and refuses unknown ids.
  result: (_data, args) => ({ deleted: args.model_id }),
});
