// The HTTP mode: what one call costs over Streamable HTTP beside the same call over stdio (both against the
// same upstream, call by call in turn), and what a second replica behind nginx buys: calls per second at
// concurrency 50 through nginx with one replica and with two, rounds alternated, plus one replica without nginx.

import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { FakeLiteLLM } from "../../test/support/fake-litellm.ts";
import { findNginx, startNginx, type RunningNginx } from "../../test/support/nginx.ts";
import { connectHttp, startHttpInstance, type HttpInstance } from "../../test/support/spawn-http.ts";
import { clientCall, directCall, measureConcurrent, measureSequential, toolCall, type Load } from "./per-call.ts";
import { startServer } from "./spawn.ts";

export interface HttpPlan {
  sequential: number;
  balancedTotal: number;
  rounds: number;
}

export const BALANCED_CONCURRENCY = 50;
const CALLER_KEY = "sk-bench-caller-0000000000";

export interface HttpSequential {
  stdio: number[];
  http: number[];
  direct: number[];
}

export type Balanced = { replica: Load; one: Load; two: Load } | { skipped: string };

/** Each step's servers and clients are stopped however the step ends. */
async function stopAll(stops: (() => Promise<unknown>)[]): Promise<void> {
  for (const stop of stops.reverse()) await stop().catch(() => {});
}

export async function measureHttpSequential(shipped: string, env: Record<string, string>, directArgs: [string, string, string], count: number): Promise<HttpSequential> {
  const stops: (() => Promise<unknown>)[] = [];
  try {
    const stdio = await startServer(shipped, env);
    stops.push(() => stdio.close());
    const http = await startHttpInstance([], env);
    stops.push(() => http.stop());
    const client = await connectHttp(http.url);
    stops.push(() => client.close());
    return await measureSequential({ stdio: toolCall(stdio), http: clientCall(client), direct: directCall(...directArgs) }, count);
  } finally {
    await stopAll(stops);
  }
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
    const connect = async (url: URL): Promise<Client> => {
      const client = await connectHttp(url, { requestInit: { headers: { authorization: `Bearer ${CALLER_KEY}` } } });
      stops.push(() => client.close());
      return client;
    };
    const arms = { replica: clientCall(await connect(replicas[0]!.url)), one: clientCall(await connect(balancers[0]!.url)), two: clientCall(await connect(balancers[1]!.url)) };
    return await measureConcurrent(arms, BALANCED_CONCURRENCY, plan.balancedTotal, plan.rounds);
  } finally {
    await stopAll(stops);
  }
}
