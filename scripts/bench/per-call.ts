// Per-call overhead: list_models through the spawned server vs the same upstream request fetched
// directly by the benchmark process, against the same local upstream. The difference is what the
// bridge (stdio, JSON-RPC, validation, result shaping) adds to every call.

import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { Running } from "./spawn.ts";
import { now } from "./stats.ts";

export type Call = () => Promise<void>;

export interface Sequential {
  tool: number[];
  direct: number[];
  /** A no-op tool on the floor server: what stdio and the SDK alone cost per call. */
  noop: number[];
}

export interface Concurrent {
  concurrency: number;
  tool: { latencies: number[]; throughput: number[] };
  direct: { latencies: number[]; throughput: number[] };
}

export function toolCall(server: Running): Call {
  return async () => {
    const result = (await server.client.callTool({ name: "list_models", arguments: {} })) as CallToolResult;
    // A failed call is cheap: timing failures would flatter the bridge.
    if (result.isError) throw new Error(`list_models failed during the benchmark: ${JSON.stringify(result.content)}`);
  };
}

export function noopCall(server: Running): Call {
  return async () => {
    await server.client.callTool({ name: "echo", arguments: { text: "x" } });
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

export async function measureSequential(calls: { tool: Call; direct: Call; noop: Call }, count: number): Promise<Sequential> {
  for (let i = 0; i < Math.min(200, count); i++) {
    await calls.tool();
    await calls.direct();
    await calls.noop();
  }
  const result: Sequential = { tool: [], direct: [], noop: [] };
  for (let i = 0; i < count; i++) {
    result.tool.push(await timed(calls.tool));
    result.direct.push(await timed(calls.direct));
    result.noop.push(await timed(calls.noop));
  }
  return result;
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

export async function measureConcurrent(calls: { tool: Call; direct: Call }, concurrency: number, total: number, rounds: number): Promise<Concurrent> {
  const result: Concurrent = { concurrency, tool: { latencies: [], throughput: [] }, direct: { latencies: [], throughput: [] } };
  for (let round = 0; round < rounds; round++) {
    for (const arm of ["tool", "direct"] as const) {
      const { latencies, throughput } = await runConcurrent(calls[arm], concurrency, total);
      result[arm].latencies.push(...latencies);
      result[arm].throughput.push(throughput);
    }
  }
  return result;
}
