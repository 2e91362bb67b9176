// Every LITELLM_* variable src/ reads from the environment, found in the source itself (env.NAME,
// env["NAME"], or a reader called with env and the name), so a variable read anywhere cannot go unlisted.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

const SRC = fileURLToPath(new URL("../../src", import.meta.url));

/** Build-only switches, not settings a user gives the server. */
const INTERNAL_VARIABLES = new Set(["LITELLM_MCP_WRITE_CODE_CACHE"]);

export function variablesReadBySource(): string[] {
  const names = new Set<string>();
  for (const file of readdirSync(SRC, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"))) {
    const text = readFileSync(join(SRC, file), "utf8");
    for (const m of text.matchAll(/\b(?:env|process\.env)(?:\.|\[")(LITELLM_\w+)|\b[a-zA-Z]+\(env, "(LITELLM_\w+)"/g)) names.add((m[1] ?? m[2])!);
  }
  const read = [...names].filter((n) => !INTERNAL_VARIABLES.has(n)).sort();
  expect(read.length, "the scan finds the variables src/config/config.ts reads").toBeGreaterThanOrEqual(17);
  return read;
}
