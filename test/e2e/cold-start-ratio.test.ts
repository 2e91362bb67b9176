// Cold start is measured in the benchmark (npm run bench, BENCHMARKS.md); this holds in CI the one claim a
// test can check without timing anything absolute: spawn → first tools/list answered by the built server,
// against the one-tool server on the same SDK (scripts/bench/minimal-server.ts, compiled with tsc), measured
// in turn in one run, stays at most 0.6× of it, with the default toolsets and with every toolset, at this
// run's protocol revision. A start that loaded the SDK before answering would be about as slow as the floor.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { measureColdStarts } from "../../scripts/bench/cold-start.ts";
import { buildFloorServers } from "../../scripts/bench/floor-server.ts";
import { median, pairedRatios } from "../../scripts/bench/stats.ts";
import { createWorkspace, type Workspace } from "../../scripts/bench/workspace.ts";
import { REPO_ROOT } from "../support/project-copy.ts";
import { REVISION } from "../support/revisions.ts";
import { BUILT_SERVER } from "../support/spawn-server.ts";

const ROUNDS = 9;
const TARGET = 0.6;

let workspace: Workspace;
let starts: Record<"floor" | "default" | "all", number[]>;

beforeAll(async () => {
  workspace = await createWorkspace(REPO_ROOT);
  const floor = await buildFloorServers(REPO_ROOT, workspace);
  const env = { LITELLM_HOST: "http://127.0.0.1:9" };
  const arms = { floor: { entry: floor.minimal, env }, default: { entry: BUILT_SERVER, env }, all: { entry: BUILT_SERVER, env: { ...env, LITELLM_MCP_TOOLSETS: "all" } } };
  starts = await measureColdStarts(arms, REVISION, ROUNDS);
}, 240_000);

afterAll(() => workspace?.remove());

describe(`cold start at ${REVISION}, against the one-tool server on the same SDK`, () => {
  it.each(["default", "all"] as const)(`with the %s toolsets is at most ${TARGET}× of it (median of ${ROUNDS} rounds)`, (selection) => {
    const ratios = pairedRatios(starts[selection], starts.floor);
    console.log(`cold start ${REVISION}, ${selection}: ratios ${ratios.map((r) => r.toFixed(2)).join(" ")}`);
    expect(median(ratios)).toBeLessThanOrEqual(TARGET);
  });
});
