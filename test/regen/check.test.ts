// `npm run regen -- --check` is the CI gate: it passes on a clean tree, from the committed spec or from the
// release it was made from (file or URL), and fails on a hand edit or a different release, writing nothing.

import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyProject, hashGenerated, OPENAPI_1_80_17, OPENAPI_1_88_0, regen, removeCopy, sharedLitellmMissing } from "../support/project-copy.ts";
import { serveText } from "../support/serve.ts";

const skipShared = sharedLitellmMissing("--check against the real 1.88.0 document");

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
    expect(result.stdout).toContain("spec/ and generated/ are current (LiteLLM 1.88.0, from spec/openapi.json).");
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

  it.skipIf(skipShared)("passes from the release the files were made from, as a file and as a URL", async () => {
    const fromFile = await regen(dir, "--check", "--from", OPENAPI_1_88_0);
    expect(fromFile.stdout).toContain(`are current (LiteLLM 1.88.0, from ${OPENAPI_1_88_0})`);
    expect(fromFile.code).toBe(0);
    const served = await serveText(await readFile(OPENAPI_1_88_0, "utf8"), "application/json");
    try {
      const fromUrl = await regen(dir, "--check", "--from", served.url);
      expect(fromUrl.stdout).toContain(`are current (LiteLLM 1.88.0, from ${served.url})`);
      expect(fromUrl.code).toBe(0);
    } finally {
      await served.close();
    }
  });

  it.skipIf(skipShared)("fails against another release, shows its drift, and writes nothing", async () => {
    const result = await regen(dir, "--check", "--from", OPENAPI_1_80_17);
    expect(result.stdout).toMatch(/^LiteLLM 1\.88\.0 → 1\.80\.17$/m);
    expect(result.stderr).toContain("Out of date or edited by hand: generated/litellm-api.ts, generated/request-schemas.ts");
    expect(result.stderr).toContain(`Regenerate with: npm run regen -- --from ${OPENAPI_1_80_17}`);
    expect(result.code).toBe(1);
    expect(await hashGenerated(dir)).toEqual(clean);
  });

  it("refuses --check with --dry-run", async () => {
    const result = await regen(dir, "--check", "--dry-run");
    expect(result.stderr).toMatch(/^--check and --dry-run cannot be combined/);
    expect(result.code).toBe(2);
  });
});
