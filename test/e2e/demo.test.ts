// `npm run demo` as a newcomer runs it (the built server is already there: `npm test` builds first).
// Without LITELLM_HOST it must say it uses the stand-in and show all four tools answering; with
// LITELLM_HOST it must use that proxy instead.

import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { FakeLiteLLM } from "../support/fake-litellm.ts";

const TSX = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));
const DEMO = fileURLToPath(new URL("../../scripts/demo.ts", import.meta.url));

function demo(env: Record<string, string>) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(TSX, [DEMO], { env: { PATH: process.env.PATH ?? "", ...env }, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const toolsCalled = (stdout: string) => [...stdout.matchAll(/^→ (\w+) /gm)].map((m) => m[1]);

let proxy: FakeLiteLLM | undefined;
afterAll(() => proxy?.stop());

describe("npm run demo", () => {
  it("with no LITELLM_HOST: labels the stand-in, runs the four tools through the built server, prints each call and result", async () => {
    const run = await demo({});
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/started a local STAND-IN that answers like a LiteLLM proxy .*\n.*it is not LiteLLM/);
    expect(run.stdout).toMatch(/Spawned the built server over stdio: litellm-mcp \d+\.\d+\.\d+/);
    expect(toolsCalled(run.stdout)).toEqual(["list_models", "generate_key", "get_key_info", "proxy_completion"]);
    expect(run.stdout).toContain('"id": "mock-gpt"');
    expect(run.stdout).toMatch(/"key": "sk-minted-/);
    expect(run.stdout).toContain('"user_id": "litellm-mcp-demo"');
    expect(run.stdout).toContain('"text": "Hello from the stand-in (mock-gpt)"');
    expect(run.stdout).not.toMatch(/^← error/m);
    expect(run.stdout).toMatch(/Done: all four tools answered\.$/m);
  });

  it("with LITELLM_HOST set: runs against that proxy, and never prints its master key", async () => {
    const master = "sk-demo-test-canary-master-1414";
    proxy = await new FakeLiteLLM({ masterKey: master }).start();
    const run = await demo({ LITELLM_HOST: proxy.url, LITELLM_MASTER_KEY: master });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Running against your LiteLLM proxy at ${proxy.url}`);
    expect(run.stdout).not.toContain("STAND-IN");
    expect(proxy.requests.map((r) => `${r.method} ${r.path.split("?")[0]}`)).toEqual(["GET /models", "POST /key/generate", "GET /key/info", "POST /chat/completions"]);
    expect(run.stdout + run.stderr).not.toContain(master.slice(-8));
  });
});
