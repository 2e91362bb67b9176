// The MCP Inspector's CLI lists the built server's tools and calls them, over stdio and over --http, in each
// protocol era it speaks: the server speaks MCP to a client we did not write, not only to our own helpers.
// Inspector 2.x (on Node 22) speaks both eras; on a machine without Node 22 the suite runs 0.15, 2025 only.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeLiteLLM } from "../support/fake-litellm.ts";
import { inspector, INSPECTOR_2, runInspector, type Target } from "../support/inspector.ts";
import { startHttpInstance, type HttpInstance } from "../support/spawn-http.ts";
import { manifest } from "../../src/manifest/index.ts";

const MASTER = "sk-inspector-canary-27182818";
const TOKEN = "tok-inspector-canary-0123456789";
let upstream: FakeLiteLLM;
let http: HttpInstance;

beforeAll(async () => {
  if (inspector.fallback) console.warn(`MCP Inspector 2.x not run (${inspector.fallback}); running ${inspector.package} over stdio instead.`);
  upstream = await new FakeLiteLLM({ masterKey: MASTER, database: false }).start();
  http = await startHttpInstance([], { LITELLM_HOST: upstream.url, LITELLM_MASTER_KEY: MASTER, LITELLM_MCP_HTTP_TOKEN: TOKEN });
});
afterAll(async () => {
  await http.stop();
  await upstream.stop();
});

const transports = (era: "legacy" | "modern"): [string, () => Target][] => [
  ["stdio", () => ({ era, env: { LITELLM_HOST: upstream.url, LITELLM_MASTER_KEY: MASTER } })],
  // Only 2.x is pinned for HTTP here: 0.15 is the Node 20 fallback for stdio alone.
  ...(inspector.package === INSPECTOR_2 ? [["--http", () => ({ era, url: http.url, headers: { authorization: `Bearer ${TOKEN}` } })] as [string, () => Target]] : []),
];

describe.each(inspector.eras)(`MCP Inspector CLI (${inspector.package}), era %s`, (era) => {
  describe.each(transports(era))("over %s", (_transport, target) => {
    it("lists the tools", async () => {
      const run = await runInspector(target(), ["--method", "tools/list"]);
      expect(run.code, run.stderr).toBe(0);
      const { tools } = run.result as { tools: { name: string }[] };
      // Without LITELLM_MCP_TOOLSETS: the default tools.
      expect(tools.map((t) => t.name).sort()).toEqual(manifest.filter((t) => t.byDefault).map((t) => t.name).sort());
    }, 200_000);

    it("calls list_models, in the era it asked for", async () => {
      const run = await runInspector(target(), ["--method", "tools/call", "--tool-name", "list_models"]);
      expect(run.code, run.stderr).toBe(0);
      expect((run.result!.structuredContent as { models: { id: string }[] }).models.map((m) => m.id)).toEqual(["mock-gpt", "mock-claude"]);
      // A 2026-07-28 server names itself in every result's _meta; a 2025-11-25 one does so only at initialize.
      expect(run.result!._meta).toEqual(era === "modern" ? { "io.modelcontextprotocol/serverInfo": { name: "litellm-mcp", version: expect.any(String) } } : undefined);
      expect(run.stdout + run.stderr).not.toContain(MASTER);
    }, 200_000);

    it("shows the isError result when the proxy has no database for virtual keys", async () => {
      const run = await runInspector(target(), ["--method", "tools/call", "--tool-name", "get_key_info", "--tool-arg", "key=sk-anything"]);
      // 2.x exits 5 for an isError result; 0.15 prints it and exits 0.
      expect(run.code).toBe(inspector.package === INSPECTOR_2 ? 5 : 0);
      const result = run.result as { isError?: boolean; content: { text: string }[] };
      expect(result.isError).toBe(true);
      expect(result.content[0]!.text).toMatch(/no database connected, and virtual keys need one/);
    }, 200_000);
  });
});
