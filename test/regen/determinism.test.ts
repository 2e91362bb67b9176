// generate() is a pure function: the same input gives the same bytes, and the committed files are exactly
// what it gives for the committed spec. (From the whole document of the release they were made from: the
// live suite, which gets that document from the pinned proxy.)

import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { documentSha256, generate } from "../../scripts/regen/generate.ts";
import { parseOperationList } from "../../scripts/regen/operations.ts";
import { REPO_ROOT } from "../support/project-copy.ts";

const read = (path: string) => readFile(join(REPO_ROOT, path), "utf8");

async function committedFiles(paths: Iterable<string>): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const path of paths) files.set(path, await read(path));
  return files;
}

describe("generate", async () => {
  const operations = parseOperationList(JSON.parse(await read("spec/operations.json")));
  const provenance = JSON.parse(await read("spec/provenance.json"));

  it("gives the committed files, byte for byte, from the committed spec; twice the same", async () => {
    const input = { document: JSON.parse(await read("spec/openapi.json")), operations, sourceSha256: provenance.sourceCanonicalSha256 };
    const first = await generate(input);
    const second = await generate(input);
    expect([...first.files.keys()]).toEqual(["generated/litellm-api.ts", "generated/request-schemas.ts", "generated/spec-info.ts", "spec/openapi.json", "spec/provenance.json"]);
    expect(second.files).toEqual(first.files);
    expect(first.files).toEqual(await committedFiles(first.files.keys()));
  });

  it("records the source by a hash that does not depend on the order LiteLLM serves keys in", () => {
    // LiteLLM 1.108.7 lists a path's methods in a different order on each start: one release, two byte strings.
    const served = { openapi: "3.1.0", paths: { "/x": { put: { summary: "p" }, patch: { summary: "q" } } } };
    const restarted = { paths: { "/x": { patch: { summary: "q" }, put: { summary: "p" } } }, openapi: "3.1.0" };
    expect(JSON.stringify(restarted)).not.toBe(JSON.stringify(served));
    expect(documentSha256(restarted)).toBe(documentSha256(served));
    expect(documentSha256({ ...served, info: { version: "2" } })).not.toBe(documentSha256(served));
  });
});
