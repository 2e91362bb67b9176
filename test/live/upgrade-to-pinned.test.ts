// The upgrade this project made, replayed on real documents: a copy of the project as it stood on LiteLLM
// 1.88.0 (spec/ from the 1.88.0 document in test/fixtures/litellm/, update_key building its key input on LiteLLM's required
// field, and the tools that send fields 1.88.0 lacks without them), then `npm run regen` from
// the pinned proxy this suite starts. The report must name the changes that touch what the manifest
// sends and reads as breaking, exit 1, and typecheck must fail in the one that broke it and nowhere else; CI's lockstep
// check must fail on that copy with the same report; and with today's manifest the upgrade must land
// exactly on the committed spec/ and generated/.

import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { LITELLM_VERSION } from "../../scripts/litellm-pin.ts";
import { breakingSentences, partTokens } from "../support/drift-report-text.ts";
import {
  copyProject,
  documentVersion,
  hashGenerated,
  OPENAPI_1_88_0,
  regen,
  removeCopy,
  REPO_ROOT,
  typecheck,
  type RunResult,
} from "../support/project-copy.ts";

const proxy = inject("liveProxy");
const skip = !proxy;

const UPDATE_KEY = "src/manifest/keys/update-key.ts";

/** How the manifest read while spec/ came from 1.88.0, where it differs from today's. */
const ON_1_88 = [
  // update_key's key input: 1.88.0 required the key.
  { file: UPDATE_KEY, today: "key: required(litellm.key).min(1)", then: "key: litellm.key.min(1)" },
  // Query parameters 1.88.0 does not have: list_keys' substring_matching, get_spend_logs' model_group.
  { file: "src/manifest/keys/list-keys.ts", today: "        substring_matching: true,\n", then: "" },
  { file: "src/manifest/usage/get-spend-logs.ts", today: "model_group: args.model,", then: "model: args.model," },
  { file: "spec/operations.json", today: '"size","substring_matching","team_id"', then: '"size","team_id"' },
  { file: "spec/operations.json", today: '"size","substring_matching"]', then: '"size"]' },
  { file: "spec/operations.json", today: '"end_date","model_group","page"', then: '"end_date","model","page"' },
  // Fields that came after 1.88.0, used by tools of other toolsets: list_users' search, get_usage_report's
  // api_key_limit (sent) and metadata.total_api_keys (read), add_team_member's budget_duration.
  { file: "src/manifest/users/list-users.ts", today: "        search: args.search,\n", then: "" },
  { file: "spec/operations.json", today: '"role","search","team"', then: '"role","team"' },
  { file: "src/manifest/usage/get-usage-report.ts", today: "        api_key_limit: KEY_LIMIT,\n", then: "" },
  { file: "spec/operations.json", today: '"api_key","api_key_limit","end_date"', then: '"api_key","end_date"' },
  { file: "spec/operations.json", today: '["api_key_limit","end_date","start_date"]', then: '["end_date","start_date"]' },
  {
    file: "src/manifest/usage/get-usage-report.ts",
    today: "data.metadata?.total_api_keys",
    then: "(data.metadata as Record<string, unknown> | undefined)?.total_api_keys",
  },
  { file: "src/manifest/teams/add-team-member.ts", today: "      budget_duration: args.budget_duration,\n", then: "" },
  { file: "spec/operations.json", today: '["budget_duration","max_budget_in_team","member","team_id"]', then: '["max_budget_in_team","member","team_id"]' },
];

/** Rewrites the copy's files to 1.88.0's text (each change must find today's text once); returns today's. */
async function rewindTo188(dir: string): Promise<Map<string, string>> {
  const today = new Map<string, string>();
  for (const change of ON_1_88) {
    const file = join(dir, change.file);
    const text = await readFile(file, "utf8");
    if (!today.has(file)) today.set(file, text);
    expect(text.split(change.today).length - 1, `${change.file}: ${JSON.stringify(change.today)}`).toBe(1);
    await writeFile(file, text.replace(change.today, change.then));
  }
  return today;
}

const KEY_OPTIONAL =
  "update_key: body field key is optional now, and the tool sends it: a tool input built on LiteLLM's field no longer requires it.";
