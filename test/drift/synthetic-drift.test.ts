// The drift report's rule over every change class (test/drift/drift-variants.ts), on documents made by
// hand from the committed spec. Each change alone: regen names exactly its tools, or none and exits 0.
// All breaking changes in one document: regen still writes the files; every type error is in a file of a
// named tool, every "`npm run typecheck` fails in F" is borne out in F, and the server still builds and
// lists every tool (nothing throws as the manifest loads). All the other changes in one document: exit
// 0, and typecheck, build and `tools/list` pass.
// Cost, so a busy machine stays well inside the hook's limit: regen's command runs in this process
// (scripts/regen/command.ts, what `npm run regen` runs) once per change and once per document, and both
// documents are type-checked in one tsc run beside it.

import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, lightCopy, listedTools, namedTools, TOOLS, unclaimedErrors, unfoundedClaims } from "../support/drift-rule.ts";
import { regenInProcess, removeCopy, REPO_ROOT, SPEC_VERSION, typecheckSources, type RunResult, type TypeError } from "../support/project-copy.ts";
import { BREAKING, flat, joined, NOT_BREAKING, type Variant } from "./drift-variants.ts";

interface Together {
  dir: string;
  regen: RunResult;
  errors: TypeError[];
  build: RunResult;
  tools: string[];
}

const copies: string[] = [];
const alone = new Map<string, RunResult>();
let breaking: Together;
let quiet: Together;

async function documentWith(dir: string, name: string, committed: string, variants: readonly Variant[]): Promise<string> {
  const doc = JSON.parse(committed);
  for (const variant of variants) variant.mutate(doc);
  const file = join(dir, name);
  await writeFile(file, JSON.stringify(doc));
  return file;
}

beforeAll(async () => {
  const committed = await readFile(join(REPO_ROOT, "spec/openapi.json"), "utf8");
  const [base, broken, fine] = [await lightCopy(), await lightCopy(), await lightCopy()];
  copies.push(base, broken, fine);
  const regens = {
    broken: await regenInProcess(broken, "--from", await documentWith(broken, "drifted.json", committed, BREAKING)),
    fine: await regenInProcess(fine, "--from", await documentWith(fine, "drifted.json", committed, NOT_BREAKING)),
  };
  // tsc runs in its own process while this one runs regen for each change alone.
  const typechecked = typecheckSources([broken, fine]);
  for (const [i, variant] of [...BREAKING, ...NOT_BREAKING].entries()) {
    alone.set(variant.name, await regenInProcess(base, "--dry-run", "--from", await documentWith(base, `drifted-${i}.json`, committed, [variant])));
  }
  const errors = await typechecked;
  const [brokenBuild, fineBuild] = [await build(broken), await build(fine)];
  const list = async (dir: string, result: RunResult) => (result.code === 0 ? await listedTools(dir) : []);
  breaking = { dir: broken, regen: regens.broken, errors: errors.get(broken)!, build: brokenBuild, tools: await list(broken, brokenBuild) };
  quiet = { dir: fine, regen: regens.fine, errors: errors.get(fine)!, build: fineBuild, tools: await list(fine, fineBuild) };
}, 240_000);

afterAll(async () => {
  for (const dir of copies) await removeCopy(dir);
});

describe.each([...BREAKING, ...NOT_BREAKING])("synthetic drift: $name", (variant) => {
  it(variant.named.length ? `alone, names ${variant.named.join(", ")} and no other tool, and regen exits 1` : "alone, names no tool, and regen exits 0", () => {
    const result = alone.get(variant.name)!;
    expect(result.stderr).toBe("");
    expect(result.stdout.split("\n")[0]).toBe(`LiteLLM ${SPEC_VERSION} → ${SPEC_VERSION} (same release)`);
    expect(namedTools(result.stdout)).toEqual(variant.named);
    // Table lines are matched as printed, sentences with their wrapped lines joined, notes all on one line.
    const texts = [result.stdout, joined(result.stdout), flat(result.stdout)];
    for (const line of variant.report) expect(texts.some((text) => line.test(text)), `${line}\n${result.stdout}`).toBe(true);
    if (!variant.named.length) expect(result.stdout).toContain("  breaking: none\n");
    expect(result.code).toBe(variant.named.length ? 1 : 0);
  });

  const together = () => (variant.named.length ? breaking : quiet);
  it(variant.typecheck.length ? `makes tsc fail in ${variant.typecheck.join(", ")}` : "makes tsc fail nowhere it did not say", () => {
    const failing = new Set(together().errors.map((e) => e.file));
    for (const file of variant.typecheck) expect(failing, file).toContain(file);
  });
});

describe("synthetic drift: every breaking change in one document", () => {
  it("regen writes the files, names the union of the tools, and exits 1", () => {
    expect(breaking.regen.stderr).toBe("");
    expect(breaking.regen.stdout).toMatch(/^wrote .*spec\/openapi\.json/m);
    expect(namedTools(breaking.regen.stdout)).toEqual([...new Set(BREAKING.flatMap((v) => v.named))].sort());
    expect(breaking.regen.code).toBe(1);
  });

  it("every type error is in a file of a tool the report named, and only where the changes said", () => {
    expect(breaking.errors.length).toBeGreaterThan(0);
    expect(unclaimedErrors(breaking.errors, namedTools(breaking.regen.stdout))).toEqual([]);
    expect([...new Set(breaking.errors.map((e) => e.file))].sort()).toEqual([...new Set(BREAKING.flatMap((v) => v.typecheck))].sort());
  });

  it("every sentence that points at `npm run typecheck` is borne out in the file it names", () => {
    expect(unfoundedClaims(breaking.regen.stdout, breaking.errors)).toEqual([]);
  });

  it("the server still builds and lists every tool: nothing throws as the manifest loads", () => {
    expect(breaking.build.stderr).toBe("");
    expect(breaking.build.code).toBe(0);
    expect(breaking.tools).toEqual(TOOLS);
  });
});

describe("synthetic drift: every other change in one document", () => {
  it("regen exits 0, and typecheck, build and tools/list all pass", () => {
    expect(quiet.regen.stdout).toContain("  breaking: none\n");
    expect(quiet.regen.code).toBe(0);
    expect(quiet.errors).toEqual([]);
    expect(quiet.build.code).toBe(0);
    expect(quiet.tools).toEqual(TOOLS);
  });
});
