// The benchmark's floor for tools/list size must be a faithful naive conversion, or the size ratio it
// reports means nothing: every parameter and body field present, $refs inlined, cycles cut.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { dereference, naiveTool, naiveTools, toolsListBytes } from "../../scripts/bench/naive-tools.ts";

const spec = JSON.parse(readFileSync(new URL("../../spec/openapi.json", import.meta.url), "utf8"));
const operations = JSON.parse(readFileSync(new URL("../../spec/operations.json", import.meta.url), "utf8"));

describe("naive OpenAPI→MCP conversion (benchmark floor)", () => {
  it("exposes every body field and parameter of POST /key/generate, with nothing left as a $ref", () => {
    const tool = naiveTool(spec, { method: "post", path: "/key/generate" });
    const bodyFields = Object.keys(spec.components.schemas.GenerateKeyRequest.properties);
    const headerParams = spec.paths["/key/generate"].post.parameters.map((p: { name: string }) => p.name);
    expect(Object.keys(tool.inputSchema.properties as object).sort()).toEqual([...bodyFields, ...headerParams].sort());
    expect(tool.name).toBe(spec.paths["/key/generate"].post.operationId);
    expect(JSON.stringify(tool)).not.toContain('"$ref"');
  });

  it("keeps required body fields required (POST /chat/completions: model, messages)", () => {
    const tool = naiveTool(spec, { method: "post", path: "/chat/completions" });
    expect(tool.inputSchema.required).toEqual(["model", "messages"]);
  });

  it("makes one tool per listed operation", () => {
    const tools = naiveTools(spec, operations);
    expect(tools).toHaveLength(operations.length);
    expect(toolsListBytes(tools)).toBe(Buffer.byteLength(JSON.stringify({ tools })));
  });

  it("stops on cyclic schemas instead of recursing forever", () => {
    const doc = {
      components: {
        schemas: {
          Team: { type: "object", properties: { models: { type: "array", items: { $ref: "#/components/schemas/Model" } } } },
          Model: { type: "object", properties: { team: { $ref: "#/components/schemas/Team" } } },
        },
      },
    };
    const inlined = dereference(doc, { $ref: "#/components/schemas/Team" });
    expect(inlined).toEqual({
      type: "object",
      properties: { models: { type: "array", items: { type: "object", properties: { team: { $ref: "#/components/schemas/Team" } } } } },
    });
  });
});
