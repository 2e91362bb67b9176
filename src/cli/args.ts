// Turns argv into one command. Pure, so every spelling a user might try is testable without spawning.

import { parseArgs } from "node:util";

export const DEFAULT_HTTP_HOST = "127.0.0.1";
export const DEFAULT_HTTP_PORT = 3000;

export type Command =
  | { kind: "stdio" }
  | { kind: "help" }
  | { kind: "version" }
  | { kind: "doctor" }
  | { kind: "http"; host: string; port: number }
  | { kind: "usage-error"; message: string };

function portFrom(raw: string | undefined): number | string {
  if (raw === undefined) return DEFAULT_HTTP_PORT;
  const port = Number(raw);
  // 0 asks the OS for a free port (the listening address is logged); useful for tests and sidecars.
  return Number.isInteger(port) && port >= 0 && port <= 65535 && raw.trim() !== "" ? port : `--port must be a whole number from 0 to 65535, got "${raw}".`;
}

export function parseCommand(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
        http: { type: "boolean" },
        port: { type: "string" },
        host: { type: "string" },
      },
    });
  } catch (error) {
    return { kind: "usage-error", message: (error as Error).message };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: "help" };
  if (values.version) return { kind: "version" };

  const [subcommand, ...extra] = positionals;
  if (subcommand !== undefined && subcommand !== "doctor") return { kind: "usage-error", message: `Unknown command "${subcommand}".` };
  if (extra.length > 0) return { kind: "usage-error", message: `Unexpected argument "${extra[0]}".` };
  if (subcommand === "doctor") {
    if (values.http || values.port !== undefined || values.host !== undefined) {
      return { kind: "usage-error", message: "doctor takes no options; it reads the same environment as the server." };
    }
    return { kind: "doctor" };
  }

  if (!values.http) {
    if (values.port !== undefined || values.host !== undefined) return { kind: "usage-error", message: "--port and --host only apply with --http." };
    return { kind: "stdio" };
  }
  const port = portFrom(values.port);
  if (typeof port === "string") return { kind: "usage-error", message: port };
  const host = values.host?.trim() || DEFAULT_HTTP_HOST;
  return { kind: "http", host, port };
}
