// The drift report's rule, checked the way a user meets it: regen a document into a copy of the project,
// then type-check, build and start the built server there. Exit 0 must mean typecheck, build and
// `tools/list` (every toolset) all pass; every type error must lie in a file of a tool the report named;
// and each sentence that sends the reader to `npm run typecheck` must be borne out by an error in the file
// it names. Many copies are type-checked in one tsc run (test/support/project-copy.ts), so a suite of
// documents costs one compiler start.

import { readFileSync } from "node:fs";
import { cp, mkdtemp, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { parseOperationList, type ToolOperation } from "../../scripts/regen/operations.ts";
import { breakingSentences } from "./drift-report-text.ts";
import { regenInProcess, REPO_ROOT, run, type RunResult, type TypeError } from "./project-copy.ts";
import { spawnServer } from "./spawn-server.ts";

/** Every tool of the manifest, as spec/operations.json records them. */
export const OPERATIONS: readonly ToolOperation[] = parseOperationList(JSON.parse(readFileSync(join(REPO_ROOT, "spec/operations.json"), "utf8")));
export const TOOLS = OPERATIONS.map((op) => op.tool).sort();

/** What a regen needs, and a build: the server's sources, spec/ and generated/, not the tests. */
const LIGHT_ENTRIES = ["src", "spec", "generated", "package.json", "tsconfig.json"];

export async function lightCopy(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "litellm-mcp-drift-"));
  for (const entry of LIGHT_ENTRIES) await cp(join(REPO_ROOT, entry), join(dir, entry), { recursive: true });
  await symlink(join(REPO_ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  return dir;
}

/** The tools a report names in its breaking sentences (each sentence starts "tool: "). */
export function namedTools(report: string): string[] {
  return [...new Set(breakingSentences(report).map((s) => s.slice(0, s.indexOf(":"))))].sort();
}

/** The files `npm run typecheck` is said to fail in, per tool. */
export function typecheckClaims(report: string): Map<string, Set<string>> {
  const claims = new Map<string, Set<string>>();
  for (const sentence of breakingSentences(report)) {
    const match = /`npm run typecheck` fails in (\S+)\.$/.exec(sentence);
    if (!match) continue;
    const tool = sentence.slice(0, sentence.indexOf(":"));
    claims.set(tool, new Set([...(claims.get(tool) ?? []), match[1]!]));
  }
  return claims;
}

/**
 * The shape every entry imports (and what it imports in turn): a type error there would belong to no tool in
 * particular, so a tool's files stop at it.
 */
const SHARED_BY_ALL = new Set(["src/manifest/define-tool.ts", "src/manifest/tool-call.ts"]);

/** src files each file imports, followed to the end (relative imports only), short of SHARED_BY_ALL. */
function importsOf(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(join(REPO_ROOT, file), "utf8");
  for (const match of text.matchAll(/from "(\.[^"]+)\.js"/g)) {
    const target = relative(REPO_ROOT, join(REPO_ROOT, dirname(file), `${match[1]}.ts`)).split("\\").join("/");
    if (target.startsWith("src/") && !SHARED_BY_ALL.has(target)) importsOf(target, seen);
  }
  return seen;
}

/**
 * The files of each tool: its own, the src files it imports (shared summaries, required.ts, the policy's
 * reads of LiteLLM's state, the questions it asks, ...), and src/litellm/streaming.ts for a tool that streams.
 * A type error in one of them belongs to that tool.
 */
export const TOOL_FILES: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  OPERATIONS.map((op) => {
    const files = importsOf(op.file);
    if (Object.values(op.sends).some((s) => s.when === "streaming")) files.add("src/litellm/streaming.ts");
    return [op.tool, files];
  }),
);

/** Type errors in no file of a named tool: the rule says there are none. */
export function unclaimedErrors(errors: readonly TypeError[], named: readonly string[]): TypeError[] {
  return errors.filter((e) => !named.some((tool) => TOOL_FILES.get(tool)?.has(e.file)));
}

/** Sentences sending the reader to a file the compiler does not fail in. */
export function unfoundedClaims(report: string, errors: readonly TypeError[]): string[] {
  const failing = new Set(errors.map((e) => e.file));
  return [...typecheckClaims(report)].flatMap(([tool, files]) => [...files].filter((f) => !failing.has(f)).map((f) => `${tool}: ${f}`));
}

/** `npm run build` in a copy (scripts/build.ts records its code cache by starting the built server). */
export function build(dir: string): Promise<RunResult> {
  return run(dir, process.execPath, [join(REPO_ROOT, "node_modules/tsx/dist/cli.mjs"), join(REPO_ROOT, "scripts/build.ts")]);
}

/** The tools the built server in a copy lists with every toolset on. */
export async function listedTools(dir: string): Promise<string[]> {
  const server = await spawnServer({ LITELLM_MCP_TOOLSETS: "all", LITELLM_HOST: "http://127.0.0.1:9" }, join(dir, "dist/index.cjs"));
  try {
    return (await server.client.listTools()).tools.map((t) => t.name).sort();
  } finally {
    await server.close();
  }
}

/** regen from a document into a copy: what it printed and its exit code. */
export function regenFrom(dir: string, document: string): Promise<RunResult> {
  return regenInProcess(dir, "--from", document);
}
