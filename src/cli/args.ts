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

const OPTIONS = {
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
  http: { type: "boolean" },
  port: { type: "string" },
  host: { type: "string" },
} as const;

/**
 * What is wrong with the options, said the way the rest of the CLI speaks (Node's parseArgs would
 * otherwise answer with its own text about positional arguments), or undefined when they parse.
 */
function optionProblem(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length && argv[i] !== "--"; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("-") || arg === "-") continue;
    const [spelled, value] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const name = spelled.startsWith("--") ? spelled.slice(2) : Object.entries(OPTIONS).find(([, o]) => "short" in o && `-${o.short}` === spelled)?.[0];
    const option = name === undefined ? undefined : OPTIONS[name as keyof typeof OPTIONS];
    if (!option) return `Unknown option "${spelled}". The options are --http, --port, --host, --help and --version (litellm-mcp --help explains each).`;
    if (option.type === "boolean" && value !== undefined) return `${spelled} takes no value.`;
    if (option.type === "string" && value === undefined && (i + 1 >= argv.length || argv[i + 1]!.startsWith("-"))) {
      return `${spelled} needs a value, e.g. ${spelled} ${name === "port" ? DEFAULT_HTTP_PORT : DEFAULT_HTTP_HOST}.`;
    }
  }
  return undefined;
}

export function parseCommand(argv: readonly string[]): Command {
  const problem = optionProblem(argv);
  if (problem) return { kind: "usage-error", message: problem };
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: OPTIONS });
  } catch (error) {
    return { kind: "usage-error", message: (error as Error).message };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: "help" };
  if (values.version) return { kind: "version" };

  const [subcommand, ...extra] = positionals;
  if (subcommand === "help") return { kind: "help" };
  if (subcommand !== undefined && subcommand !== "doctor") return { kind: "usage-error", message: `Unknown command "${subcommand}". The commands are doctor and help; with none, litellm-mcp is the stdio server.` };
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
