// A virtual key never travels in a URL, where every proxy and access log between the bridge and LiteLLM keeps
// it: every tool of every toolset is called with a real-looking key in each argument that names a key, and
// every request it makes (its own, and the reads it makes first to judge a write) is looked at. LiteLLM takes
// the key's sha256 wherever it takes the key.

import { describe, expect, it } from "vitest";
import { manifest } from "../../src/manifest/index.ts";
import { keyHash } from "../../src/litellm/key-hash.ts";
import { connect } from "../support/connect.ts";
import { HEALTHY_ANSWERS, HealthyState, SAMPLE_CALLS, routeOf } from "../support/healthy-litellm.ts";

const RAW_KEY = "sk-url-canary-Q2fA9xLm7PzR";

/** The sample call with every argument that names a key set to RAW_KEY. */
function withRawKey(args: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(args).map(([name, value]) => [name, name === "key" ? RAW_KEY : name === "keys" ? [RAW_KEY] : value]));
}

describe("no key in a URL", () => {
  const named = manifest.filter((tool) => "key" in tool.input.shape || "keys" in tool.input.shape);

  it.each(named.map((tool) => [tool.name]))("%s sends the key's hash wherever the key would be in a URL", async (name) => {
    const urls: string[] = [];
    const state = new HealthyState();
    const bridge = await connect(
      { LITELLM_MCP_TOOLSETS: "all", LITELLM_MCP_ALLOW_NO_EXPIRY: "true" },
      {
        fetch: async (input, init) => {
          const request = new Request(input, init);
          const url = new URL(request.url);
          urls.push(`${request.method} ${url.pathname}${url.search}`);
          const body = request.method === "GET" ? {} : ((await request.json()) as Record<string, unknown>);
          const answer = HEALTHY_ANSWERS[routeOf(manifest, request.method, url.pathname)]?.(body, url.searchParams, state) ?? {};
          return new Response(JSON.stringify(answer), { status: 200, headers: { "content-type": "application/json" } });
        },
      },
    );
    const args = withRawKey(SAMPLE_CALLS[name]!);
    await bridge.call(name, args);
    await bridge.close();
    expect(urls.length, `${name} made no request`).toBeGreaterThan(0);
    for (const url of urls) {
      expect(url).not.toContain(RAW_KEY);
      expect(url).not.toContain(encodeURIComponent(RAW_KEY));
    }
    // Where a URL names the key, it names it by hash.
    const naming = urls.filter((url) => url.includes(keyHash(RAW_KEY)));
    if (urls.some((url) => /^GET \/key\/info|\/reset_spend|api_key=/.test(url))) expect(naming.length).toBeGreaterThan(0);
  });
});
