// `npm run regen`: pull LiteLLM's OpenAPI document, regenerate spec/ and generated/, say what changed.
// This file owns I/O and exit codes; generation itself is the pure function in regen/generate.ts.
//
//   npm run regen                                   from $LITELLM_HOST/openapi.json (a live proxy)
//   npm run regen -- --from <file|http(s) url>      from a saved document or another URL
//   npm run regen -- --check [--from ...]           exit 1 if spec/ or generated/ are not what regen writes
//
// Exit codes: 0 done; 1 stale files (--check) or breaking drift; 2 the source or the arguments are unusable.

import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { generate, sha256, PROVENANCE_FILE, SPEC_FILE } from "./regen/generate.ts";
import { loadSource, SourceError, type LoadedSource } from "./regen/load-source.ts";
import { parseOperationList } from "./regen/operations.ts";
import { pruneSpec } from "./regen/prune-spec.ts";
import { validateForOperations } from "./regen/validate.ts";
import { staleFiles, writeFilesAtomically } from "./regen/write-files.ts";
import { isObject } from "./regen/json.ts";

const ROOT = join(fileURLToPath(new URL(".", import.meta.url)), "..");

const USAGE = "usage: npm run regen -- [--from <file|http(s)-url>] [--check]";

function defaultSource(): string {
  const host = (process.env.LITELLM_HOST ?? "http://localhost:4000").replace(/\/+$/, "");
  return `${host}/openapi.json`;
}

/** --check without --from regenerates from the committed spec/, keeping the recorded source hash. */
async function committedSource(): Promise<{ source: LoadedSource; sourceSha256: string }> {
  const source = await loadSource(join(ROOT, SPEC_FILE), undefined);
  const provenance = JSON.parse(await readFile(join(ROOT, PROVENANCE_FILE), "utf8").catch(() => "{}"));
  const recorded = isObject(provenance) && typeof provenance.sourceSha256 === "string" ? provenance.sourceSha256 : sha256(source.text);
  return { source: { ...source, label: SPEC_FILE }, sourceSha256: recorded };
}

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: argv, options: { from: { type: "string" }, check: { type: "boolean", default: false } } }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }

  const operations = parseOperationList(JSON.parse(await readFile(join(ROOT, "spec/operations.json"), "utf8")));
  const { source, sourceSha256 } =
    args.check && !args.from
      ? await committedSource()
      : await loadSource(args.from ?? defaultSource(), process.env.LITELLM_MASTER_KEY).then((s) => ({ source: s, sourceSha256: sha256(s.text) }));

  const { warnings } = await validateForOperations(source.document, pruneSpec(source.document, operations).document);
  for (const warning of warnings) console.error(`warning: ${warning}`);

  const output = await generate({ document: source.document, operations, sourceSha256 });

  if (args.check) {
    const stale = await staleFiles(ROOT, output.files);
    if (stale.length === 0) {
      console.log(`spec/ and generated/ are current (LiteLLM ${output.litellmVersion}, from ${source.label}).`);
      return 0;
    }
    console.error(`Out of date or edited by hand: ${stale.join(", ")}.`);
    console.error(`Regenerate with: npm run regen -- --from ${source.label === SPEC_FILE ? "<the LiteLLM document>" : source.label}`);
    return 1;
  }

  await writeFilesAtomically(ROOT, output.files);
  console.log(`LiteLLM ${output.litellmVersion} from ${source.label}: wrote ${[...output.files.keys()].join(", ")}.`);
  if (output.missing.length > 0) {
    console.error(`breaking: the document has no ${output.missing.map((m) => `${m.method.toUpperCase()} ${m.path}`).join(", ")}.`);
    console.error("Run `npm run typecheck` to see which manifest entries no longer fit.");
    return 1;
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof SourceError ? error.message : `regen failed: ${(error as Error).message}`);
    process.exit(2);
  },
);
