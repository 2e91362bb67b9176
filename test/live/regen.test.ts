// `npm run regen` pointed at a running proxy's /openapi.json: it must read the live document, report how it
// differs from the committed spec/, succeed, and leave the committed files alone when not asked to write.

import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, inject, it } from "vitest";
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

function regen(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile("npm", ["run", "--silent", "regen", "--", ...args], { cwd: ROOT, timeout: 240_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, output: `${stdout}\n${stderr}` }),
    );
  });
}

describe.skipIf(!proxy)("regen from a live proxy", () => {
  const source = `${proxy?.url}/openapi.json`;

  it("serves the OpenAPI document of the pinned LiteLLM release", async () => {
    const document = (await (await fetch(source)).json()) as { info: { version: string }; paths: Record<string, unknown> };
    expect(document.info.version).toBe(LITELLM_VERSION);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(["/key/generate", "/key/info", "/models", "/chat/completions"]));
  });

  it("pulls the live document, prints the drift report against spec/, and writes nothing", async () => {
    const before = snapshot();
    const run = await regen(["--dry-run", "--from", source]);
    // 0: no drift that breaks the bridge; 1: breaking drift, spelled out in the report. Never 2 (unusable source).
    expect([0, 1], run.output).toContain(run.code);
    expect(run.output).toMatch(new RegExp(`^LiteLLM \\S+ → ${LITELLM_VERSION.replaceAll(".", "\\.")}$`, "m"));
    expect(run.output).toMatch(/^ {2}breaking:/m);
    expect(run.output).toMatch(/^--dry-run: nothing written/m);
    expect(snapshot()).toEqual(before);
  }, 240_000);
});
