// spec/operations.json is derived from the manifest (`npm run operations`), never typed by hand: this
// holds the committed file to what the recorder makes of the manifest now, and checks the recorder's
// account of a few tools against what their source plainly does, at every depth. The file's parser
// rejects what a hand edit could get wrong.

import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { formatOperationList, parseOperationList, type ToolOperation } from "../../scripts/regen/operations.ts";
import { recordOperations } from "../../scripts/operations/record.ts";
import { manifest } from "../../src/manifest/index.ts";
import { REPO_ROOT } from "../support/project-copy.ts";

let committed: string;
let recorded: string;
let ops: Map<string, ToolOperation>;

beforeAll(async () => {
  committed = await readFile(join(REPO_ROOT, "spec/operations.json"), "utf8");
  recorded = await recordOperations({ root: REPO_ROOT });
  ops = new Map(parseOperationList(JSON.parse(committed)).map((op) => [op.tool, op]));
}, 120_000);

describe("spec/operations.json", () => {
  it("is exactly what `npm run operations` records from the manifest (run it after changing a tool)", () => {
    expect(committed).toBe(recorded);
  });

  it("names every manifest tool once, with its file", () => {
    expect([...ops.keys()].sort()).toEqual(manifest.map((tool) => tool.name).sort());
    for (const op of ops.values()) expect(op.file).toMatch(/^src\/manifest\/[a-z]+\/[a-z-]+\.ts$/);
  });

  it("round-trips through its parser and writer", () => {
    expect(formatOperationList([...ops.values()])).toBe(committed);
  });
});

describe("what the recorder finds in the manifest", () => {
  it("records nested paths a mapping builds, with what is sent on every call", () => {
    const addModel = ops.get("add_model")!;
    expect(addModel.sends["body.litellm_params.litellm_credential_name"]).toEqual({ when: "always", kinds: ["string"] });
    expect(addModel.sends["body.litellm_params.rpm"]).toEqual({ when: "sometimes", kinds: ["integer"] });
    expect(addModel.sends["body.model_info.id"]).toEqual({ when: "always", kinds: ["string"] });
  });

  it("records constants and enum values a tool sends, and items of what it passes on", () => {
    const member = ops.get("add_team_member")!.sends;
    expect(member["body.member[].role"]).toEqual({ when: "always", kinds: ["string"], values: ["user"] });
    const completion = ops.get("proxy_completion")!.sends;
    expect(completion["body.messages[].role"]).toMatchObject({ kinds: ["string"], values: ["assistant", "system", "user"] });
    expect(completion["body.metadata.tags[]"]).toMatchObject({ values: ["litellm-mcp", "tool:proxy_completion"] });
    expect(completion["body.stream_options.include_usage"]).toEqual({ when: "streaming", kinds: ["boolean"], values: [true] });
    expect(ops.get("list_keys")!.sends["query.substring_matching"]).toEqual({ when: "always", kinds: ["boolean"], values: [true] });
  });

  it("records arbitrary keys sent into a map, and values that follow the generated field they come from", () => {
    const createUser = ops.get("create_user")!.sends;
    expect(createUser["body.metadata{}"]).toMatchObject({ when: "sometimes" });
    // create_user passes its arguments through userFields(), whose own types the compiler checks instead.
    expect(createUser["body.user_id"]!.follows).toBeUndefined();
    expect(ops.get("generate_key")!.sends["body.max_budget"]!.follows).toBe("body.max_budget");
  });

  it("records each chain of zod calls an input makes on a generated field", () => {
    expect(ops.get("create_user")!.builtOn["body.user_role"]!.uses).toEqual(["unwrap extract(internal_user|internal_user_viewer) optional describe"]);
    expect(ops.get("update_key")!.builtOn["body.key"]!.uses).toEqual(["required min max describe"]);
  });

  it("records answer paths at any depth, which of them the mapping names on the typed answer, and what it fails on", () => {
    const usage = ops.get("get_usage_report")!.reads;
    expect(usage["metadata.total_api_keys"]).toMatchObject({ typed: true });
    expect(usage["results[].metrics.spend"]).toBeDefined();
    const key = ops.get("generate_key")!.reads.key!;
    expect(key).toMatchObject({ typed: true, was: ["string"] });
    expect(key.rejects).toMatchObject({ absent: "key", null: "key", integer: "key" });
    // Read through documentedFields, on LiteLLM's typed answer: not named, so not typed.
    expect(ops.get("create_user")!.reads.user_email).not.toHaveProperty("typed");
  });
});

describe("parseOperationList", () => {
  const entry = { tool: "get_key_info", file: "src/manifest/keys/get-key-info.ts", method: "get", path: "/key/info", sends: { "query.key": { when: "always", type: "string" } } };

  it("fills absent maps, reads kinds and the file's grouped rejects", () => {
    const [op] = parseOperationList([{ ...entry, reads: { info: { was: "absent|any", rejects: { info: "null|string" } } } }]);
    expect(op).toMatchObject({ sends: { "query.key": { when: "always", kinds: ["string"] } }, builtOn: {} });
    expect(op!.reads.info!.was).toEqual(["absent", "string", "integer", "number", "boolean", "array", "object", "null"]);
    expect(op!.reads.info!.rejects).toEqual({ string: "info", null: "info" });
  });

  it("rejects a bad entry with its position", () => {
    expect(() => parseOperationList([entry, { ...entry, tool: "Get Key" }])).toThrow("entry 1: tool must be");
    expect(() => parseOperationList([{ ...entry, sends: { "header.x": { when: "always", type: "string" } } }])).toThrow("a request path starts with path, query or body");
    expect(() => parseOperationList([{ ...entry, sends: { "query.key": { when: "often", type: "string" } } }])).toThrow("when must be one of always, sometimes, streaming");
    expect(() => parseOperationList([{ ...entry, reads: { info: { was: "text" } } }])).toThrow('has "text"; kinds are any');
    expect(() => parseOperationList([{ ...entry, builtOn: { "query.key": { was: "string", uses: ["unwrap min(1)"] } } }])).toThrow('"min(1)" is not a step');
    expect(() => parseOperationList([entry, { ...entry, path: "/key/other" }])).toThrow("lists tool get_key_info twice");
    expect(() => parseOperationList([entry, { ...entry, tool: "other" }])).toThrow("lists GET /key/info twice");
  });

  it("rejects a misspelt key instead of ignoring what it says", () => {
    expect(() => parseOperationList([{ ...entry, sendAlways: {} }])).toThrow('entry 0 has "sendAlways"; it has tool, file, method, path, sends, builtOn, reads');
  });
});
