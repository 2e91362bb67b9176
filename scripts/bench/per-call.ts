// Per-call overhead: list_models through the spawned server vs the same upstream request fetched
// directly by the benchmark process (and vs the plain-fetch floor server), against the same local
// upstream. The difference is what the server (stdio, JSON-RPC, validation, result shaping) adds.

import type { Client } from "@modelcontextprotocol/client";
import type { Running } from "./spawn.ts";
import { now } from "./stats.ts";

export type Call = () => Promise<void>;

export interface Load {
  latencies: number[];
  /** Calls per second, one figure per round. */
  throughput: number[];
}

/** list_models through a spawned server (the shipped one or the plain-fetch floor). */
export function toolCall(server: Running): Call {
  return clientCall(server.client);
}

/** list_models through any connected client (over stdio, or over Streamable HTTP). */
export function clientCall(client: Client): Call {
  return async () => {
    const result = await client.callTool({ name: "list_models", arguments: {} });
    // A failed call is cheap: timing failures would flatter the bridge.
    if (result.isError) throw new Error(`list_models failed during the benchmark: ${JSON.stringify(result.content)}`);
  };
}

/** The request the bridge sends for list_models, made by hand. */
export function directCall(host: string, masterKey: string, userAgent: string): Call {
  return async () => {
    const response = await fetch(`${host}/models`, { headers: { authorization: `Bearer ${masterKey}`, "user-agent": userAgent } });
    if (!response.ok) throw new Error(`GET /models answered HTTP ${response.status} during the benchmark.`);
    await response.json();
  };
}

async function timed(call: Call): Promise<number> {
  const start = now();
  await call();
  return now() - start;
}

/** Each arm `count` times, interleaved call by call (after a warm-up), so load hits every arm alike. */
export async function measureSequential<Arm extends string>(arms: Record<Arm, Call>, count: number): Promise<Record<Arm, number[]>> {
  const names = Object.keys(arms) as Arm[];
  for (let i = 0; i < Math.min(200, count); i++) for (const name of names) await arms[name]();
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<Arm, number[]>;
  for (let i = 0; i < count; i++) for (const name of names) samples[name].push(await timed(arms[name]));
  return samples;
}

/** `total` calls with `concurrency` in flight at all times; latencies of each and calls per second. */
export async function runConcurrent(call: Call, concurrency: number, total: number): Promise<{ latencies: number[]; throughput: number }> {
  const latencies: number[] = [];
  let started = 0;
  const worker = async () => {
    while (started < total) {
      started++;
      latencies.push(await timed(call));
    }
  };
  const start = now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies, throughput: (total / (now() - start)) * 1000 };
}

/** Each arm `rounds` times at `concurrency`, arms alternating round by round, each round starting one arm later. */
export async function measureConcurrent<Arm extends string>(
  arms: Record<Arm, Call>,
  concurrency: number,
  total: number,
  rounds: number,
  /** Told when each arm's run starts and ends (to read what it cost besides time). */
  observe?: { start(arm: Arm): Promise<void>; stop(arm: Arm): Promise<void> },
): Promise<Record<Arm, Load>> {
  const names = Object.keys(arms) as Arm[];
  const result = Object.fromEntries(names.map((name) => [name, { latencies: [], throughput: [] } as Load])) as Record<Arm, Load>;
  for (let round = 0; round < rounds; round++) {
    // No arm always goes first (cold) or last (after the others warmed the shared upstream).
    for (const name of [...names.slice(round % names.length), ...names.slice(0, round % names.length)]) {
      await observe?.start(name);
      const { latencies, throughput } = await runConcurrent(arms[name], concurrency, total);
      await observe?.stop(name);
      result[name].latencies.push(...latencies);
      result[name].throughput.push(throughput);
    }
  }
  return result;
}
