// `npm run regen`: pull LiteLLM's OpenAPI document, regenerate spec/ and generated/, say what changed.
// This file only hands the process to regen/command.ts; generation and the drift report are pure
// functions in regen/.
//
//   npm run regen                                   from $LITELLM_HOST/openapi.json (a live proxy)
//   npm run regen -- --from <file|http(s) url>      from a saved document or another URL
//   npm run regen -- --dry-run [--from ...]         print the drift report, write nothing
//   npm run regen -- --check [--from ...]           exit 1 if spec/ or generated/ are not what regen writes
//
// Every run prints the drift report against the committed spec/openapi.json, and judges the document
// against what spec/operations.json records of the manifest. Exit codes: 0 done, and typecheck, build and
// tools/list pass on what was written; 1 breaking drift (files still written; each breaking sentence says
// where it shows) or stale files (--check); 2 the source or the arguments are unusable, nothing written.

import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { regenCommand } from "./regen/command.ts";

const ROOT = join(fileURLToPath(new URL(".", import.meta.url)), "..");

regenCommand(process.argv.slice(2), {
  root: ROOT,
  env: process.env,
  out: (text) => console.log(text),
  err: (text) => console.error(text),
}).then((code) => process.exit(code));
