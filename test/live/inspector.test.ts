// The MCP Inspector's CLI — a client nobody in this project wrote — lists the built server's tools and calls
// list_models against the real proxy, in each protocol era it speaks (2.x on Node 22: both; 0.15 on Node 20: 2025).

import { describe, expect, inject, it } from "vitest";
import { inspector, runInspector } from "../support/inspector.ts";

const proxy = inject("liveProxy");

describe.skipIf(!proxy).each(inspector.eras)(`MCP Inspector CLI (${inspector.package}) against a real LiteLLM proxy, era %s`, (era) => {
  const target = () => ({ era, env: { LITELLM_HOST: proxy?.url ?? "", LITELLM_MASTER_KEY: proxy?.masterKey ?? "" } });

  it("lists the tools", async () => {
    const run = await runInspector(target(), ["--method", "tools/list"]);
    expect(run.code, run.stderr).toBe(0);
    const { tools } = run.result as { tools: { name: string }[] };
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(["generate_key", "get_key_info", "list_models", "proxy_completion"]));
  }, 200_000);

  it("calls list_models and gets the proxy's configured models", async () => {
    const run = await runInspector(target(), ["--method", "tools/call", "--tool-name", "list_models"]);
    expect(run.code, run.stderr).toBe(0);
    const result = run.result as { isError?: boolean; structuredContent: { models: { id: string }[] } };
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent.models.map((m) => m.id).sort()).toEqual(proxy!.models.map((m) => m.name).sort());
    expect(run.stdout + run.stderr).not.toContain(proxy!.masterKey);
  }, 200_000);
});
