// After a breaking regen the server may no longer start (a manifest entry calls what the regenerated field
// no longer has). `npm run build` records its code cache by starting the server, so that is where a user
// meets it: the build must fail with the server's own error, not the SDK's "Connection closed".

import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyProject, regen, removeCopy, REPO_ROOT, run, type RunResult } from "../support/project-copy.ts";

describe("npm run build after a regen that breaks a manifest entry at start-up", () => {
  let dir: string;
  let regenerated: RunResult;
  let build: RunResult;

  beforeAll(async () => {
    dir = await copyProject();
    // update_key unwraps LiteLLM's optional max_budget; required, it has no unwrap() and the import throws.
    const doc = JSON.parse(await readFile(join(dir, "spec/openapi.json"), "utf8"));
    doc.components.schemas.UpdateKeyRequest.required = ["max_budget"];
    await writeFile(join(dir, "drifted.json"), JSON.stringify(doc));
    regenerated = await regen(dir, "--from", "drifted.json");
    build = await run(dir, process.execPath, [join(REPO_ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/build.ts"]);
  });

  afterAll(async () => {
    if (dir) await removeCopy(dir);
  });

  it("regen reported the change as breaking update_key", () => {
    expect(regenerated.stdout).toContain("update_key: body field max_budget is now required, and the tool does not always send it.");
    expect(regenerated.code).toBe(1);
  });

  it("the build fails with the server's own error, naming the manifest entry", () => {
    expect(build.code).toBe(1);
    expect(build.stderr).toMatch(/^build: the built server does not start, so there is no code cache to record\.\n/);
    expect(build.stderr).toContain("dist/index.cjs did not answer initialize. Its stderr:\n");
    expect(build.stderr).toMatch(/TypeError: \S+\.max_budget\.unwrap is not a function\n\s+at src\/manifest\/update-key\.ts/);
    expect(build.stderr).not.toContain("McpError");
  });
});
