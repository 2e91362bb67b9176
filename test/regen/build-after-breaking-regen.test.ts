// After a breaking regen, the manifest's zod calls on a changed generated field would throw as the server
// loads (update_key unwraps LiteLLM's optional max_budget; required, a number has no unwrap()), and
// `npm run build`, which starts the server to record its code cache, would fail for every tool. Regen
// writes a stand-in for such a field instead: the compiler still fails at the call, the build passes, the
// server lists every tool, and only that one argument refuses values until the manifest is fixed.

import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, lightCopy, TOOLS } from "../support/drift-rule.ts";
import { regenInProcess, removeCopy, typecheckSources, type RunResult, type TypeError } from "../support/project-copy.ts";
import { spawnServer, type Spawned } from "../support/spawn-server.ts";

describe("npm run build after a regen that changes a field a manifest entry calls zod on", () => {
  let dir: string;
  let regenerated: RunResult;
  let errors: TypeError[];
  let built: RunResult;
  let server: Spawned;

  beforeAll(async () => {
    dir = await lightCopy();
    const doc = JSON.parse(await readFile(join(dir, "spec/openapi.json"), "utf8"));
    doc.components.schemas.UpdateKeyRequest.required = ["max_budget"];
    await writeFile(join(dir, "drifted.json"), JSON.stringify(doc));
    regenerated = await regenInProcess(dir, "--from", join(dir, "drifted.json"));
    [errors, built] = [(await typecheckSources([dir])).get(dir)!, await build(dir)];
    server = await spawnServer({ LITELLM_MCP_TOOLSETS: "all", LITELLM_MASTER_KEY: "sk-master-unused", LITELLM_HOST: "http://127.0.0.1:9" }, join(dir, "dist/index.cjs"));
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    if (dir) await removeCopy(dir);
  });

  it("regen names update_key, and the compiler fails at its call", () => {
    expect(regenerated.stdout).toContain("update_key: LiteLLM");
    expect(regenerated.code).toBe(1);
    expect(errors).toEqual([{ file: "src/manifest/keys/update-key.ts", line: expect.stringContaining("litellm.max_budget.unwrap()"), message: expect.stringContaining("Property 'unwrap' does not exist") }]);
  });

  it("the build passes and the server lists every tool", async () => {
    expect(built.stderr).toBe("");
    expect(built.code).toBe(0);
    expect((await server.client.listTools()).tools.map((t) => t.name).sort()).toEqual(TOOLS);
  });

  it("update_key refuses only the argument built on the changed field, saying why", async () => {
    const refused = await server.call("update_key", { key: "sk-some-key", max_budget: 5 });
    expect(refused.isError).toBe(true);
    expect(JSON.stringify(refused.content)).toContain("POST /key/update body field max_budget no longer fits how src/manifest/keys/update-key.ts uses it");
  });
});
