// Breaking drift made by hand from the committed spec (so it runs everywhere): regen must name each change
// and its tool, exit 1, still write the files, and `tsc` must then fail in that tool's manifest file.

import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonObject } from "../../scripts/regen/json.ts";
import { copyProject, inBatches, regen, removeCopy, REPO_ROOT, SPEC_VERSION, typecheck, type RunResult } from "../support/project-copy.ts";

interface Variant {
  name: string;
  mutate: (doc: any) => void;
  /** The report line for the tool, and the breaking sentence. */
  reportLine: RegExp;
  breaking: string;
  manifestFile: string;
  /** True when the written spec/openapi.json carries the change. */
  written: (spec: any) => boolean;
}

const generateKeyRequest = (doc: any) => doc.components.schemas.GenerateKeyRequest;
const chatBody = (doc: any) => doc.paths["/chat/completions"].post.requestBody.content["application/json"].schema;

const variants: Variant[] = [
  {
    name: "GET /key/info removed",
    mutate: (doc) => delete doc.paths["/key/info"],
    reportLine: /^ {2}get_key_info +GET +\/key\/info +gone from the document!$/m,
    breaking: `get_key_info: GET /key/info is gone from LiteLLM ${SPEC_VERSION}.`,
    manifestFile: "src/manifest/get-key-info.ts",
    written: (spec) => spec.paths["/key/info"] === undefined,
  },
  {
    name: "body field user_id, which generate_key sends, renamed to owner_id",
    mutate: (doc) => {
      const props = generateKeyRequest(doc).properties;
      props.owner_id = props.user_id;
      delete props.user_id;
    },
    reportLine: /^ {2}generate_key +POST \/key\/generate +body: .*\+owner_id .*-user_id!/m,
    breaking: "generate_key: body field user_id is gone, and the tool sends it.",
    manifestFile: "src/manifest/generate-key.ts",
    written: (spec) => "owner_id" in generateKeyRequest(spec).properties && !("user_id" in generateKeyRequest(spec).properties),
  },
  {
    name: "optional body field user, which proxy_completion never sends, made required",
    mutate: (doc) => chatBody(doc).required.push("user"),
    reportLine: /^ {2}proxy_completion +POST \/chat\/completions +body: user:required!$/m,
    breaking: "proxy_completion: body field user is now required.",
    manifestFile: "src/manifest/proxy-completion.ts",
    written: (spec) => chatBody(spec).required.includes("user"),
  },
  {
    name: "body field max_budget, which generate_key sends, changed from number to string",
    mutate: (doc) => (generateKeyRequest(doc).properties.max_budget.anyOf[0] = { type: "string" }),
    reportLine: /^ {2}generate_key +POST \/key\/generate +body: max_budget:number→string!$/m,
    breaking: "generate_key: body field max_budget changed type from number to string, and the tool sends it.",
    manifestFile: "src/manifest/generate-key.ts",
    written: (spec) => generateKeyRequest(spec).properties.max_budget.anyOf[0].type === "string",
  },
];

interface Outcome {
  dir: string;
  regen: RunResult;
  tsc: RunResult;
  spec: JsonObject;
}

const outcomes = new Map<string, Outcome>();

beforeAll(async () => {
  const committed = await readFile(join(REPO_ROOT, "spec/openapi.json"), "utf8");
  const results = await inBatches(
    variants.map((variant) => async () => {
      const dir = await copyProject();
      const doc = JSON.parse(committed);
      variant.mutate(doc);
      await writeFile(join(dir, "drifted.json"), JSON.stringify(doc));
      const regenResult = await regen(dir, "--from", "drifted.json");
      const tsc = await typecheck(dir);
      const spec = JSON.parse(await readFile(join(dir, "spec/openapi.json"), "utf8"));
      return [variant.name, { dir, regen: regenResult, tsc, spec }] as const;
    }),
  );
  for (const [name, outcome] of results) outcomes.set(name, outcome);
}, 90_000);

afterAll(async () => {
  await Promise.all([...outcomes.values()].map((o) => removeCopy(o.dir)));
});

describe.each(variants)("synthetic drift: $name", (variant) => {
  it("is reported against its tool as breaking, and regen exits 1", () => {
    const { regen: result } = outcomes.get(variant.name)!;
    expect(result.stderr).toBe("");
    expect(result.stdout.split("\n")[0]).toBe(`LiteLLM ${SPEC_VERSION} → ${SPEC_VERSION}`);
    expect(result.stdout).toMatch(variant.reportLine);
    expect(result.stdout).toContain(`  breaking:\n    ${variant.breaking}\n`);
    expect(result.stdout).toContain("breaking drift: run `npm run typecheck`");
    expect(result.code).toBe(1);
  });

  it("still writes the new spec, so typecheck sees the drift", () => {
    const { spec, regen: result } = outcomes.get(variant.name)!;
    expect(variant.written(spec)).toBe(true);
    expect(result.stdout).toMatch(/^wrote .*spec\/openapi\.json/m);
  });

  it(`makes tsc fail in ${variant.manifestFile} and nowhere else`, () => {
    const { tsc } = outcomes.get(variant.name)!;
    expect(tsc.code).not.toBe(0);
    const errorFiles = [...tsc.stdout.matchAll(/^(\S+)\(\d+,\d+\): error TS\d+/gm)].map((m) => m[1]);
    expect(errorFiles.length).toBeGreaterThan(0);
    expect(new Set(errorFiles)).toEqual(new Set([variant.manifestFile]));
  });
});
