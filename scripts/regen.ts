// `npm run regen`: pull LiteLLM's OpenAPI document, regenerate spec/ and generated/, say what changed.
// This file owns I/O and exit codes; generation and the drift report are pure functions in regen/.
//
//   npm run regen                                   from $LITELLM_HOST/openapi.json (a live proxy)
//   npm run regen -- --from <file|http(s) url>      from a saved document or another URL
//   npm run regen -- --dry-run [--from ...]         print the drift report, write nothing
//   npm run regen -- --check [--from ...]           exit 1 if spec/ or generated/ are not what regen writes
//
// Every run prints the drift report against the committed spec/openapi.json. Exit codes: 0 done;
// 1 breaking drift (files still written, so `npm run typecheck` points at the manifest) or stale files
// (--check); 2 the source or the arguments are unusable, and nothing was written.

import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { compareSpecs } from "./regen/drift-report.ts";
import { formatDriftReport } from "./regen/drift-format.ts";
import { documentSha256, generate, PROVENANCE_FILE, SPEC_FILE } from "./regen/generate.ts";
import { loadSource, SourceError, type LoadedSource } from "./regen/load-source.ts";
import { parseOperationList } from "./regen/operations.ts";
import { pruneSpec } from "./regen/prune-spec.ts";
import { validateForOperations } from "./regen/validate.ts";
import { staleFiles, writeFilesAtomically } from "./regen/write-files.ts";
import { isObject, type JsonObject } from "./regen/json.ts";

const ROOT = join(fileURLToPath(new URL(".", import.meta.url)), "..");

const USAGE = "usage: npm run regen -- [--from <file|http(s)-url>] [--check | --dry-run]";

function defaultSource(): string {
  const host = (process.env.LITELLM_HOST ?? "http://localhost:4000").replace(/\/+$/, "");
  return `${host}/openapi.json`;
}

/** --check without --from regenerates from the committed spec/, keeping the recorded source hash. */
async function committedSource(): Promise<{ source: LoadedSource; sourceSha256: string }> {
  const source = await loadSource(join(ROOT, SPEC_FILE), undefined);
  const provenance = JSON.parse(await readFile(join(ROOT, PROVENANCE_FILE), "utf8").catch(() => "{}"));
  const recorded = isObject(provenance) && typeof provenance.sourceCanonicalSha256 === "string" ? provenance.sourceCanonicalSha256 : documentSha256(source.document);
  return { source: { ...source, label: SPEC_FILE }, sourceSha256: recorded };
}

/** The spec regen wrote last time, to compare with; undefined on a first regen. */
async function previousSpec(): Promise<JsonObject | undefined> {
  const text = await readFile(join(ROOT, SPEC_FILE), "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    console.error(`warning: ${SPEC_FILE} is not valid JSON; the report compares with nothing.`);
    return undefined;
  }
}

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: { from: { type: "string" }, check: { type: "boolean", default: false }, "dry-run": { type: "boolean", default: false } },
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.check && args["dry-run"]) {
    console.error(`--check and --dry-run cannot be combined (--check writes nothing already).\n${USAGE}`);
    return 2;
  }

  const operations = parseOperationList(JSON.parse(await readFile(join(ROOT, "spec/operations.json"), "utf8")));
  const { source, sourceSha256 } =
    args.check && !args.from
      ? await committedSource()
      : await loadSource(args.from ?? defaultSource(), process.env.LITELLM_MASTER_KEY).then((s) => ({ source: s, sourceSha256: documentSha256(s.document) }));

  const { warnings } = await validateForOperations(source.document, pruneSpec(source.document, operations).document);
  for (const warning of warnings) console.error(`warning: ${warning}`);

  const output = await generate({ document: source.document, operations, sourceSha256 });
  const report = compareSpecs(await previousSpec(), output.spec, operations);
  console.log(formatDriftReport(report));
  const stale = await staleFiles(ROOT, output.files);

  if (args.check) {
    if (stale.length === 0) {
      console.log(`spec/ and generated/ are current (LiteLLM ${output.litellmVersion}, from ${source.label}).`);
      return 0;
    }
    console.error(`Out of date or edited by hand: ${stale.join(", ")}.`);
    console.error(`Regenerate with: npm run regen -- --from ${source.label === SPEC_FILE ? "<the LiteLLM document>" : source.label}`);
    return 1;
  }

  const code = report.breaking.length > 0 ? 1 : 0;
  if (args["dry-run"]) {
    console.log(`--dry-run: nothing written${stale.length ? ` (a regen would rewrite ${stale.join(", ")})` : ""}.`);
    return code;
  }
  if (stale.length === 0) {
    console.log("spec/ and generated/ already match this document; nothing written.");
    return code;
  }
  await writeFilesAtomically(ROOT, output.files);
  console.log(`wrote ${stale.join(", ")} from ${source.label}.`);
  console.log(
    code === 0
      ? "run `npm run typecheck` to see where the manifest no longer fits."
      : "breaking drift: run `npm run typecheck` to see the manifest lines to fix, then update spec/operations.json to match.",
  );
  return code;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof SourceError ? error.message : `regen failed: ${(error as Error).message}`);
    process.exit(2);
  },
);
