// The README's tool reference says what the server does, written once: its generated sections are what
// `npm run docs` writes from the manifest and tools/list, every example call and answer in a tool's own
// section fits that tool's schemas as the server lists them (ajv), and the Quick start's first answer is
// what the stand-in it points to answers.

import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import type { Tool as ListedTool } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listedTools } from "../../scripts/docs/listed-tools.ts";
import { staleSections } from "../../scripts/docs/readme-sections.ts";
import { connect, type Connected } from "../support/connect.ts";
import { FakeLiteLLM } from "../support/fake-litellm.ts";

const README = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

interface Example {
  /** The tools the section's heading names: the example is a call or an answer of one of them. */
  tools: string[];
  heading: string;
  value: unknown;
}

/** JSON blocks in the sections whose heading names tools (`### \`get_key_info\``, `### Teams: \`list_teams\`, …`). */
function examples(): Example[] {
  const found: Example[] = [];
  let tools: string[] = [];
  let heading = "";
  for (const m of README.matchAll(/^(#{1,6} .*)$|^```json\n([\s\S]*?)^```$/gm)) {
    if (m[1]) {
      heading = m[1];
      tools = [...heading.matchAll(/`([a-z_]+)`/g)].map((n) => n[1]!);
    } else if (tools.length > 0) found.push({ tools, heading, value: JSON.parse(m[2]!) });
  }
  return found;
}

describe("the README's tool reference", () => {
  let tools: Map<string, ListedTool>;
  const ajv = new Ajv({ allErrors: true, strict: false });

  beforeAll(async () => {
    tools = new Map((await listedTools("all")).tools.map((tool) => [tool.name, tool]));
  });

  it("holds in its generated sections what `npm run docs` writes now", async () => {
    expect(await staleSections(README), "run `npm run docs`").toEqual([]);
  });

  it("has examples in the tools' own sections", () => {
    expect(new Set(examples().flatMap((e) => e.tools)).size).toBeGreaterThan(20);
  });

  it.each(examples().map((e, i) => [`${e.heading} #${i}`, e] as const))("%s: the example is a call or an answer a named tool's schemas accept", (_, example) => {
    const errors: string[] = [];
    const fits = example.tools.some((name) => {
      const tool = tools.get(name);
      expect(tool, `${name} is no tool of this server`).toBeDefined();
      if (ajv.validate(tool!.inputSchema, example.value)) return true;
      errors.push(`${name} call: ${ajv.errorsText()}`);
      if (tool!.outputSchema !== undefined && ajv.validate(tool!.outputSchema, example.value)) return true;
      errors.push(`${name} answer: ${ajv.errorsText()}`);
      return false;
    });
    expect(fits, `${JSON.stringify(example.value)}\n${errors.join("\n")}`).toBe(true);
  });
});

describe("the Quick start's first call", () => {
  let standIn: FakeLiteLLM;
  let bridge: Connected;
  beforeAll(async () => {
    standIn = await new FakeLiteLLM({ masterKey: "sk-readme-docs-master" }).start();
    bridge = await connect({ LITELLM_HOST: standIn.url, LITELLM_MASTER_KEY: "sk-readme-docs-master" });
  });
  afterAll(async () => {
    await bridge?.close();
    await standIn?.stop();
  });

  it("shows what list_models answers from the stand-in", async () => {
    const section = README.slice(README.indexOf("**4. First call.**"));
    const shown = JSON.parse(/```json\n([\s\S]*?)^```$/m.exec(section)![1]!);
    expect((await bridge.call("list_models", {})).structuredContent).toEqual(shown);
  });
});