/** create_team's models: 1.88.0 declares array<any>, 1.108.7 array<string>; the tool sends and reads strings either way. */
const teamModels = (from: string, to: string) => [
  `create_team: body field models changed type from ${from} to ${to}, and the tool sends it.`,
  `create_team: its answer's field models changed type from ${from} to ${to}, and the tool reads it (check its output mapping).`,
];
const UPGRADE_BREAKING = [...teamModels("array<any>", "array<string>"), KEY_OPTIONAL];

describe.skipIf(skip)("upgrade from 1.88.0 to the pinned LiteLLM, from its live document", () => {
  const source = `${proxy?.url}/openapi.json`;
  const older = documentVersion(OPENAPI_1_88_0);
  let dir: string;
  let onOlder: { regen: RunResult; tsc: RunResult };
  let lockstep: RunResult;
  let upgrade: RunResult;
  let tsc: RunResult;
  let landed: Record<string, string>;

  beforeAll(async () => {
    dir = await copyProject();
    const today = await rewindTo188(dir);
    onOlder = { regen: await regen(dir, "--from", OPENAPI_1_88_0), tsc: await typecheck(dir) };
    lockstep = await regen(dir, "--check", "--from", source);
    upgrade = await regen(dir, "--from", source);
    tsc = await typecheck(dir);
    for (const [file, text] of today) await writeFile(file, text);
    landed = await hashGenerated(dir);
  }, 240_000);

  afterAll(async () => {
    if (dir) await removeCopy(dir);
  });

  it("the copy stands on 1.88.0 and type-checks there", () => {
    // Stepping today's spec/ down to 1.88.0 reports create_team's models type, the one difference left in
    // what the rewound manifest sends or reads; the types still accept what the tool does.
    expect(onOlder.regen.stdout.split("\n")[0]).toBe(`LiteLLM ${LITELLM_VERSION} → ${older} (a downgrade: older than the release spec/ came from)`);
    expect(breakingSentences(onOlder.regen.stdout), onOlder.regen.stdout + onOlder.regen.stderr).toEqual(teamModels("array<string>", "array<any>"));
    expect(onOlder.regen.stdout).toMatch(/^wrote .*spec\/openapi\.json/m);
    expect(onOlder.tsc).toMatchObject({ code: 0, stdout: "" });
  });

  it("CI's lockstep check fails on it with the report: spec/ is not what the pinned proxy serves", () => {
    expect(lockstep.stdout.split("\n")[0]).toBe(`LiteLLM ${older} → ${LITELLM_VERSION} (upgrade)`);
    expect(breakingSentences(lockstep.stdout)).toEqual(UPGRADE_BREAKING);
    expect(lockstep.stderr).toMatch(/^Out of date or edited by hand: .*spec\/openapi\.json/m);
    expect(lockstep.stderr).toContain(`Regenerate with: npm run regen -- --from ${source}`);
    expect(lockstep.code).toBe(1);
  });

  it("regen names update_key's key and create_team's models as the breaking changes, exits 1 and writes the files", () => {
    const report = upgrade.stdout;
    expect(upgrade.stderr).toBe("");
    expect(report.split("\n")[0]).toBe(`LiteLLM ${older} → ${LITELLM_VERSION} (upgrade)`);
    expect(partTokens(report, "update_key", "body", "affects")).toEqual(["key:optional,nullable!"]);
    expect(breakingSentences(report)).toEqual(UPGRADE_BREAKING);
    // What changed inside messages, which proxy_completion sends, is spelled out; it breaks nothing.
    expect(partTokens(report, "proxy_completion", "body", "affects")).toEqual([expect.stringMatching(/^~messages\(\+\[\]\.cache_control\.ttl, /)]);
    expect(report).toMatch(/^wrote .*spec\/openapi\.json/m);
    expect(report).toContain("breaking drift: run `npm run typecheck`");
    expect(upgrade.code).toBe(1);
  });

  it("typecheck then fails in update_key's manifest file, at its key, and nowhere else", () => {
    expect(tsc.code).not.toBe(0);
    const errors = [...tsc.stdout.matchAll(/^(\S+)\((\d+),\d+\): error TS\d+/gm)];
    expect(errors.length).toBeGreaterThan(0);
    expect(new Set(errors.map((m) => m[1]))).toEqual(new Set([UPDATE_KEY]));
    expect(tsc.stdout).toMatch(/Property 'min' does not exist on type 'ZodOptional<ZodString>'/);
  });

  it("with today's manifest, the upgrade lands exactly on the committed spec/ and generated/", async () => {
    expect(landed).toEqual(await hashGenerated(REPO_ROOT));
  });
});
