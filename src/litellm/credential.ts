// Which key authenticates a call to LiteLLM. A tool's manifest entry names it, the client sends it, and what
// a 401 or 403 tells the reader to fix depends on it, so it is defined here, below all three.

/**
 * "master": LITELLM_MASTER_KEY, for admin routes. "caller": the virtual key the caller passes in its `key`
 * argument, so LiteLLM enforces that key's own limits. "none": no Authorization header, for LiteLLM's
 * unauthenticated probes (/health/readiness), so they work without the master key and never send it where it
 * is not needed.
 */
export type Credential = "master" | "caller" | "none";
