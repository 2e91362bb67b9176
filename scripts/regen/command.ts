// The regen command itself: reads the source and spec/operations.json, writes spec/ and generated/,
// prints the drift report and decides the exit code. scripts/regen.ts runs it for the process; tests run
// it in-process on copies of the project, which is the same code without a Node start per run.

import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { compareSpecs } from "./drift-report.ts";
import { formatDriftReport, wrap } from "./drift-format.ts";
import { documentSha256, generate, PROVENANCE_FILE, SPEC_FILE } from "./generate.ts";
import { isObject, type JsonObject } from "./json.ts";
import { loadSource, SourceError, type LoadedSource } from "./load-source.ts";
import { operationsUsed, parseOperationList } from "./operations.ts";
import { pruneSpec } from "./prune-spec.ts";
import { validateForOperations } from "./validate.ts";
import { staleFiles, writeFilesAtomically } from "./write-files.ts";

/** Where regen works and where it says things: the process's streams for the CLI, strings for tests. */
export interface RegenContext {
  /** The project: spec/, generated/ and spec/operations.json are read and written under it. */
  root: string;
  env: NodeJS.ProcessEnv;
  out: (text: string) => void;
  err: (text: string) => void;
}

const USAGE = "usage: npm run regen -- [--from <file|http(s)-url>] [--check | --dry-run]";

// --check compares files; the breaking lines compare the committed spec with this document's, which are
// the same here, so they can only be what the committed spec itself lacks (a listed operation, say).
const CHECK_PASSES_ALL_THE_SAME = wrap(
  "--check passes all the same: ",
  "the breaking lines above are already in the committed spec/, and --check asks only whether spec/ and generated/ are what regen writes from this document.".split(" "),
  2,
).join("\n");

function defaultSource(env: NodeJS.ProcessEnv): string {
  const host = (env.LITELLM_HOST ?? "http://localhost:4000").replace(/\/+$/, "");
  return `${host}/openapi.json`;
}

/** --check without --from regenerates from the committed spec/, keeping the recorded source hash. */
async function committedSource(root: string): Promise<{ source: LoadedSource; sourceSha256: string }> {
  const source = await loadSource(join(root, SPEC_FILE), undefined);
  const provenance = JSON.parse(await readFile(join(root, PROVENANCE_FILE), "utf8").catch(() => "{}"));
  const recorded = isObject(provenance) && typeof provenance.sourceCanonicalSha256 === "string" ? provenance.sourceCanonicalSha256 : documentSha256(source.document);
  return { source: { ...source, label: SPEC_FILE }, sourceSha256: recorded };
}

/** The spec regen wrote last time, to compare with; undefined on a first regen. */
async function previousSpec({ root, err }: RegenContext): Promise<JsonObject | undefined> {
  const text = await readFile(join(root, SPEC_FILE), "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    err(`warning: ${SPEC_FILE} is not valid JSON; the report compares with nothing.`);
    return undefined;
  }
}

async function regen(argv: string[], context: RegenContext): Promise<number> {
  const { root, env, out, err } = context;
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: { from: { type: "string" }, check: { type: "boolean", default: false }, "dry-run": { type: "boolean", default: false } },
    }).values;
  } catch (error) {
    err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.check && args["dry-run"]) {
    err(`--check and --dry-run cannot be combined (--check writes nothing already).\n${USAGE}`);
    return 2;
  }

  const operations = parseOperationList(JSON.parse(await readFile(join(root, "spec/operations.json"), "utf8")));
  const { source, sourceSha256 } =
    args.check && !args.from
      ? await committedSource(root)
      : await loadSource(args.from ?? defaultSource(env), env.LITELLM_MASTER_KEY).then((s) => ({ source: s, sourceSha256: documentSha256(s.document) }));

  const { warnings } = await validateForOperations(source.document, pruneSpec(source.document, operationsUsed(operations)).document);
  for (const warning of warnings) err(`warning: ${warning}`);

  const output = await generate({ document: source.document, operations, sourceSha256 });
  const report = compareSpecs(await previousSpec(context), output.spec, operations);
  out(formatDriftReport(report));
  const stale = await staleFiles(root, output.files);

  if (args.check) {
    if (stale.length === 0) {
      out(`spec/ and generated/ are current (LiteLLM ${output.litellmVersion}, from ${source.label}).`);
      if (report.breaking.length > 0) out(CHECK_PASSES_ALL_THE_SAME);
      return 0;
    }
    err(`Out of date or edited by hand: ${stale.join(", ")}.`);
    err(`Regenerate with: npm run regen -- --from ${source.label === SPEC_FILE ? "<the LiteLLM document>" : source.label}`);
    return 1;
  }

  const code = report.breaking.length > 0 ? 1 : 0;
  if (args["dry-run"]) {
    out(`--dry-run: nothing written${stale.length ? ` (a regen would rewrite ${stale.join(", ")})` : ""}.`);
    return code;
  }
  if (stale.length === 0) {
    out("spec/ and generated/ already match this document; nothing written.");
    return code;
  }
  await writeFilesAtomically(root, output.files);
  out(`wrote ${stale.join(", ")} from ${source.label}.`);
  out(
    code === 0
      ? "nothing breaks the tools: `npm run typecheck` and `npm run build` pass on what was written."
      : "breaking drift: each sentence above says where it shows. Fix the manifest until `npm run typecheck` passes, then `npm run operations` records what the tools now use.",
  );
  return code;
}

/** Runs `npm run regen -- ...argv` and resolves to its exit code; every failure is a sentence and code 2. */
export async function regenCommand(argv: string[], context: RegenContext): Promise<number> {
  try {
    return await regen(argv, context);
  } catch (error) {
    context.err(error instanceof SourceError ? error.message : `regen failed: ${(error as Error).message}`);
    return 2;
  }
}
