// proxy_completion: a chat completion through the proxy, authenticated with the caller's virtual key so
// LiteLLM enforces that key's model access, budget and rate limits — never with the master key.

import { z } from "zod";
import { postChatCompletionsBodyFields } from "../../../generated/request-schemas.js";
import { defineTool } from "../define-tool.js";
import { documentedFields } from "../documented-fields.js";
import { LIST_LIMITS, TEXT_LIMITS } from "../../litellm/text-limits.js";

const litellm = postChatCompletionsBodyFields;

const usage = z.object({
  prompt_tokens: z.number().nullable(),
  completion_tokens: z.number().nullable(),
  total_tokens: z.number().nullable(),
});

export const proxyCompletion = defineTool({
  name: "proxy_completion",
  toolset: "completions",
  byDefault: true,
  title: "Chat completion through the proxy",
  description:
    "Run a chat completion through LiteLLM using a virtual key, so the key's model access, budget and rate limits apply. Returns the reply, model, finish reason and token usage.",
  operation: { method: "post", path: "/chat/completions" },
  credential: "caller",
  // Not idempotent: each call is a new completion and spends the key's budget.
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  // Streams (with progress notifications) when the MCP client sends a progress token.
  streams: true,
  input: z.strictObject({
    model: litellm.model.min(1).max(TEXT_LIMITS.model).describe("A model name from list_models."),
    messages: z
      .array(
        z.strictObject({
          role: z.enum(["system", "user", "assistant"]),
          content: z.string().max(TEXT_LIMITS.message),
        }),
      )
      .min(1)
      .max(LIST_LIMITS.messages)
      .describe("The conversation so far, oldest first."),
    key: z.string().min(1).max(TEXT_LIMITS.key).describe("The virtual key (sk-...) to call with; its limits and spend apply."),
    max_tokens: litellm.max_tokens.unwrap().int().positive().optional().describe("Upper bound on tokens in the reply."),
    temperature: litellm.temperature.unwrap().min(0).max(2).optional().describe("Sampling temperature, 0 to 2."),
  }),
  request: (args) => ({
    body: {
      model: args.model,
      messages: args.messages,
      max_tokens: args.max_tokens,
      temperature: args.temperature,
      // Attribution: LiteLLM stores metadata.tags as the spend log's request_tags (filterable in its UI
      // and summed by /spend/tags), so an operator can tell what an assistant ran through this bridge.
      metadata: { tags: ["litellm-mcp", "tool:proxy_completion"] },
    },
  }),
  output: z.object({
    text: z.string().describe("The assistant's reply."),
    model: z.string().describe("The model that answered, as LiteLLM reports it."),
    finish_reason: z.string().nullable(),
    usage: usage.nullable(),
  }),
  // LiteLLM declares `{}`; it answers OpenAI's chat.completion object.
  result: (data) => {
    const completion = (data ?? {}) as { model?: unknown; choices?: { message?: { content?: unknown }; finish_reason?: unknown }[]; usage?: unknown };
    const first = completion.choices?.[0];
    return {
      text: first?.message?.content ?? "",
      model: completion.model ?? null,
      finish_reason: first?.finish_reason ?? null,
      usage: completion.usage ? documentedFields(usage, completion.usage) : null,
    };
  },
});
