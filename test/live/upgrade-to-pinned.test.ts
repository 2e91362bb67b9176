// The upgrade this project made, replayed on real documents: a copy of the project as it stood on LiteLLM
// 1.88.0 (spec/ from the 1.88.0 document in test/fixtures/litellm/, update_key building its key input on
// LiteLLM's required field, the tools that send fields 1.88.0 lacks without them, and spec/operations.json
// recorded from that manifest), then `npm run regen` from the pinned proxy this suite starts. The report
// must name the one change that breaks what the manifest does, exit 1, and typecheck must fail in that
// tool's file and nowhere else; CI's lockstep check must fail on that copy with the same report; and with
// today's manifest and record the upgrade must land exactly on the committed spec/ and generated/.

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
  run,
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
  // Fields that came after 1.88.0, used by tools of other toolsets: list_users' search, get_usage_report's
  // api_key_limit (sent) and metadata.total_api_keys (read), add_team_member's budget_duration.
  { file: "src/manifest/users/list-users.ts", today: "        search: args.search,\n", then: "" },
  { file: "src/manifest/usage/get-usage-report.ts", today: "        api_key_limit: KEY_LIMIT,\n", then: "" },
  {
    file: "src/manifest/usage/get-usage-report.ts",
    today: "data.metadata?.total_api_keys",
    then: "(data.metadata as Record<string, unknown> | undefined)?.total_api_keys",
  },
  { file: "src/manifest/teams/add-team-member.ts", today: "      budget_duration: args.budget_duration,\n", then: "" },
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

/** On 1.88.0 update_key took LiteLLM's required key as it was (`litellm.key.min(1)`); 1.108.7 made it optional. */
const UPGRADE_BREAKING = [
  `update_key: the tool's input is built on body field key, now an optional string (was string), on which min no longer applies: \`npm run typecheck\` fails in ${UPDATE_KEY}.`,
];

/** `npm run operations` in the copy: records what its (rewound) manifest sends and reads. */
function recordOperations(dir: string): Promise<RunResult> {
  return run(dir, process.execPath, [join(REPO_ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/operations.ts"]);
}

describe.skipIf(skip)("upgrade from 1.88.0 to the pinned LiteLLM, from its live document", () => {
  const source = `${proxy?.url}/openapi.json`;
  const older = documentVersion(OPENAPI_1_88_0);
  let dir: string;
  let onOlder: { regen: RunResult; recorded: RunResult; tsc: RunResult; again: RunResult };
  let lockstep: RunResult;
  let upgrade: RunResult;
  let tsc: RunResult;
  let landed: Record<string, string>;

  beforeAll(async () => {
    dir = await copyProject();
    const today = await rewindTo188(dir);
    const record = join(dir, "spec/operations.json");
    today.set(record, await readFile(record, "utf8"));
    const regenerated = await regen(dir, "--from", OPENAPI_1_88_0);
    onOlder = { regen: regenerated, recorded: await recordOperations(dir), tsc: await typecheck(dir), again: await regen(dir, "--dry-run", "--from", OPENAPI_1_88_0) };
    lockstep = await regen(dir, "--check", "--from", source);
    upgrade = await regen(dir, "--from", source);
    tsc = await typecheck(dir);
    // Today's manifest and its record, regenerated from the pinned proxy once more.
    for (const [file, text] of today) await writeFile(file, text);
    await regen(dir, "--from", source);
    landed = await hashGenerated(dir);
  }, 240_000);

  afterAll(async () => {
    if (dir) await removeCopy(dir);
  });

  it("the copy stands on 1.88.0 and type-checks there", () => {
    expect(onOlder.regen.stdout.split("\n")[0]).toBe(`LiteLLM ${LITELLM_VERSION} → ${older} (a downgrade: older than the release spec/ came from)`);
    expect(onOlder.regen.stdout).toMatch(/^wrote .*spec\/openapi\.json/m);
    expect(onOlder.recorded.code, onOlder.recorded.stderr).toBe(0);
    expect(onOlder.tsc).toMatchObject({ code: 0, stdout: "" });
    // Judged against the rewound manifest's own record, 1.88.0 breaks nothing.
    expect(breakingSentences(onOlder.again.stdout), onOlder.again.stdout).toEqual([]);
    expect(onOlder.again.code).toBe(0);
  });

  it("CI's lockstep check fails on it with the report: spec/ is not what the pinned proxy serves", () => {
    expect(lockstep.stdout.split("\n")[0]).toBe(`LiteLLM ${older} → ${LITELLM_VERSION} (upgrade)`);
    expect(breakingSentences(lockstep.stdout)).toEqual(UPGRADE_BREAKING);
    expect(lockstep.stderr).toMatch(/^Out of date or edited by hand: .*spec\/openapi\.json/m);
    expect(lockstep.stderr).toContain(`Regenerate with: npm run regen -- --from ${source}`);
    expect(lockstep.code).toBe(1);
  });

  it("regen names update_key's key as the breaking change, exits 1 and writes the files", () => {
    const report = upgrade.stdout;
    expect(upgrade.stderr).toBe("");
    expect(report.split("\n")[0]).toBe(`LiteLLM ${older} → ${LITELLM_VERSION} (upgrade)`);
    expect(partTokens(report, "update_key", "body", "affects")).toEqual(["key:optional,nullable!"]);
    expect(breakingSentences(report)).toEqual(UPGRADE_BREAKING);
    // What changed inside messages is spelled out apart: proxy_completion sends only their role and text.
    expect(partTokens(report, "proxy_completion", "body", "affects")).toEqual([]);
    expect(partTokens(report, "proxy_completion", "body", "other")).toContainEqual(expect.stringMatching(/^~messages\(\+\[\]\.cache_control\.ttl, /));
    expect(report).toMatch(/^wrote .*spec\/openapi\.json/m);
    expect(report).toContain("breaking drift: each sentence above says where it shows.");
    expect(upgrade.code).toBe(1);
  });

  it("typecheck then fails in update_key's manifest file, at its key, and nowhere else", () => {
    expect(tsc.code).not.toBe(0);
    const errors = [...tsc.stdout.matchAll(/^(\S+)\((\d+),\d+\): error TS\d+/gm)];
    expect(errors.length).toBeGreaterThan(0);
    expect(new Set(errors.map((m) => m[1]))).toEqual(new Set([UPDATE_KEY]));
    expect(tsc.stdout).toMatch(/Property 'min' does not exist on type 'ZodOptional<ZodString>'/);
  });

  it("with today's manifest and record, the upgrade lands exactly on the committed spec/ and generated/", async () => {
    expect(landed).toEqual(await hashGenerated(REPO_ROOT));
  });
});
