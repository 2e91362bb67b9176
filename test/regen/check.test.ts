// `npm run regen -- --check` is the CI gate: it passes on a clean tree and fails on a hand edit or a different
// release, writing nothing. That it passes from the release spec/ was made from is the live suite's to show:
// that document comes from the pinned proxy it starts.

import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { breakingSentences } from "../support/drift-report-text.ts";
import { copyProject, documentVersion, hashGenerated, OPENAPI_1_88_0, regen, removeCopy, SPEC_VERSION } from "../support/project-copy.ts";

describe("regen --check", () => {
  let dir: string;
  let clean: Record<string, string>;

  beforeAll(async () => {
    dir = await copyProject();
    clean = await hashGenerated(dir);
  });

  afterAll(async () => {
    if (dir) await removeCopy(dir);
  });

  it("passes on a clean tree", async () => {
    const result = await regen(dir, "--check");
    expect(result.stdout).toContain(`spec/ and generated/ are current (LiteLLM ${SPEC_VERSION}, from spec/openapi.json).`);
    expect(result.code).toBe(0);
  });

  it("fails on a hand edit of a generated file, names it, and leaves it as it was", async () => {
    const file = join(dir, "generated/request-schemas.ts");
    const original = await readFile(file, "utf8");
    const edited = original.replace(`get "user_id"() { return z.string().optional(); }`, `get "user_id"() { return z.string().min(3).optional(); }`);
    expect(edited).not.toBe(original);
    await writeFile(file, edited);
    try {
      const result = await regen(dir, "--check");
      expect(result.stderr).toContain("Out of date or edited by hand: generated/request-schemas.ts.");
      expect(result.stderr).toContain("Regenerate with: npm run regen -- --from <the LiteLLM document>");
      expect(result.code).toBe(1);
      expect(await readFile(file, "utf8")).toBe(edited);
    } finally {
      await writeFile(file, original);
    }
  });

  it("fails against another release, shows its drift, and writes nothing", async () => {
    const result = await regen(dir, "--check", "--from", OPENAPI_1_88_0);
    expect(result.stdout.split("\n")[0]).toBe(`LiteLLM ${SPEC_VERSION} → ${documentVersion(OPENAPI_1_88_0)} (a downgrade: older than the release spec/ came from)`);
    expect(result.stderr).toContain("Out of date or edited by hand: generated/litellm-api.ts, generated/request-schemas.ts");
    expect(result.stderr).toContain(`Regenerate with: npm run regen -- --from ${OPENAPI_1_88_0}`);
    expect(result.code).toBe(1);
    expect(await hashGenerated(dir)).toEqual(clean);
  });

  it("passing while the report has breaking lines, says why it passes", async () => {
    // A listed operation the document lacks is breaking on every run, --check included.
    const other = await copyProject();
    try {
      const listFile = join(other, "spec/operations.json");
      const listed = JSON.parse(await readFile(listFile, "utf8"));
      await writeFile(listFile, JSON.stringify([...listed, { tool: "frobnicate_key", method: "post", path: "/key/frobnicate" }]));
      expect((await regen(other, "--from", "spec/openapi.json")).code).toBe(1);
      const result = await regen(other, "--check");
      expect(breakingSentences(result.stdout)).toEqual([`frobnicate_key: LiteLLM ${SPEC_VERSION} has no POST /key/frobnicate: no manifest entry calls it yet (the entry was added by hand).`]);
      expect(result.stdout).toContain("are current");
      expect(result.stdout.replace(/\n  /g, " ")).toContain(
        "--check passes all the same: the breaking lines above are already in the committed spec/, and --check asks only whether spec/ and generated/ are what regen writes from this document.",
      );
      expect(result.code).toBe(0);
    } finally {
      await removeCopy(other);
    }
  });

  it("refuses --check with --dry-run", async () => {
    const result = await regen(dir, "--check", "--dry-run");
    expect(result.stderr).toMatch(/^--check and --dry-run cannot be combined/);
    expect(result.code).toBe(2);
  });
});
