// spec/ in lockstep with the LiteLLM the project pins: `npm run regen -- --check --from` the running proxy's
// /openapi.json (what a user runs, and what CI runs through this suite) must pass, so bumping the pin
// without regenerating, or regenerating from another release, fails here with the drift report.

import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, inject, it } from "vitest";
import { specInfo } from "../../generated/spec-info.ts";
import { LITELLM_VERSION } from "../../scripts/litellm-pin.ts";

const proxy = inject("liveProxy");
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** path → sha256 of every file under spec/ and generated/, plus any regen staging folder left behind. */
function snapshot(): Record<string, string> {
  const hashes: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else hashes[relative(ROOT, path)] = createHash("sha256").update(readFileSync(path)).digest("hex");
    }
  };
  walk(join(ROOT, "spec"));
  walk(join(ROOT, "generated"));
  for (const entry of readdirSync(ROOT)) if (entry.startsWith(".regen-")) hashes[entry] = "staging folder";
  return hashes;
}

/** `npm run regen -- ...args` in the worktree, exactly as a user or CI types it. */
function npmRegen(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile("npm", ["run", "--silent", "regen", "--", ...args], { cwd: ROOT, timeout: 240_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe.skipIf(!proxy)("spec/ and the pinned LiteLLM", () => {
  const source = `${proxy?.url}/openapi.json`;

  it("the proxy serves the pinned release's document, the release spec/ was made from", async () => {
    const document = (await (await fetch(source)).json()) as { info: { version: string }; paths: Record<string, unknown> };
    expect(document.info.version).toBe(LITELLM_VERSION);
    expect(specInfo.litellmVersion).toBe(LITELLM_VERSION);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(specInfo.operations.map((label) => label.split(" ")[1]!)));
  });

  it("`npm run regen -- --check --from` the live proxy passes, reports no drift, and writes nothing", async () => {
    const before = snapshot();
    const run = await npmRegen(["--check", "--from", source]);
    expect(run.stderr).toBe("");
    expect(run.stdout.split("\n")[0]).toBe(`LiteLLM ${LITELLM_VERSION} → ${LITELLM_VERSION} (same release)`);
    expect(run.stdout).toMatch(/^ {2}Unchanged: /m);
    expect(run.stdout).not.toMatch(/^ {2}(Affects the tools|Does not affect the tools):/m);
    expect(run.stdout).toContain("  breaking: none\n");
    expect(run.stdout).toContain(`spec/ and generated/ are current (LiteLLM ${LITELLM_VERSION}, from ${source}).`);
    expect(run.code).toBe(0);
    expect(snapshot()).toEqual(before);
  }, 240_000);

  it("passes from the same document saved to a file", async () => {
    const text = await (await fetch(source)).text();
    const file = join(tmpdir(), `litellm-openapi-${process.pid}.json`);
    await writeFile(file, text);
    const run = await npmRegen(["--check", "--from", file]);
    expect(run.stdout).toContain(`spec/ and generated/ are current (LiteLLM ${LITELLM_VERSION}, from ${file}).`);
    expect(run.code).toBe(0);
  }, 240_000);
});
