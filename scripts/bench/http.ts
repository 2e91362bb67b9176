// The HTTP mode: what one call costs over Streamable HTTP beside the same call over stdio (both against the
// same upstream, call by call in turn, both through the SDK's client), and what a second replica behind
// nginx buys: calls per second at concurrency 50 through nginx with one replica and with two, rounds
// alternated, plus one replica without nginx. The balancer's load is plain POSTs of a tools/call (a
// stateless server needs no initialize first): the SDK's client costs more CPU per call than the server,
// so with it the load generator, not the replicas, would run out of CPU first.

import { readdir } from "node:fs/promises";
import type { FakeLiteLLM } from "../../test/support/fake-litellm.ts";
import { findNginx, startNginx, type RunningNginx } from "../../test/support/nginx.ts";
import { connectHttp, mcpHeaders, startHttpInstance, type HttpInstance } from "../../test/support/spawn-http.ts";
import { LATEST_PROTOCOL_VERSION } from "@modelcontextprotocol/client";
import type { Revision } from "../../test/support/revisions.ts";
import { cpuMs, parentOf } from "./proc-stat.ts";
import { clientCall, directCall, measureConcurrent, measureSequential, runConcurrent, toolCall, type Call, type Load } from "./per-call.ts";
import { startServer } from "./spawn.ts";

export interface HttpPlan {
  sequential: number;
  balancedTotal: number;
  rounds: number;
}

export const BALANCED_CONCURRENCY = 50;
const CALLER_KEY = "sk-bench-caller-0000000000";
const WARM_UP_CALLS = 1_000;

export interface HttpSequential {
  revision: Revision;
  stdio: number[];
  http: number[];
  direct: number[];
  /** CPU milliseconds each server process spent per call (Linux: /proc/<pid>/stat), when readable. */
  cpuPerCall?: { stdio: number; http: number };
}

/** Cores each part kept busy while an arm ran: CPU time ÷ wall time (Linux only: read from /proc). */
export interface BusyCores {
  replicas: number;
  nginx: number;
  /** This process: the load generator and the stand-in upstream. */
  loadGenerator: number;
}

type Arm = "replica" | "one" | "two";
export type Balanced = { loads: Record<Arm, Load>; busy?: Record<Arm, BusyCores> } | { skipped: string };

/** Each step's servers and clients are stopped however the step ends. */
async function stopAll(stops: (() => Promise<unknown>)[]): Promise<void> {
  for (const stop of stops.reverse()) await stop().catch(() => {});
}

export async function measureHttpSequential(shipped: string, env: Record<string, string>, directArgs: [string, string, string], count: number, revision: Revision): Promise<HttpSequential> {
  const stops: (() => Promise<unknown>)[] = [];
  try {
    const stdio = await startServer(shipped, env, revision);
    stops.push(() => stdio.close());
    const http = await startHttpInstance([], env);
    stops.push(() => http.stop());
    const client = await connectHttp(http.url, {}, { revision });
    stops.push(() => client.close());
    const before = { stdio: await cpuMs(stdio.pid), http: await cpuMs(http.pid) };
    const samples = await measureSequential({ stdio: toolCall(stdio), http: clientCall(client), direct: directCall(...directArgs) }, count);
    const after = { stdio: await cpuMs(stdio.pid), http: await cpuMs(http.pid) };
    // measureSequential also makes min(200, count) warm-up calls of each arm.
    const calls = count + Math.min(200, count);
    const perCall = (arm: "stdio" | "http") => (after[arm]! - before[arm]!) / calls;
    return before.stdio === undefined || before.http === undefined ? { revision, ...samples } : { revision, ...samples, cpuPerCall: { stdio: perCall("stdio"), http: perCall("http") } };
  } finally {
    await stopAll(stops);
  }
}

/** The pids whose parent is `pid` (nginx's workers), from /proc. */
async function childrenOf(pid: number): Promise<number[]> {
  const children: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    if ((await parentOf(Number(entry))) === pid) children.push(Number(entry));
  }
  return children;
}

/**
 * CPU time of the replicas, of nginx (master and workers) and of this process while each arm runs, summed
 * over its rounds and divided by its wall time. Unavailable (undefined) where /proc cannot be read.
 */
