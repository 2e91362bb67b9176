// How a command that cannot start says why: one line on stderr, exit code 1. Settings errors quote the value
// they refused, and a key pasted into the wrong variable is still a key: the known secrets are redacted, and
// so is anything shaped like a LiteLLM key.

import { ConfigError } from "../errors.js";
import { redact, redactKeyShaped } from "../redact.js";

export function exitForStartFailure(error: unknown): never {
  const message = error instanceof ConfigError ? error.message : `failed to start: ${(error as Error)?.stack ?? error}`;
  const secrets = [process.env.LITELLM_MASTER_KEY?.trim(), process.env.LITELLM_MCP_HTTP_TOKEN?.trim()];
  process.stderr.write(`litellm-mcp error: ${redactKeyShaped(redact(message, secrets))}\n`);
  process.exit(1);
}
