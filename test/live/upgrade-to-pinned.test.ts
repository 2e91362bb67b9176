// The upgrade this project made, replayed on real documents: a copy of the project as it stood on LiteLLM
// 1.88.0 (spec/ from ../shared's 1.88.0 document, update_key building its key input on LiteLLM's required
// field, list_keys and get_spend_logs without the query parameters 1.88.0 lacks), then `npm run regen` from
// the pinned proxy this suite starts. The report must name the one
// change that broke the manifest, exit 1, and typecheck must fail there and nowhere else; CI's lockstep
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
  sharedLitellmMissing,
  typecheck,
  type RunResult,
} from "../support/project-copy.ts";

const proxy = inject("liveProxy");
const skip = !proxy || sharedLitellmMissing("the upgrade from ../shared's 1.88.0 to the pinned LiteLLM");

const UPDATE_KEY = "src/manifest/update-key.ts";

/** How the manifest read while spec/ came from 1.88.0, where it differs from today's. */
const ON_1_88 = [
  // update_key's key input: 1.88.0 required the key.
  { file: UPDATE_KEY, today: "key: required(litellm.key).min(1)", then: "key: litellm.key.min(1)" },
  // Query parameters 1.88.0 does not have: list_keys' substring_matching, get_spend_logs' model_group.
  { file: "src/manifest/list-keys.ts", today: "        substring_matching: true,\n", then: "" },
  { file: "src/manifest/get-spend-logs.ts", today: "model_group: args.model,", then: "model: args.model," },
  { file: "spec/operations.json", today: '"size","substring_matching","team_id"', then: '"size","team_id"' },
  { file: "spec/operations.json", today: '"size","substring_matching"]', then: '"size"]' },
  { file: "spec/operations.json", today: '"end_date","model_group","page"', then: '"end_date","model","page"' },
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

describe.skipIf(skip)("upgrade from 1.88.0 to the pinned LiteLLM, from its live document", () => {
  const source = `${proxy?.url}/openapi.json`;
  const older = skip ? "" : documentVersion(OPENAPI_1_88_0);
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
    expect(onOlder.regen.code, onOlder.regen.stdout + onOlder.regen.stderr).toBe(0);
    expect(onOlder.tsc).toMatchObject({ code: 0, stdout: "" });
  });

  it("CI's lockstep check fails on it with the report: spec/ is not what the pinned proxy serves", () => {
    expect(lockstep.stdout.split("\n")[0]).toBe(`LiteLLM ${older} → ${LITELLM_VERSION} (upgrade)`);
    expect(breakingSentences(lockstep.stdout)).toEqual([KEY_OPTIONAL]);
    expect(lockstep.stderr).toMatch(/^Out of date or edited by hand: .*spec\/openapi\.json/m);
    expect(lockstep.stderr).toContain(`Regenerate with: npm run regen -- --from ${source}`);
    expect(lockstep.code).toBe(1);
  });

  it("regen names update_key's key as the one breaking change, exits 1 and writes the files", () => {
    const report = upgrade.stdout;
    expect(upgrade.stderr).toBe("");
    expect(report.split("\n")[0]).toBe(`LiteLLM ${older} → ${LITELLM_VERSION} (upgrade)`);
    expect(partTokens(report, "update_key", "body", "affects")).toEqual(["key:optional,nullable!"]);
    expect(breakingSentences(report)).toEqual([KEY_OPTIONAL]);
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
