// The server: reads argv and hands over to one command. Each command is loaded only when asked for, so
// the stdio server MCP hosts launch never pays for HTTP, doctor or help code. src/cli/bin.ts runs this file.

import { parseCommand } from "./args.js";
import { ConfigError } from "../errors.js";
import { redact, redactKeyShaped } from "../redact.js";

async function main(argv: readonly string[]): Promise<number | undefined> {
  const command = parseCommand(argv);
  switch (command.kind) {
    case "stdio":
      await (await import("./stdio.js")).runStdio();
      return undefined;
    case "http":
      await (await import("./http.js")).runHttp(command);
      return undefined;
    case "doctor":
      return (await import("./doctor.js")).runDoctorCommand();
    case "help":
      process.stdout.write(`${(await import("./help.js")).HELP}\n`);
      return 0;
    case "version":
      process.stdout.write(`${(await import("../version.js")).VERSION}\n`);
      return 0;
    case "usage-error":
      process.stderr.write(`litellm-mcp: ${command.message}\n${(await import("./help.js")).USAGE}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    // Servers keep running; one-shot commands set their exit code and let pending output drain.
    if (code !== undefined) process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof ConfigError ? error.message : `failed to start: ${(error as Error)?.stack ?? error}`;
    // Settings errors quote the value they refused, and a key pasted into the wrong variable is still a
    // key: the known secrets are redacted, and so is anything shaped like a LiteLLM key.
    const secrets = [process.env.LITELLM_MASTER_KEY?.trim(), process.env.LITELLM_MCP_HTTP_TOKEN?.trim()];
    process.stderr.write(`litellm-mcp error: ${redactKeyShaped(redact(message, secrets))}\n`);
    process.exit(1);
  },
);