async function busyCoresPerArm(pids: { replicas: number[]; nginx: number[] }) {
  const nginx = [...pids.nginx, ...(await Promise.all(pids.nginx.map(childrenOf))).flat()];
  const sum = async (list: number[]) => {
    const each = await Promise.all(list.map((pid) => cpuMs(pid)));
    return each.some((ms) => ms === undefined) ? undefined : each.reduce((a, b) => a! + b!, 0)!;
  };
  const sample = async () => {
    const own = process.cpuUsage();
    return { at: performance.now(), replicas: await sum(pids.replicas), nginx: await sum(nginx), loadGenerator: (own.user + own.system) / 1000 };
  };
  type Sample = Awaited<ReturnType<typeof sample>>;
  const spent = new Map<Arm, { wall: number; replicas: number; nginx: number; loadGenerator: number }>();
  let started: Sample | undefined;
  let readable = true;
  return {
    observe: {
      start: async () => {
        started = await sample();
      },
      stop: async (arm: Arm) => {
        const ended = await sample();
        if (started!.replicas === undefined || ended.replicas === undefined || started!.nginx === undefined || ended.nginx === undefined) readable = false;
        const so = spent.get(arm) ?? { wall: 0, replicas: 0, nginx: 0, loadGenerator: 0 };
        spent.set(arm, {
          wall: so.wall + ended.at - started!.at,
          replicas: so.replicas + (ended.replicas ?? 0) - (started!.replicas ?? 0),
          nginx: so.nginx + (ended.nginx ?? 0) - (started!.nginx ?? 0),
          loadGenerator: so.loadGenerator + ended.loadGenerator - started!.loadGenerator,
        });
      },
    },
    result: (): Record<Arm, BusyCores> | undefined =>
      readable && spent.size > 0
        ? (Object.fromEntries(
            [...spent].map(([arm, t]) => [arm, { replicas: t.replicas / t.wall, nginx: t.nginx / t.wall, loadGenerator: t.loadGenerator / t.wall }]),
          ) as Record<Arm, BusyCores>)
        : undefined,
  };
}

/** list_models as one plain POST with the caller's key, checked for a successful result. */
function postedCall(url: URL): Call {
  const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "list_models", arguments: {} } });
  const headers = { ...mcpHeaders, authorization: `Bearer ${CALLER_KEY}`, "mcp-protocol-version": LATEST_PROTOCOL_VERSION };
  return async () => {
    const response = await fetch(url, { method: "POST", headers, body });
    const text = await response.text();
    if (!response.ok || !text.includes('"structuredContent"') || text.includes('"isError":true')) {
      throw new Error(`list_models through ${url.host} failed during the benchmark: HTTP ${response.status} ${text.slice(0, 200)}`);
    }
  };
}

/** Two caller-mode replicas; nginx in front of the first alone, and of both. */
export async function measureBalanced(upstream: FakeLiteLLM, plan: HttpPlan): Promise<Balanced> {
  const nginx = findNginx();
  if (!nginx) return { skipped: "nginx is not installed (apt-get install -y nginx)" };
  upstream.state.mint(CALLER_KEY, { user_id: "bench" });
  const stops: (() => Promise<unknown>)[] = [];
  try {
    const replicas: HttpInstance[] = [];
    for (let i = 0; i < 2; i++) {
      const replica = await startHttpInstance([], { LITELLM_HOST: upstream.url, LITELLM_MCP_AUTH: "caller" });
      stops.push(() => replica.stop());
      replicas.push(replica);
    }
    const balancers: RunningNginx[] = [];
    for (const set of [replicas.slice(0, 1), replicas]) {
      const balancer = await startNginx(nginx, set.map((r) => r.url));
      stops.push(() => balancer.stop());
      balancers.push(balancer);
    }
    const arms = { replica: postedCall(replicas[0]!.url), one: postedCall(balancers[0]!.url), two: postedCall(balancers[1]!.url) };
    // Both replicas warmed alike (the JIT, the upstream connections), though only "two" reaches the second.
    for (const replica of replicas) await runConcurrent(postedCall(replica.url), BALANCED_CONCURRENCY, WARM_UP_CALLS);
    const parts = { replicas: replicas.map((r) => r.pid), nginx: balancers.map((b) => b.pid) };
    const busy = await busyCoresPerArm(parts);
    const loads = await measureConcurrent(arms, BALANCED_CONCURRENCY, plan.balancedTotal, plan.rounds, busy.observe);
    const cores = busy.result();
    return { loads, ...(cores ? { busy: cores } : {}) };
  } finally {
    await stopAll(stops);
  }
}
