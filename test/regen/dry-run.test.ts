// `--dry-run` is how the live-proxy suite compares a real proxy with the committed spec: it prints the
// drift report and sets the exit code like a regen, but must never write a byte.

import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyProject, hashGenerated, regen, removeCopy, SPEC_VERSION } from "../support/project-copy.ts";
import { breakingSentences } from "../support/drift-report-text.ts";
import { serveText } from "../support/serve.ts";

describe("regen --dry-run from a URL", () => {
  let dir: string;
  let committed: Record<string, string>;
  let spec: any;

  beforeAll(async () => {
    dir = await copyProject();
    committed = await hashGenerated(dir);
    spec = JSON.parse(await readFile(join(dir, "spec/openapi.json"), "utf8"));
  });

  afterAll(async () => {
    if (dir) await removeCopy(dir);
  });

  async function dryRun(doc: unknown) {
    const served = await serveText(JSON.stringify(doc), "application/json");
    try {
      return await regen(dir, "--from", served.url, "--dry-run");
    } finally {
      await served.close();
    }
  }

  it("reports additive drift, exits 0 and writes nothing", async () => {
    const doc = structuredClone(spec);
    doc.info.version = `${SPEC_VERSION}-next`;
    doc.components.schemas.GenerateKeyRequest.properties.rotation_policy = { type: "string" };
    const result = await dryRun(doc);
    expect(result.stdout.split("\n")[0]).toBe(`LiteLLM ${SPEC_VERSION} → ${SPEC_VERSION}-next`);
    expect(result.stdout).toMatch(/^ {2}Does not affect the tools .*\n {4}generate_key \(POST \/key\/generate\)\n {6}body: \+rotation_policy$/m);
    expect(result.stdout).toContain("  breaking: none\n");
    expect(result.stdout).toMatch(/^--dry-run: nothing written \(a regen would rewrite .*spec\/openapi\.json.*\)\.$/m);
    expect(result.code).toBe(0);
    expect(await hashGenerated(dir)).toEqual(committed);
  });

  it("reports breaking drift, exits 1 and still writes nothing", async () => {
    const doc = structuredClone(spec);
    delete doc.paths["/models"];
    const result = await dryRun(doc);
    expect(result.stdout).toMatch(/^ {4}list_models \(GET \/models\): gone from the document!$/m);
    // generate_key and regenerate_key read it too, to refuse models the proxy does not serve; check_model_health
    // to hold a health check to a name LiteLLM serves, under LITELLM_MCP_ALLOWED_MODELS.
    const around = (tool: string) => `${tool}: GET /models is gone from LiteLLM ${SPEC_VERSION}, and the tool calls it around its own (its entry's around.calls): \`npm run typecheck\` fails where it is called.`;
    expect(breakingSentences(result.stdout)).toEqual([
      around("check_model_health"),
      around("generate_key"),
      `list_models: GET /models is gone from LiteLLM ${SPEC_VERSION}: \`npm run typecheck\` fails in src/manifest/models/list-models.ts.`,
      around("regenerate_key"),
    ]);
    expect(result.code).toBe(1);
    expect(await hashGenerated(dir)).toEqual(committed);
  });
});
