// What regeneration and type-checking cost the developer: `npm run regen` from the full 1.88.0 document,
// and `npm run typecheck` of the project vs the same project carrying openapi-typescript's output for the
// whole, unpruned document (what skipping the prune step would leave in generated/).

import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import { now } from "./stats.ts";
import type { Workspace } from "./workspace.ts";

export interface RegenTypecheck {
  regen: number[];
  typecheck: number[];
  unprunedTypecheck: number[];
  /** Size of generated/litellm-api.ts: pruned (committed) and unpruned. */
  typesBytes: { pruned: number; unpruned: number };
  /** Anything that did not exit 0, quoted so the reader can tell a failed run from a fast one. */
  failures: string[];
}

interface Exit {
  ms: number;
  ok: boolean;
  output: string;
}

function timedNpm(cwd: string, args: string[]): Promise<Exit> {
  const start = now();
  return new Promise((resolve) => {
    execFile("npm", args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ ms: now() - start, ok: !error, output: `${stdout}${stderr}`.trim() });
    });
  });
}

function firstLines(text: string): string {
  return text.split("\n").filter((line) => /error|fail/i.test(line)).slice(0, 3).join(" | ") || text.split("\n").slice(-3).join(" | ");
}

export async function measureRegenTypecheck(root: string, source: string, workspace: Workspace, runs: number): Promise<RegenTypecheck> {
  const pruned = await workspace.copyProject("pruned");
  const unpruned = await workspace.copyProject("unpruned");
  const failures: string[] = [];
  const result: RegenTypecheck = { regen: [], typecheck: [], unprunedTypecheck: [], typesBytes: { pruned: 0, unpruned: 0 }, failures };

  // The unpruned variant: openapi-typescript over the whole document, with the same option regen uses.
  const document = JSON.parse(await readFile(source, "utf8"));
  const fullTypes = astToString(await openapiTS(document, { defaultNonNullable: false, silent: true }));
  await writeFile(join(unpruned, "generated/litellm-api.ts"), fullTypes);
  result.typesBytes = {
    pruned: Buffer.byteLength(await readFile(join(root, "generated/litellm-api.ts"), "utf8")),
    unpruned: Buffer.byteLength(fullTypes),
  };

  for (let i = 0; i < runs; i++) {
    const regen = await timedNpm(pruned, ["run", "regen", "--", "--from", source]);
    result.regen.push(regen.ms);
    if (!regen.ok) failures.push(`regen: ${firstLines(regen.output)}`);

    // Alternate A B so both typechecks see the same load.
    const typecheck = await timedNpm(pruned, ["run", "typecheck"]);
    result.typecheck.push(typecheck.ms);
    if (!typecheck.ok) failures.push(`typecheck: ${firstLines(typecheck.output)}`);
    const unprunedTypecheck = await timedNpm(unpruned, ["run", "typecheck"]);
    result.unprunedTypecheck.push(unprunedTypecheck.ms);
    if (!unprunedTypecheck.ok) failures.push(`unpruned typecheck: ${firstLines(unprunedTypecheck.output)}`);
  }
  return result;
}
