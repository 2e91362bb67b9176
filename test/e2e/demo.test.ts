// `npm run demo` as a newcomer runs it (the built server is already there: `npm test` builds first).
// Without LITELLM_HOST it must say it uses the stand-in and show every tool answering; with LITELLM_HOST
// it must use that proxy instead, skip what costs money or needs an Enterprise license, and clean up.

import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { FakeLiteLLM } from "../support/fake-litellm.ts";
import { TOUR } from "../support/tool-tour.ts";

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
  it("with no LITELLM_HOST: labels the stand-in, calls every tool through the built server, prints each call and result", async () => {
    const run = await demo({});
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/started a local STAND-IN that answers like a LiteLLM proxy .*\n.*it is not LiteLLM/);
    expect(run.stdout).toMatch(/Spawned the built server over stdio: litellm-mcp \d+\.\d+\.\d+/);
    expect(toolsCalled(run.stdout)).toEqual(TOUR.map((step) => step.tool));
    expect(run.stdout).toContain('"id":"mock-gpt"');
    expect(run.stdout).toMatch(/"key":"sk-minted-/);
    expect(run.stdout).toContain('"user_id":"litellm-mcp-demo"');
    expect(run.stdout).toContain('"text":"Hello from the stand-in (mock-gpt)"');
    expect(run.stdout).not.toMatch(/^← error/m);
    expect(run.stdout).toMatch(new RegExp(`Done: ${TOUR.length} tools answered\\.$`, "m"));
  });

  it("with LITELLM_HOST set: runs against that proxy, and never prints its master key", async () => {
    const master = "sk-demo-test-canary-master-1414";
    proxy = await new FakeLiteLLM({ masterKey: master }).start();
    const run = await demo({ LITELLM_HOST: proxy.url, LITELLM_MASTER_KEY: master });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Running against your LiteLLM proxy at ${proxy.url}`);
    expect(run.stdout).not.toContain("STAND-IN");
    const skipped = TOUR.filter((step) => step.standInOnly).map((step) => step.tool);
    expect(toolsCalled(run.stdout)).toEqual(TOUR.map((step) => step.tool).filter((tool) => !skipped.includes(tool)));
    for (const tool of skipped) expect(run.stdout).toMatch(new RegExp(`^→ ${tool}: skipped against a real proxy: .+`, "m"));
    // Nothing paid for, nothing that needs Enterprise; the key it minted is deleted at the end.
    const routes = proxy.requests.map((r) => `${r.method} ${r.path.split("?")[0]}`);
    expect(routes).not.toContain("GET /health");
    expect(routes).not.toContain("POST /key/regenerate");
    // delete_key reads before and after its delete which keys LiteLLM holds.
    expect(routes.slice(-3)).toEqual(["GET /key/list", "POST /key/delete", "GET /key/list"]);
    expect(proxy.state.rows()).toEqual([]);
    expect(run.stdout + run.stderr).not.toContain(master.slice(-8));
  });
});
