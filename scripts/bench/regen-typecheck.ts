// What regeneration and type-checking cost the developer: `npm run regen` from the whole LiteLLM document
// spec/ was generated from (an older one would report drift and fail the typecheck, measuring nothing), and `npm run typecheck` of the project vs the same project carrying
// openapi-typescript's output for that whole, unpruned document (what skipping the prune step would leave
// in generated/).

import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { typesFile } from "../regen/generate.ts";
import { cpuMs } from "./proc-stat.ts";
import { now } from "./stats.ts";
import type { Workspace } from "./workspace.ts";

/** Wall time and CPU time (user + system, the child and its children) of one run, in ms. */
export interface Timing {
  wall: number;
  cpu: number;
}

export interface RegenTypecheck {
  /** LiteLLM version of the document regenerated from. */
  sourceVersion: string;
  regen: Timing[];
  typecheck: Timing[];
  unprunedTypecheck: Timing[];
  /** Size of generated/litellm-api.ts: pruned (committed) and unpruned. */
  typesBytes: { pruned: number; unpruned: number };
  /** Anything that did not exit 0, quoted so the reader can tell a failed run from a fast one. */
  failures: string[];
}

interface Exit {
  timing: Timing;
  ok: boolean;
  output: string;
}

/**
 * CPU time of the children this process has waited for (Linux only; NaN elsewhere). On a shared machine,
 * wall time carries other people's load; CPU time does not.
 */
async function childCpuMs(): Promise<number> {
  return (await cpuMs("self", "waited-for children")) ?? Number.NaN;
}

async function timedNpm(cwd: string, args: string[]): Promise<Exit> {
  const cpuBefore = await childCpuMs();
  const start = now();
  const { ok, output } = await new Promise<{ ok: boolean; output: string }>((resolve) => {
    execFile("npm", args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ ok: !error, output: `${stdout}${stderr}`.trim() });
    });
  });
  const wall = now() - start;
  return { timing: { wall, cpu: (await childCpuMs()) - cpuBefore }, ok, output };
}

function firstLines(text: string): string {
  return text.split("\n").filter((line) => /error|fail/i.test(line)).slice(0, 3).join(" | ") || text.split("\n").slice(-3).join(" | ");
}

export async function measureRegenTypecheck(root: string, source: string, workspace: Workspace, runs: number): Promise<RegenTypecheck> {
  const pruned = await workspace.copyProject("pruned");
  const unpruned = await workspace.copyProject("unpruned");
  const failures: string[] = [];
  const document = JSON.parse(await readFile(source, "utf8"));
  const result: RegenTypecheck = { sourceVersion: String(document.info?.version), regen: [], typecheck: [], unprunedTypecheck: [], typesBytes: { pruned: 0, unpruned: 0 }, failures };

  // The unpruned variant: regen's own type generation, over the whole document.
  const fullTypes = await typesFile(document);
  await writeFile(join(unpruned, "generated/litellm-api.ts"), fullTypes);
  result.typesBytes = {
    pruned: Buffer.byteLength(await readFile(join(root, "generated/litellm-api.ts"), "utf8")),
    unpruned: Buffer.byteLength(fullTypes),
  };

  for (let i = 0; i < runs; i++) {
    const regen = await timedNpm(pruned, ["run", "regen", "--", "--from", source]);
    result.regen.push(regen.timing);
    if (!regen.ok) failures.push(`regen: ${firstLines(regen.output)}`);

    // Alternate A B so both typechecks see the same load.
    const typecheck = await timedNpm(pruned, ["run", "typecheck"]);
    result.typecheck.push(typecheck.timing);
    if (!typecheck.ok) failures.push(`typecheck: ${firstLines(typecheck.output)}`);
    const unprunedTypecheck = await timedNpm(unpruned, ["run", "typecheck"]);
    result.unprunedTypecheck.push(unprunedTypecheck.timing);
    if (!unprunedTypecheck.ok) failures.push(`unpruned typecheck: ${firstLines(unprunedTypecheck.output)}`);
  }
  return result;
}

/** The saved LiteLLM document (openapi-<version>.json) of this version, or undefined. */
export function documentOfVersion(folder: string, version: string): string | undefined {
  const file = join(folder, `openapi-${version}.json`);
  return existsSync(file) ? file : undefined;
}
