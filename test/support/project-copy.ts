// Throwaway copies of the project for tests that run regen and tsc as a user would: the worktree itself
// is never written, and each copy can be mutated freely.

import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { cp, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { specInfo } from "../../generated/spec-info.ts";
import { regenCommand } from "../../scripts/regen/command.ts";

export const REPO_ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
/** Real LiteLLM documents committed with the tests (test/fixtures/litellm/README.md says where they came from). */
export const LITELLM_DOCUMENTS = join(REPO_ROOT, "test", "fixtures", "litellm");
export const OPENAPI_1_80_17 = join(LITELLM_DOCUMENTS, "openapi-1.80.17.json");
export const OPENAPI_1_88_0 = join(LITELLM_DOCUMENTS, "openapi-1.88.0.json");

/** The LiteLLM release spec/ and generated/ were made from: tests read it here instead of naming one. */
export const SPEC_VERSION: string = specInfo.litellmVersion;

/** The `info.version` of a saved OpenAPI document, e.g. one of test/fixtures/litellm/. */
export function documentVersion(path: string): string {
  return (JSON.parse(readFileSync(path, "utf8")) as { info: { version: string } }).info.version;
}

/** What a copy needs to regenerate, typecheck and test the project (the unit suite reads the README and BENCHMARKS.md); nothing else (not .venv/, not dist/). */
export const PROJECT_ENTRIES = ["src", "scripts", "spec", "generated", "test", "package.json", "tsconfig.json", "README.md", "BENCHMARKS.md"];

export async function copyProject(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "litellm-mcp-"));
  for (const entry of PROJECT_ENTRIES) await cp(join(REPO_ROOT, entry), join(dir, entry), { recursive: true });
  await symlink(join(REPO_ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  return dir;
}

export async function removeCopy(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(cwd: string, command: string, args: string[], extraEnv: Record<string, string> = {}): Promise<RunResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", ...extraEnv };
  delete env.LITELLM_MASTER_KEY;
  return runIn(cwd, command, args, env);
}

/** The same with exactly `env`, nothing of this process's environment. */
export function runIn(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv): Promise<RunResult> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", fail);
    child.on("close", (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

/** `npm run regen -- ...args` in the copy, without npm's own output around it. */
export function regen(dir: string, ...args: string[]): Promise<RunResult> {
  return run(dir, process.execPath, [join(REPO_ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/regen.ts", ...args]);
}

/**
 * The same command in this process (scripts/regen/command.ts, which `npm run regen` hands its arguments to),
 * for tests that run it many times: no Node start and no module loading per run. A relative --from is read
 * from this process's folder, not the copy's.
 */
export async function regenInProcess(dir: string, ...args: string[]): Promise<RunResult> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.LITELLM_MASTER_KEY;
  let [stdout, stderr] = ["", ""];
  const code = await regenCommand(args, { root: dir, env, out: (text) => (stdout += `${text}\n`), err: (text) => (stderr += `${text}\n`) });
  return { code, stdout, stderr };
}

/** `npm run typecheck` in the copy. */
export function typecheck(dir: string): Promise<RunResult> {
  return run(dir, process.execPath, [join(REPO_ROOT, "node_modules/typescript/bin/tsc"), "--noEmit", "-p", "tsconfig.json"]);
}

export interface TypeError {
  /** Relative to its copy, e.g. "src/manifest/keys/update-key.ts". */
  file: string;
  /** The offending source line, trimmed. */
  line: string;
  message: string;
}

/**
 * Type-checks the server's sources (src/ and generated/, what the build bundles) of several copies in one
 * tsc run with the project's compiler options: the libraries' types are loaded and checked once, not once
 * per copy. Gives each copy's errors, keyed by its folder; a copy that compiles has an empty list.
 */
export async function typecheckSources(dirs: readonly string[]): Promise<Map<string, TypeError[]>> {
  const where = await mkdtemp(join(tmpdir(), "litellm-mcp-tsc-"));
  try {
    const config = {
      extends: join(REPO_ROOT, "tsconfig.json"),
      compilerOptions: { typeRoots: [join(REPO_ROOT, "node_modules/@types")] },
      include: dirs.flatMap((dir) => [join(dir, "src"), join(dir, "generated")]),
    };
    await writeFile(join(where, "tsconfig.json"), JSON.stringify(config));
    const tsc = await run(where, process.execPath, [join(REPO_ROOT, "node_modules/typescript/bin/tsc"), "--noEmit", "--pretty", "false", "-p", "tsconfig.json"]);
    const errors = new Map(dirs.map((dir) => [dir, [] as TypeError[]]));
    for (const match of tsc.stdout.matchAll(/^(.+?)\((\d+),\d+\): error TS\d+: (.*)$/gm)) {
      const path = resolve(where, match[1]!);
      const dir = dirs.find((d) => !relative(d, path).startsWith(".."));
      if (!dir) throw new Error(`tsc reported an error outside the copies: ${match[0]}`);
      const source = (await readFile(path, "utf8")).split("\n")[Number(match[2]) - 1] ?? "";
      errors.get(dir)!.push({ file: relative(dir, path), line: source.trim(), message: match[3]! });
    }
    if (tsc.code !== 0 && [...errors.values()].every((list) => list.length === 0)) throw new Error(`tsc failed without a type error:\n${tsc.stdout}${tsc.stderr}`);
    return errors;
  } finally {
    await rm(where, { recursive: true, force: true });
  }
}

/** The project's unit suite (nock: what each tool sends and how it maps answers) in the copy. */
export function unitTests(dir: string): Promise<RunResult> {
  return run(dir, process.execPath, [join(REPO_ROOT, "node_modules/vitest/vitest.mjs"), "run", "--config", "test/vitest.config.ts", "test/unit"]);
}

/** sha256 of every file regen owns (spec/ and generated/), keyed by relative path. */
export async function hashGenerated(dir: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const folder of ["spec", "generated"]) {
    for (const name of (await readdir(join(dir, folder))).sort()) {
      hashes[`${folder}/${name}`] = createHash("sha256").update(await readFile(join(dir, folder, name))).digest("hex");
    }
  }
  return hashes;
}

/** Runs tasks at most `limit` at a time: tsc is CPU-bound and CI machines have two cores. */
export async function inBatches<T>(tasks: (() => Promise<T>)[], limit = 2): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
