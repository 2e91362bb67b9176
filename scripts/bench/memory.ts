// Resident memory of the server process, read from /proc (Linux): idle, at the peak of a burst of
// concurrent calls, and after many calls (a leak shows as growth that does not come back).

import { readFile } from "node:fs/promises";
import { runConcurrent, type Call } from "./per-call.ts";

export interface Memory {
  /** Fresh: started and initialized, no call made yet. */
  idle: number;
  /** After one call: fetch, the HTTP client and the call path are loaded and compiled. */
  warmIdle: number;
  burstPeak: number;
  burstCalls: number;
  burstAnswered: number;
  afterCalls: number;
  callCount: number;
}

/** A field of /proc/<pid>/status (VmRSS, VmHWM) in bytes. */
async function procStatus(pid: number, field: "VmRSS" | "VmHWM"): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
  if (!match) throw new Error(`/proc/${pid}/status has no ${field}.`);
  return Number(match[1]) * 1024;
}

/** The call with failures swallowed and answers counted: a failed call must not stop the load. */
function countingAnswers(call: Call): { call: Call; answered: () => number } {
  let answered = 0;
  return {
    call: async () => {
      await call().then(() => answered++, () => undefined);
    },
    answered: () => answered,
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 1000));

async function idleRss(pid: number): Promise<number> {
  await settle();
  return procStatus(pid, "VmRSS");
}

export async function measureMemory(pid: number, call: Call, burst: number, callCount: number): Promise<Memory> {
  // Two seconds, not one: litellm-mcp answers the opening first and loads the rest once the client is quiet,
  // and idle means after that load, even on a busy machine.
  await settle();
  const idle = await idleRss(pid);
  await call();
  const warmIdle = await idleRss(pid);
  const hwmBefore = await procStatus(pid, "VmHWM");

  // Sample while the burst is in flight; the kernel's high-water mark catches a peak between samples,
  // but only once it exceeds the start-up peak, so both are kept.
  let sampled = warmIdle;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      sampled = Math.max(sampled, await procStatus(pid, "VmRSS"));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  })();
  const counted = countingAnswers(call);
  await runConcurrent(counted.call, burst, burst);
  sampling = false;
  await sampler;
  const hwmAfter = await procStatus(pid, "VmHWM");
  const burstPeak = Math.max(sampled, hwmAfter > hwmBefore ? hwmAfter : 0);

  await runConcurrent(call, 32, callCount);
  await settle();
  const afterCalls = await procStatus(pid, "VmRSS");
  return { idle, warmIdle, burstPeak, burstCalls: burst, burstAnswered: counted.answered(), afterCalls, callCount: callCount + burst + 1 };
}

/** Node's old-space limit for the leak check: far below what the calls allocate in total. */
export const BOUNDED_HEAP_MB = 48;

export interface BoundedHeap {
  calls: number;
  answered: number;
  rss: number;
}

/**
 * RSS after many calls says little on its own: V8 collects lazily while memory is plentiful. Run with
 * the old space capped (NODE_OPTIONS=--max-old-space-size, given when the server was started), a leak of
 * even a few kB per call exhausts the heap and the server dies or fails calls; garbage does not.
 */
export async function measureBoundedHeap(pid: number, call: Call, callCount: number): Promise<BoundedHeap> {
  const counted = countingAnswers(call);
  await runConcurrent(counted.call, 32, callCount);
  return { calls: callCount, answered: counted.answered(), rss: await idleRss(pid) };
}
