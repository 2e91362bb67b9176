// generate() is a pure function: the same input gives the same bytes, and the committed files are exactly
// what it gives for the committed spec. (From the whole document of the release they were made from: the
// live suite, which gets that document from the pinned proxy.)

import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../scripts/regen/generate.ts";
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
    const input = { document: JSON.parse(await read("spec/openapi.json")), operations, sourceSha256: provenance.sourceSha256 };
    const first = await generate(input);
    const second = await generate(input);
    expect([...first.files.keys()]).toEqual(["generated/litellm-api.ts", "generated/request-schemas.ts", "generated/spec-info.ts", "spec/openapi.json", "spec/provenance.json"]);
    expect(second.files).toEqual(first.files);
    expect(first.files).toEqual(await committedFiles(first.files.keys()));
  });
});
