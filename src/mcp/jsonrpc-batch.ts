// JSON-RPC batches, refused on every transport alike. MCP's 2025-06-18 revision dropped them, and one
// message carrying fifty calls would fan out into fifty LiteLLM requests at once.

export const BATCH_REFUSAL = "Invalid Request: batches are not supported.";

export function isBatch(message: unknown): boolean {
  return Array.isArray(message);
}
