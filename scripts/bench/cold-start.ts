// Cold start as a host sees it: spawn → initialize → the first tools/list answered, for the shipped
// server and the floor, alternating A B A B so both see the same machine load.

import { now } from "./stats.ts";
import { startServer } from "./spawn.ts";

export interface ColdStart {
  shipped: number[];
  floor: number[];
}

async function timeToFirstList(entry: string, env: Record<string, string>): Promise<number> {
  const start = now();
  const server = await startServer(entry, env);
  await server.client.listTools();
  const elapsed = now() - start;
  await server.close();
  return elapsed;
}

export async function measureColdStart(shippedEntry: string, floorEntry: string, env: Record<string, string>, pairs: number): Promise<ColdStart> {
  // One unmeasured start of each warms the file cache.
  await timeToFirstList(shippedEntry, env);
  await timeToFirstList(floorEntry, env);
  const result: ColdStart = { shipped: [], floor: [] };
  for (let i = 0; i < pairs; i++) {
    result.shipped.push(await timeToFirstList(shippedEntry, env));
    result.floor.push(await timeToFirstList(floorEntry, env));
  }
  return result;
}
