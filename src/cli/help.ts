// The text `litellm-mcp --help` prints: every command, and every variable the server reads, grouped by
// what it governs, as src/config/variables.ts lists them.

import { GROUPS, VARIABLES, type Group, type Variable } from "../config/variables.js";
import { TESTED_NODE_MAJORS } from "../version.js";
import { DEFAULT_HTTP_HOST, DEFAULT_HTTP_PORT } from "./args.js";

/** Where a variable's text starts: two spaces, the longest name, and room to spare. */
const TEXT_COLUMN = 38;

/** Each group under its heading, one variable a line with its default (continuation lines indented to the text), blank lines between. */
function variableLines(): string {
  const variables = Object.entries(VARIABLES) as [string, Variable][];
  return (Object.entries(GROUPS) as [Group, string][])
    .map(([group, heading]) => {
      const lines = variables
        .filter(([, variable]) => variable.group === group)
        .map(([name, variable]) => {
          const [first, ...more] = variable.help.split("\n");
          const unset = variable.default === undefined ? (variable.unset ? ` (unset: ${variable.unset})` : "") : ` (default: ${variable.default})`;
          return [`  ${name.padEnd(TEXT_COLUMN - 2)}${first}${unset}`, ...more.map((line) => `${" ".repeat(TEXT_COLUMN)}${line}`)].join("\n");
        });
      return [`${heading}:`, ...lines].join("\n");
    })
    .join("\n\n");
}

export const USAGE = `Usage:
  litellm-mcp                         MCP server on stdio (what MCP hosts launch)
  litellm-mcp --http [--port N] [--host ADDR]
                                      MCP server over Streamable HTTP at /mcp, stateless
                                      (default ${DEFAULT_HTTP_HOST}:${DEFAULT_HTTP_PORT}; port 0 picks a free one)
  litellm-mcp doctor                  check the proxy, the master key and the API the tools use
  litellm-mcp help | --help | -h      this text
  litellm-mcp --version | -v          the version`;

export const HELP = `litellm-mcp — operate a LiteLLM proxy from an MCP host: mint and inspect virtual keys, list
models, run completions under a virtual key, without handing the assistant the master key.

${USAGE}

Every setting comes from the environment; a malformed value stops the server at start, naming it.

${variableLines()}

Booleans are true/false (or 1/0). Logs go to stderr; on stdio, stdout carries only MCP messages.
Tested on Node.js ${listed(TESTED_NODE_MAJORS)}.`;

/** "20, 22 and 24". */
function listed(items: readonly number[]): string {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
