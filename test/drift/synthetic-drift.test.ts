// Drift made by hand from the committed spec (so it runs everywhere): for each change on its own, regen
// must name it and its tool and exit 1 (0 for the change that breaks nothing); with all of them in one
// document, regen must still write the files and the compiler must then fail exactly at the lines the
// changes affect, and nowhere else. The changes touch different fields, so each error belongs to one.
// Cost, so that a busy machine stays well inside the hook's limit: regen's command run in this process
// (scripts/regen/command.ts, what `npm run regen` runs; the tests in test/regen spawn the command itself)
// once per change and once for all, and one type-check, of the server's sources only, beside them.

import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonObject } from "../../scripts/regen/json.ts";
import { copyProject, regenInProcess, removeCopy, REPO_ROOT, SPEC_VERSION, typecheckSources, type RunResult, type TypeError } from "../support/project-copy.ts";

interface Variant {
  name: string;
  mutate: (doc: any) => void;
  /** The report's lines for the tool (its entry and the part that changed), as one pattern. */
  reportLines: RegExp;
  /** The breaking sentences, in report order; none for a change that breaks nothing. */
  breaking: string[];
  /** Where tsc must fail: file → a pattern the offending lines match (and no other change's do). */
  errors: Record<string, RegExp>;
  /** True when the written spec/openapi.json carries the change. */
  written: (spec: any) => boolean;
}

const schemas = (doc: any) => doc.components.schemas;
const chatBody = (doc: any) => doc.paths["/chat/completions"].post.requestBody.content["application/json"].schema;
const healthModel = (doc: any) => doc.paths["/health"].get.parameters.find((p: any) => p.name === "model");

