// The MCP Inspector's CLI lists the built server's tools and calls them: the server speaks MCP to a
// client we did not write, not only to our own test helpers.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeLiteLLM } from "../support/fake-litellm.ts";
import { runInspector } from "../support/inspector.ts";
import { manifest } from "../../src/manifest/index.ts";

const MASTER = "sk-inspector-canary-27182818";
let upstream: FakeLiteLLM;

beforeAll(async () => {
  upstream = await new FakeLiteLLM({ masterKey: MASTER, database: false }).start();
});
afterAll(() => upstream.stop());

describe("MCP Inspector CLI", () => {
  it("lists the tools", async () => {
    const run = await runInspector({ LITELLM_HOST: upstream.url, LITELLM_MASTER_KEY: MASTER }, ["--method", "tools/list"]);
    expect(run.code, run.stderr).toBe(0);
    const { tools } = JSON.parse(run.stdout) as { tools: { name: string }[] };
    // Without LITELLM_MCP_TOOLSETS: the default tools.
    expect(tools.map((t) => t.name).sort()).toEqual(manifest.filter((t) => t.byDefault).map((t) => t.name).sort());
  }, 200_000);

  it("calls list_models", async () => {
    const run = await runInspector({ LITELLM_HOST: upstream.url, LITELLM_MASTER_KEY: MASTER }, ["--method", "tools/call", "--tool-name", "list_models"]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).structuredContent.models.map((m: { id: string }) => m.id)).toEqual(["mock-gpt", "mock-claude"]);
    expect(run.stdout + run.stderr).not.toContain(MASTER);
  }, 200_000);

  it("shows the isError result when the proxy has no database for virtual keys", async () => {
    const run = await runInspector({ LITELLM_HOST: upstream.url, LITELLM_MASTER_KEY: MASTER }, [
      "--method", "tools/call", "--tool-name", "get_key_info", "--tool-arg", "key=sk-anything",
    ]);
    // Inspector 0.15 prints isError results and exits 0 (later releases, which need Node 22, exit 5).
    const result = JSON.parse(run.stdout) as { isError?: boolean; content: { text: string }[] };
    expect(result.isError).toBe(true);
    expect(result.content[0]!.text).toMatch(/no database connected, and virtual keys need one/);
  }, 200_000);
});
