// unblock_key: let a blocked virtual key make requests again.

import { z } from "zod";
import { postKeyUnblockBodyFields } from "../../../generated/request-schemas.js";
import { defineTool } from "../define-tool.js";
import { keyState } from "./block-key.js";
import { documentedFields } from "../documented-fields.js";
import { TEXT_LIMITS } from "../../litellm/text-limits.js";

export const unblockKey = defineTool({
  name: "unblock_key",
  toolset: "keys",
  byDefault: true,
  title: "Unblock a LiteLLM virtual key",
  description: "Unblock a virtual key that block_key blocked, so LiteLLM accepts its requests again.",
  operation: { method: "post", path: "/key/unblock" },
  credential: "master",
  // Changes the key's state, destroys nothing, and unblocking twice changes nothing more.
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  input: z.strictObject({
    key: postKeyUnblockBodyFields.key.min(1).max(TEXT_LIMITS.key).describe("The virtual key (sk-...) or its hashed token."),
  }),
  request: (args) => ({ body: { key: args.key } }),
  output: keyState,
  // LiteLLM declares `{}`; it answers with the key's row, as /key/block does.
  result: (data) => documentedFields(keyState, data),
});