const variants: Variant[] = [
  {
    name: "GET /key/info removed",
    mutate: (doc) => delete doc.paths["/key/info"],
    reportLines: /^ {4}get_key_info \(GET \/key\/info\): gone from the document!$/m,
    breaking: [`get_key_info: GET /key/info is gone from LiteLLM ${SPEC_VERSION}.`],
    // delete_key reads it too, before and after its write (typed like every call, so tsc sees it).
    errors: { "src/manifest/keys/get-key-info.ts": /./, "src/manifest/keys/key-presence.ts": /lookup\.find\("\/key\/info"/ },
    written: (spec) => spec.paths["/key/info"] === undefined,
  },
  {
    name: "body field user_id, which generate_key sends, renamed to owner_id",
    mutate: (doc) => {
      const props = schemas(doc).GenerateKeyRequest.properties;
      props.owner_id = props.user_id;
      delete props.user_id;
    },
    reportLines: /^ {4}generate_key \(POST \/key\/generate\)\n {6}body: -user_id!$/m,
    breaking: ["generate_key: body field user_id is gone, and the tool sends it."],
    errors: { "src/manifest/keys/generate-key.ts": /user_id/ },
    written: (spec) => "owner_id" in spec.components.schemas.GenerateKeyRequest.properties,
  },
  {
    name: "body field max_budget, which generate_key sends, changed from number to string",
    mutate: (doc) => (schemas(doc).GenerateKeyRequest.properties.max_budget.anyOf[0] = { type: "string" }),
    reportLines: /^ {4}generate_key \(POST \/key\/generate\)\n {6}body: max_budget:number→string!$/m,
    breaking: ["generate_key: body field max_budget changed type from number to string, and the tool sends it."],
    errors: { "src/manifest/keys/generate-key.ts": /max_budget/ },
    written: (spec) => spec.components.schemas.GenerateKeyRequest.properties.max_budget.anyOf[0].type === "string",
  },
  {
    name: "optional body field user, which proxy_completion never sends, made required",
    mutate: (doc) => chatBody(doc).required.push("user"),
    reportLines: /^ {4}proxy_completion \(POST \/chat\/completions\)\n {6}body: user:required!$/m,
    breaking: ["proxy_completion: body field user is now required, and the tool never sends it."],
    errors: { "src/manifest/completions/proxy-completion.ts": /^(request: \(args\) => \(\{|body: \{)$/ },
    written: (spec) => chatBody(spec).required.includes("user"),
  },
  {
    name: "body field stream_options, which proxy_completion sends when it streams, removed",
    mutate: (doc) => delete chatBody(doc).properties.stream_options,
    reportLines: /^ {4}proxy_completion \(POST \/chat\/completions\)\n {6}body: -stream_options!$/m,
    breaking: ["proxy_completion: body field stream_options is gone, and the tool sends it when it streams (src/streaming.ts adds it)."],
    errors: { "src/streaming.ts": /stream_options/ },
    written: (spec) => !("stream_options" in chatBody(spec).properties),
  },
  {
    name: "body field model, which proxy_completion always sends, made optional",
    mutate: (doc) => (chatBody(doc).required = chatBody(doc).required.filter((name: string) => name !== "model")),
    reportLines: /^ {4}proxy_completion \(POST \/chat\/completions\)\n {6}body: model:optional!$/m,
    breaking: ["proxy_completion: body field model is optional now, and the tool sends it: a tool input built on LiteLLM's field no longer requires it."],
    errors: { "src/manifest/completions/proxy-completion.ts": /^model: litellm\.model/ },
    written: (spec) => !chatBody(spec).required.includes("model"),
  },
  {
    name: "request body of POST /key/block no longer declared",
    mutate: (doc) => delete doc.paths["/key/block"].post.requestBody,
    reportLines: /^ {4}block_key \(POST \/key\/block\)\n {6}body: no longer declared!$/m,
    breaking: ["block_key: LiteLLM no longer declares a request body, and the tool sends key in it."],
    // The generated body fields are gone too, so the import fails as well as the request mapping.
    errors: { "src/manifest/keys/block-key.ts": /postKeyBlockBodyFields|body: \{ key: args\.key \}/ },
    written: (spec) => spec.paths["/key/block"].post.requestBody === undefined,
  },
  {
    // tsc cannot see this one: result mappings are checked by the output schema when LiteLLM answers.
    // regenerate_key's answer is the same schema, and it reads key too.
    name: "answer field key, which generate_key and regenerate_key read, made nullable",
    mutate: (doc) => (schemas(doc).GenerateKeyResponse.properties.key = { anyOf: [{ type: "string" }, { type: "null" }], title: "Key" }),
    reportLines: /^ {4}generate_key \(POST \/key\/generate\)\n {6}response: key:nullable!\n {4}regenerate_key \(POST \/key\/regenerate\)\n {6}response: key:nullable!$/m,
    breaking: [
      "generate_key: its answer's field key may be null now, and the tool reads it (check its output mapping).",
      "regenerate_key: its answer's field key may be null now, and the tool reads it (check its output mapping).",
    ],
    errors: {},
    written: (spec) => Array.isArray(spec.components.schemas.GenerateKeyResponse.properties.key.anyOf),
  },
  {
    name: "query parameter model, which check_model_health always sends, made required (no false alarm)",
    mutate: (doc) => (healthModel(doc).required = true),
    reportLines: /^ {4}check_model_health \(GET \/health\)\n {6}query: model:required$/m,
    breaking: [],
    errors: {},
    written: (spec) => healthModel(spec).required === true,
  },
];

/** The copy regen writes all the changes into, and the untouched one the changes alone are compared in. */
let dir: string | undefined;
let base: string | undefined;
/** Each change on its own: `regen --dry-run` from a document with only that change. */
const alone = new Map<string, RunResult>();
/** All changes in one document: regen, what it wrote, and tsc's errors after it. */
let together: { regen: RunResult; spec: JsonObject; errors: TypeError[] };

beforeAll(async () => {
  [dir, base] = [await copyProject(), await copyProject()];
  const committed = await readFile(join(REPO_ROOT, "spec/openapi.json"), "utf8");
  const all = JSON.parse(committed);
  for (const variant of variants) variant.mutate(all);
  await writeFile(join(dir, "drifted.json"), JSON.stringify(all));
  const result = await regenInProcess(dir, "--from", join(dir, "drifted.json"));
  const spec = JSON.parse(await readFile(join(dir, "spec/openapi.json"), "utf8"));
  // tsc runs in its own process while this one runs regen for each change alone: on a busy machine two
  // processes get twice the share of one.
  const typechecked = typecheckSources([dir]);
  for (const [i, variant] of variants.entries()) {
    const doc = JSON.parse(committed);
    variant.mutate(doc);
    const file = join(base, `drifted-${i}.json`);
    await writeFile(file, JSON.stringify(doc));
    alone.set(variant.name, await regenInProcess(base, "--dry-run", "--from", file));
  }
  together = { regen: result, spec, errors: (await typechecked).get(dir)! };
}, 90_000);

afterAll(async () => {
  for (const copy of [dir, base]) if (copy) await removeCopy(copy);
});

describe.each(variants)("synthetic drift: $name", (variant) => {
  const breaks = variant.breaking.length > 0;

  it(breaks ? "alone, is reported against its tool as breaking, and regen exits 1" : "alone, is reported, not as breaking, and regen exits 0", () => {
    const result = alone.get(variant.name)!;
    expect(result.stderr).toBe("");
    expect(result.stdout.split("\n")[0]).toBe(`LiteLLM ${SPEC_VERSION} → ${SPEC_VERSION} (same release)`);
    expect(result.stdout).toMatch(variant.reportLines);
    // Sentences wrap; joined again, they must be exactly these.
    const sentences = breaks ? `  breaking:\n${variant.breaking.map((s) => `    ${s}`).join("\n")}\n--dry-run` : "  breaking: none\n--dry-run";
    expect(result.stdout.replace(/\n {6}(?=\S)/g, " ")).toContain(sentences);
    expect(result.code).toBe(breaks ? 1 : 0);
  });

  it("with the others, is in what regen writes, so typecheck sees it", () => {
    expect(variant.written(together.spec)).toBe(true);
    expect(together.regen.stdout).toMatch(/^wrote .*spec\/openapi\.json/m);
    if (breaks) for (const sentence of variant.breaking) expect(together.regen.stdout.replace(/\n {6}(?=\S)/g, " ")).toContain(`    ${sentence}\n`);
  });

  const files = Object.keys(variant.errors);
  it(files.length ? `makes tsc fail in ${files.join(", ")} at the lines it affects` : "makes tsc fail nowhere", () => {
    const mine = together.errors.filter((e) => variant.errors[e.file]?.test(e.line));
    expect([...new Set(mine.map((e) => e.file))].sort()).toEqual(files.sort());
  });
});

describe("synthetic drift: all the changes in one document", () => {
  it("regen exits 1 and names every breaking change", () => {
    expect(together.regen.stderr).toBe("");
    expect(together.regen.stdout).toContain("breaking drift: run `npm run typecheck`");
    expect(together.regen.code).toBe(1);
  });

  it("every tsc error is at a line one of the changes affects: none anywhere else", () => {
    const claimed = (e: TypeError) => variants.some((v) => v.errors[e.file]?.test(e.line));
    expect(together.errors.filter((e) => !claimed(e))).toEqual([]);
    expect(together.errors.length).toBeGreaterThan(0);
  });
});
