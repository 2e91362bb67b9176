// What users get from a plain `pip install 'litellm[proxy]'`, which lacks the `prisma` package: with no
// database, LiteLLM's key routes crash into bare text/plain 500s. A second proxy, with `prisma` shadowed
// by a module that fails to import, shows that the bridge names the cause instead of blaming LITELLM_HOST.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { textOf } from "../support/connect.ts";
import { startLiteLLMProxy, type RunningProxy } from "../support/litellm-proxy.ts";
import { spawnServer, type Spawned } from "../support/spawn-server.ts";

describe.skipIf(!inject("liveProxy"))("a real LiteLLM proxy installed without prisma", () => {
  let shadow: string;
  let proxy: RunningProxy | undefined;
  let server: Spawned | undefined;

  beforeAll(async () => {
    shadow = mkdtempSync(join(tmpdir(), "no-prisma-"));
    mkdirSync(join(shadow, "prisma"));
    writeFileSync(join(shadow, "prisma", "__init__.py"), `raise ModuleNotFoundError("No module named 'prisma'", name="prisma")\n`);
    proxy = await startLiteLLMProxy({ env: { PYTHONPATH: shadow } });
    server = await spawnServer({ LITELLM_HOST: proxy.url, LITELLM_MASTER_KEY: proxy.masterKey });
  });

  afterAll(async () => {
    await server?.close();
    await proxy?.stop();
    rmSync(shadow, { recursive: true, force: true });
  });

  it("really answers key routes with a bare text/plain 500 (the condition under test)", async () => {
    const response = await fetch(`${proxy!.url}/key/info?key=sk-anything`, { headers: { authorization: `Bearer ${proxy!.masterKey}` } });
    expect(response.status).toBe(500);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await response.text()).toBe("Internal Server Error");
  });

  it.each([
    ["generate_key", { models: ["mock-gpt"], user_id: "live-user", duration: "1h" }],
    ["get_key_info", { key: "sk-live-anything-1234567890" }],
  ])("%s says LiteLLM crashed and how to get the real reason", async (tool, args) => {
    const result = await server!.call(tool, args);
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toMatch(/^LiteLLM crashed while handling the call \(HTTP 500.*pip install prisma/);
    expect(text).not.toContain(proxy!.masterKey.slice(-8));
  });

  it("still lists models: only the key routes need what is missing", async () => {
    const result = await server!.call("list_models", {});
    expect(result.isError).toBeFalsy();
  });
});
