// Loads a project copy's manifest at run time, as the server does, and prints the request each tool builds
// for a sample call: proof that code generated from another LiteLLM release works, not only type-checks.
// Usage: tsx test/support/manifest-smoke.ts <project root>

import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Tool } from "../../src/manifest/define-tool.ts";

const samples: Record<string, Record<string, unknown>> = {
  generate_key: { models: ["mock-gpt"], user_id: "litellm-mcp-demo", duration: "1h", max_budget: 5 },
  get_key_info: { key: "sk-test" },
  list_models: {},
  proxy_completion: { model: "mock-gpt", messages: [{ role: "user", content: "hi" }], key: "sk-test", max_tokens: 5 },
};

const root = process.argv[2] ?? ".";
const { manifest } = (await import(pathToFileURL(join(root, "src/manifest/index.ts")).href)) as { manifest: Tool[] };
// Every tool is loaded (its name listed); the sampled ones also build a request through their input schema.
const requests = manifest
  .filter((tool) => samples[tool.name] !== undefined)
  .map((tool) => ({ tool: tool.name, request: tool.buildRequest(tool.input.parse(samples[tool.name])) }));
console.log(JSON.stringify({ tools: manifest.map((tool) => tool.name), requests }));
