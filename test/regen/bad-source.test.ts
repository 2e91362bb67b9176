// A source that is not LiteLLM's OpenAPI document must stop regen with one sentence saying what to do,
// exit 2, and leave every committed file byte-identical.

import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyProject, hashGenerated, regen, removeCopy } from "../support/project-copy.ts";
import { refusedUrl, serveText, type Served } from "../support/serve.ts";

describe("regen from a bad source", () => {
  let dir: string;
  let committed: Record<string, string>;
  let html: Served;

  beforeAll(async () => {
    dir = await copyProject();
    committed = await hashGenerated(dir);
    html = await serveText("<!doctype html><html><body><h1>LiteLLM Admin UI</h1></body></html>", "text/html");
    const spec = await readFile(join(dir, "spec/openapi.json"), "utf8");
    await writeFile(join(dir, "truncated.json"), spec.slice(0, Math.floor(spec.length / 2)));
    await writeFile(join(dir, "not-openapi.json"), JSON.stringify({ error: { message: "Authentication Error", type: "auth_error" } }));
  });

  afterAll(async () => {
    await html?.close();
    if (dir) await removeCopy(dir);
  });

  const cases: [string, () => Promise<string>, RegExp][] = [
    ["a proxy that refuses the connection", refusedUrl, /^Could not fetch http:\/\/127\.0\.0\.1:\d+\/openapi\.json \(connection refused\)\. Is the LiteLLM proxy running there\?/],
    ["an HTML page", async () => html.url, /^http:\/\/127\.0\.0\.1:\d+\/openapi\.json is an HTML page, not an OpenAPI document\./],
    ["JSON that is not OpenAPI", async () => "not-openapi.json", /^not-openapi\.json is JSON but not an OpenAPI 3 document/],
    ["a truncated file", async () => "truncated.json", /^truncated\.json is not valid JSON \(is it truncated\?\)/],
    ["a file that does not exist", async () => "nowhere.json", /^Could not read nowhere\.json \(no such file\)\. Pass --from a saved \/openapi\.json or a proxy URL\.\n$/],
  ];

  it.each(cases)("%s: exit 2, one line on stderr, nothing touched", async (_name, source, message) => {
    const result = await regen(dir, "--from", await source());
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(await hashGenerated(dir)).toEqual(committed);
  });

  it("an unknown option: exit 2 with the usage, nothing touched", async () => {
    const result = await regen(dir, "--form", "x.json");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("usage: npm run regen -- [--from <file|http(s)-url>] [--check | --dry-run]");
    expect(await hashGenerated(dir)).toEqual(committed);
  });
});
