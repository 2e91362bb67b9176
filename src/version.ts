// The package version, sent as the User-Agent so an operator can see in LiteLLM's logs what called.
export const VERSION = "0.1.0";
