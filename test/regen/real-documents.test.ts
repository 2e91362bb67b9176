// The drift report's rule on every real LiteLLM document the repository holds (test/fixtures/litellm/: two
// served by proxies, two dumped from releases' code and kept gzipped; and spec/openapi.json, the pruned
// 1.108.7 the project is generated from): regen from each into its own copy of the project. Exit 0 must mean typecheck, build and `tools/list` (every toolset) pass; every type
// error must be in a file of a tool the report named; every "`npm run typecheck` fails in F" must be borne
// out in F; and, breaking or not, the built server must list every tool.

import { readdirSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, lightCopy, listedTools, namedTools, regenFrom, TOOLS, unclaimedErrors, unfoundedClaims } from "../support/drift-rule.ts";
import { documentVersion, LITELLM_DOCUMENTS, removeCopy, REPO_ROOT, typecheckSources, type RunResult, type TypeError } from "../support/project-copy.ts";

/** Every real document: the fixtures, and the committed spec. */
const DOCUMENTS = [
  ...readdirSync(LITELLM_DOCUMENTS)
    .filter((name) => /^openapi-.*\.json(\.gz)?$/.test(name))
    .map((name) => join(LITELLM_DOCUMENTS, name)),
  join(REPO_ROOT, "spec/openapi.json"),
];

/** What each document breaks, as the report must name it; the committed spec breaks nothing. */
const EXPECTED: Record<string, string[]> = {
  // Metadata a closed object (pydantic before 2.11 wrote a bare dict so), chat body undeclared, and a
  // dozen routes still to come; among them what tools read around their own call (/key/list's
  // return_full_object, /v2/team/list).
  "1.59.0": [
    "add_team_member", "create_team", "create_user", "delete_key", "generate_key", "get_spend_logs", "get_usage_report", "get_user_info", "list_keys", "list_teams", "list_users",
    "proxy_completion", "regenerate_key", "remove_team_member", "reset_key_spend", "update_model", "update_team", "update_user",
  ],
  "1.75.3": [
    "add_team_member", "create_team", "create_user", "get_spend_logs", "get_usage_report", "get_user_info", "list_keys", "list_teams", "list_users", "proxy_completion",
    "regenerate_key", "reset_key_spend", "update_user",
  ],
  "1.80.17": ["add_team_member", "create_team", "get_spend_logs", "get_usage_report", "get_user_info", "list_keys", "list_teams", "list_users", "regenerate_key", "reset_key_spend"],
  "1.88.0": ["add_team_member", "create_team", "get_spend_logs", "get_usage_report", "list_keys", "list_teams", "list_users"],
  "1.108.7": [],
};

interface Outcome {
  version: string;
  regen: RunResult;
  errors: TypeError[];
  build: RunResult;
  tools: string[];
}

const outcomes = new Map<string, Outcome>();
const copies: string[] = [];

beforeAll(async () => {
  const runs = [];
  for (const document of DOCUMENTS) {
    const dir = await lightCopy();
    copies.push(dir);
    // regen reads plain JSON: a gzipped document is unpacked into the copy first.
    const source = document.endsWith(".gz") ? join(dir, "document.json") : document;
    if (source !== document) await writeFile(source, gunzipSync(await readFile(document)));
    runs.push({ document, source, dir, regen: await regenFrom(dir, source) });
  }
  const errors = await typecheckSources(copies);
  for (const { document, source, dir, regen } of runs) {
    const built = await build(dir);
    outcomes.set(document, { version: documentVersion(source), regen, errors: errors.get(dir)!, build: built, tools: built.code === 0 ? await listedTools(dir) : [] });
  }
}, 300_000);

afterAll(async () => {
  for (const dir of copies) await removeCopy(dir);
});

describe.each(DOCUMENTS.map((document) => [document.slice(REPO_ROOT.length + 1), document]))("the real document %s", (_name, document) => {
  const outcome = () => outcomes.get(document)!;

  it("names the tools it breaks, and exits 1 exactly when it names one", () => {
    const { version, regen } = outcome();
    expect(EXPECTED[version], `no expectation for LiteLLM ${version}`).toBeDefined();
    expect(namedTools(regen.stdout)).toEqual(EXPECTED[version]);
    expect(regen.code).toBe(EXPECTED[version]!.length ? 1 : 0);
  });

  it("type-checks with errors only in files of the tools it named, and only where it said", () => {
    const { regen, errors } = outcome();
    expect(unclaimedErrors(errors, namedTools(regen.stdout))).toEqual([]);
    expect(unfoundedClaims(regen.stdout, errors)).toEqual([]);
    if (regen.code === 0) expect(errors).toEqual([]);
  });

  it("builds, and the built server lists every tool", () => {
    const { build: built, tools } = outcome();
    expect(built.code, built.stderr).toBe(0);
    expect(tools).toEqual(TOOLS);
  });
});
