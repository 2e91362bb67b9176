// The server's commands, bundled into dist/server.cjs, which the bin (src/cli/bin.ts) loads: `run` carries
// out the command argv names, and the stdio start (src/cli/stdio.ts, in the bin) hands its session to
// `serveStdioSession` once it needs the SDK. Each command is loaded only when asked for, so the stdio server
// never pays for HTTP, doctor or help code.

import { parseCommand } from "./args.js";
import { exitForStartFailure } from "./fatal.js";
import { serveStdioSession } from "./stdio-server.js";

export { serveStdioSession };

async function main(argv: readonly string[]): Promise<number | undefined> {
  const command = parseCommand(argv);
  switch (command.kind) {
    case "stdio":
      (await import("./stdio.js")).runStdio(() => ({ serveStdioSession }));
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

export function run(argv: readonly string[]): void {
  main(argv).then((code) => {
    // Servers keep running; one-shot commands set their exit code and let pending output drain.
    if (code !== undefined) process.exitCode = code;
  }, exitForStartFailure);
}
