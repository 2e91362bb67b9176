// `npm run operations`: write spec/operations.json from the manifest — what each tool sends, builds its
// input on and reads, path by path (scripts/operations/record.ts). Run it after changing a tool, once
// `npm run typecheck` passes; `npm run operations -- --check` exits 1 when the file is not what the
// manifest implies (test/drift/manifest-operations.test.ts holds the same).

import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { recordOperations } from "./operations/record.ts";

const ROOT = join(fileURLToPath(new URL(".", import.meta.url)), "..");
const FILE = join(ROOT, "spec/operations.json");

const check = process.argv.includes("--check");
const recorded = await recordOperations({ root: ROOT });
const current = await readFile(FILE, "utf8").catch(() => "");
if (check) {
  if (recorded === current) process.exit(0);
  console.error("spec/operations.json is not what the manifest implies: run `npm run operations` and commit it.");
  process.exit(1);
}
if (recorded !== current) await writeFile(FILE, recorded);
console.error(recorded === current ? "spec/operations.json already matches the manifest." : "wrote spec/operations.json from the manifest.");
