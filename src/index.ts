// The server: reads argv and hands over to one command. Each command is loaded only when asked for, so
// the stdio server MCP hosts launch never pays for HTTP, doctor or help code. src/bin.ts runs this file.

import { parseCommand } from "./cli/args.js";
import { ConfigError } from "./errors.js";

async function main(argv: readonly string[]): Promise<number | undefined> {
  const command = parseCommand(argv);
  switch (command.kind) {
    case "stdio":
      await (await import("./cli/stdio.js")).runStdio();
      return undefined;
    case "http":
      await (await import("./cli/http.js")).runHttp(command);
      return undefined;
    case "doctor":
      return (await import("./cli/doctor.js")).runDoctorCommand();
    case "help":
      process.stdout.write(`${(await import("./cli/help.js")).HELP}\n`);
      return 0;
    case "version":
      process.stdout.write(`${(await import("./version.js")).VERSION}\n`);
      return 0;
    case "usage-error":
      process.stderr.write(`litellm-mcp: ${command.message}\n${(await import("./cli/help.js")).USAGE}\n`);
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
    process.stderr.write(`litellm-mcp error: ${message}\n`);
    process.exit(1);
  },
);
