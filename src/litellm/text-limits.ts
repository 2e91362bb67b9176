// How long a free-text argument may be. LiteLLM stores ids, aliases, names and metadata in unbounded TEXT and
// JSON columns and echoes them back in every listing, so a 200,000-character alias would be kept and shown
// whole; each kind of text gets a bound that fits what it names, checked before anything is sent.

export const TEXT_LIMITS = {
  /** User, team, budget and deployment ids; key, user and team aliases; credential names; search text. */
  name: 256,
  /** The longest address RFC 5321 lets through. */
  email: 254,
  /** A virtual key (sk-..., LiteLLM's are under 100 characters) or its 64-character hash. */
  key: 256,
  /** A model name, as callers pass it, or a provider's model ("openai/gpt-4o-mini"). */
  model: 256,
  /** One chat message: about a million tokens of English, which is what the --http body limit lets in. */
  message: 4 * 1024 * 1024,
  /** Metadata stored with a key, user or team, serialized as JSON. */
  metadataBytes: 8 * 1024,
} as const;

/** Lists an argument may hold at most. */
export const LIST_LIMITS = { models: 100, messages: 10_000 } as const;
