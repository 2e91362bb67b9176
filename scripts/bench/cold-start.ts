// Cold start as a host sees it: spawn → the opening (initialize, or 2026-07-28's server/discover) → the first
// tools/list answered, at one protocol revision, for each arm (the shipped server under different settings,
// and the floor), in rounds that run every arm once, each round starting one arm later, so load on a shared
// machine hits all arms alike.

import type { Revision } from "../../test/support/revisions.ts";
import { now } from "./stats.ts";
import { startServer } from "./spawn.ts";

export interface StartArm {
  entry: string;
  env: Record<string, string>;
}

async function timeToFirstList(arm: StartArm, revision: Revision): Promise<number> {
  const start = now();
  const server = await startServer(arm.entry, arm.env, revision);
  await server.client.listTools();
  const elapsed = now() - start;
  await server.close();
  return elapsed;
}

/** Milliseconds to the first tools/list answer, per arm, one sample per round (round i of every arm ran together). */
export async function measureColdStarts<Arm extends string>(arms: Record<Arm, StartArm>, revision: Revision, rounds: number): Promise<Record<Arm, number[]>> {
  const names = Object.keys(arms) as Arm[];
  // One unmeasured start of each warms the file cache.
  for (const name of names) await timeToFirstList(arms[name], revision);
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<Arm, number[]>;
  for (let round = 0; round < rounds; round++) {
    for (const name of [...names.slice(round % names.length), ...names.slice(0, round % names.length)]) samples[name].push(await timeToFirstList(arms[name], revision));
  }
  return samples;
}
