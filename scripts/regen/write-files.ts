// Puts generated files in place only after every one of them has been written in full, and compares
// them with what is on disk for --check.

import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

/** Writes each file to a temporary folder first, then renames into place: no half-written file, ever. */
export async function writeFilesAtomically(root: string, files: Map<string, string>): Promise<void> {
  const staging = await mkdtemp(join(root, ".regen-"));
  try {
    for (const [path, text] of files) {
      const staged = join(staging, path);
      await mkdir(dirname(staged), { recursive: true });
      await writeFile(staged, text);
    }
    for (const path of files.keys()) {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await rename(join(staging, path), join(root, path));
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Paths whose content on disk differs from (or is missing for) the expected text. */
export async function staleFiles(root: string, files: Map<string, string>): Promise<string[]> {
  const stale: string[] = [];
  for (const [path, text] of files) {
    const current = await readFile(join(root, path), "utf8").catch(() => undefined);
    if (current !== text) stale.push(path);
  }
  return stale;
}
