// Model tools point a deployment at credentials LiteLLM already stores, by name, and never carry a provider
// secret: a key typed into a tool call would sit in the assistant's context and the host's logs. An
// endpoint is refused too: sent with a stored credential, it could carry that credential anywhere.

import type { z } from "zod";

/** Fields of LiteLLM's deployment parameters that hold a provider secret or say where to send one. */
const SECRET_FIELDS = new Set([
  "api_key",
  "api_base",
  "aws_access_key_id",
  "aws_secret_access_key",
  "aws_session_token",
  "azure_ad_token",
  "client_secret",
  "vertex_credentials",
  "litellm_params",
]);

/** The refusal a strict input schema gives when a call carries one of those fields. */
export const credentialOnly: z.core.$ZodErrorMap = (issue) =>
  issue.code === "unrecognized_keys" && issue.keys.some((key) => SECRET_FIELDS.has(key))
    ? `Provider keys and endpoints are never passed to this tool (${issue.keys.join(", ")}). Store them in LiteLLM as a credential (its UI: Models → Credentials, or POST /credentials) and pass the credential's name as litellm_credential_name.`
    : undefined;
