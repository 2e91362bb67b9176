// The table rows: each measurement beside its floor, the comparison that matters, and the target from
// the project's brief with a verdict. Formatting only; the numbers come from the measuring modules.

import { cpus } from "node:os";
import type { ColdStart } from "./cold-start.ts";
import type { Balanced, BusyCores, HttpSequential } from "./http.ts";
import type { BoundedHeap, Memory } from "./memory.ts";
import type { Load } from "./per-call.ts";
import type { RegenTypecheck, Timing } from "./regen-typecheck.ts";
import type { Row } from "./report.ts";
import { mb, median, ms, pairedRatios, percentile, signedMs } from "./stats.ts";

const x = (ratio: number) => (Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : "—");
const count = (n: number) => n.toLocaleString("en");
const p50p99 = (samples: number[]) => `p50 ${ms(median(samples))}, p99 ${ms(percentile(samples, 99))}`;
const signed = (bytes: number) => `${bytes < 0 ? "−" : "+"}${mb(Math.abs(bytes))}`;
const seconds = (value: number) => (Number.isFinite(value) ? `${(value / 1000).toFixed(2)} s` : "—");
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function coldStartRow(cold: ColdStart): Row {
  const ratios = pairedRatios(cold.shipped, cold.floor);
  const summary = (s: number[]) => `median ${ms(median(s), 0)}, p90 ${ms(percentile(s, 90), 0)}`;
  return {
    measure: `Cold start: spawn → first tools/list answered (${cold.shipped.length} pairs)`,
    shipped: summary(cold.shipped),
    floor: `one-tool McpServer (tsc): ${summary(cold.floor)}`,
    comparison: `paired ratio median ${x(median(ratios))}, p90 ${x(percentile(ratios, 90))}`,
    target: "≤ 0.80× floor",
    met: median(ratios) <= 0.8,
  };
}

/** Sequential list_models against the direct fetch; `judged` holds it to the brief's overhead target. */
export function sequentialRow(seq: { tool: number[]; direct: number[] }, label: string, judged: boolean): Row {
  const overhead50 = median(seq.tool) - median(seq.direct);
  const overhead99 = percentile(seq.tool, 99) - percentile(seq.direct, 99);
  return {
    measure: `list_models ${label}, sequential (${count(seq.tool.length)} calls)`,
    shipped: p50p99(seq.tool),
    floor: `direct fetch: ${p50p99(seq.direct)}`,
    comparison: `overhead p50 ${signedMs(overhead50)}, p99 ${signedMs(overhead99)}`,
    target: judged ? "overhead ≤ 0.5 ms p50, ≤ 2 ms p99" : "",
    ...(judged ? { met: overhead50 <= 0.5 && overhead99 <= 2 } : {}),
  };
}

/** The same calls through a plain SDK + fetch server: how much of the overhead is the SDK's, how much ours. */
export function plainServerRow(seq: { tool: number[]; direct: number[]; plain: number[] }): Row {
  const overhead50 = median(seq.tool) - median(seq.direct);
  const plain50 = median(seq.plain) - median(seq.direct);
  return {
    measure: "… the same tool written plainly",
    shipped: "",
    floor: `plain SDK + fetch server: ${p50p99(seq.plain)}`,
    comparison: `stdio + SDK alone p50 ${signedMs(plain50)}; litellm-mcp's own work p50 ${signedMs(overhead50 - plain50)}`,
    target: "",
  };
}

export function concurrentRow(concurrency: number, load: { tool: Load; direct: Load; plain: Load }): Row {
  const tput = (l: Load) => median(l.throughput);
  const p99 = (l: Load) => percentile(l.latencies, 99);
  const answered = load.tool.latencies.length;
  return {
    measure: `list_models at concurrency ${concurrency} (${count(answered)} calls)`,
    shipped: `${count(Math.round(tput(load.tool)))} calls/s, p99 ${ms(p99(load.tool))}`,
    floor: `direct fetch: ${count(Math.round(tput(load.direct)))} calls/s, p99 ${ms(p99(load.direct))}; plain server: ${count(Math.round(tput(load.plain)))} calls/s, p99 ${ms(p99(load.plain))}`,
    comparison: `throughput ${x(tput(load.tool) / tput(load.direct))} of direct, ${x(tput(load.tool) / tput(load.plain))} of plain; p99 overhead ${signedMs(p99(load.tool) - p99(load.direct))}`,
    target: "",
  };
}

export function memoryRows(shipped: Memory, plain: Memory): Row[] {
  const growth = (m: Memory) => m.burstPeak - m.idle;
  const warmGrowth = (m: Memory) => m.burstPeak - m.warmIdle;
  const burst = (m: Memory) => `peak ${mb(m.burstPeak)}: ${signed(growth(m))} from idle, ${signed(warmGrowth(m))} from warm idle; ${m.burstAnswered}/${m.burstCalls} answered`;
  return [
    {
      measure: "RSS idle: initialized / after one call",
      shipped: `${mb(shipped.idle)} / ${mb(shipped.warmIdle)}`,
      floor: `plain SDK + fetch server: ${mb(plain.idle)} / ${mb(plain.warmIdle)}`,
      comparison: `${signed(shipped.idle - plain.idle)} / ${signed(shipped.warmIdle - plain.warmIdle)}`,
      target: "",
    },
    {
      measure: `RSS during ${shipped.burstCalls} concurrent calls`,
      shipped: burst(shipped),
      floor: `plain server: ${burst(plain)}`,
      comparison: `growth ${signed(growth(shipped) - growth(plain))} vs the plain server`,
      target: "growth from idle ≤ 30 MB, all answered",
      met: growth(shipped) <= 30 * 2 ** 20 && shipped.burstAnswered === shipped.burstCalls,
    },
    {
      measure: `RSS after ${count(shipped.callCount)} calls (+1 s idle)`,
      shipped: `${mb(shipped.afterCalls)} (${signed(shipped.afterCalls - shipped.idle)} from idle)`,
      floor: `plain server: ${mb(plain.afterCalls)} (${signed(plain.afterCalls - plain.idle)})`,
      comparison: signed(shipped.afterCalls - plain.afterCalls),
      target: "",
    },
  ];
}

export function boundedHeapRow(shipped: BoundedHeap, plain: BoundedHeap, limitMb: number): Row {
  const after = (m: BoundedHeap) => `${count(m.answered)}/${count(m.calls)} answered, then ${mb(m.rss)}`;
  return {
    measure: `Leak check: ${count(shipped.calls)} calls with the heap capped at ${limitMb} MB`,
    shipped: after(shipped),
    floor: `plain server: ${after(plain)}`,
    comparison: signed(shipped.rss - plain.rss),
    target: "all answered (a leak would exhaust the heap)",
    met: shipped.answered === shipped.calls,
  };
}

export function sizeRow(selection: string, tools: number, shippedBytes: number, naiveBytes: number): Row {
  const tokens = (bytes: number) => `${count(bytes)} B (≈ ${count(Math.round(bytes / 4))} tokens)`;
  return {
    measure: `tools/list size, toolsets ${selection} (${tools} tools)`,
    shipped: tokens(shippedBytes),
    floor: `naive OpenAPI→MCP: ${tokens(naiveBytes)}`,
    comparison: `${((shippedBytes / naiveBytes) * 100).toFixed(1)}% of naive`,
    target: "≤ 25% of naive",
    met: shippedBytes / naiveBytes <= 0.25,
  };
}

export function regenRows(rt: RegenTypecheck): Row[] {
  const wall = (t: Timing[]) => median(t.map((r) => r.wall));
  const cpu = (t: Timing[]) => median(t.map((r) => r.cpu));
  const summary = (t: Timing[]) => `median ${seconds(wall(t))} (CPU ${seconds(cpu(t))})`;
  const wallRatios = pairedRatios(rt.typecheck.map((r) => r.wall), rt.unprunedTypecheck.map((r) => r.wall));
  const cpuRatios = pairedRatios(rt.typecheck.map((r) => r.cpu), rt.unprunedTypecheck.map((r) => r.cpu));
  const clean = rt.failures.length === 0;
  return [
    {
      measure: `npm run regen from the whole ${rt.sourceVersion} document (${plural(rt.regen.length, "run")})`,
      shipped: summary(rt.regen),
      floor: "",
      comparison: "",
      target: "≤ 5 s",
      met: wall(rt.regen) <= 5000 && clean,
    },
    {
      measure: `npm run typecheck (${plural(rt.typecheck.length, "pair")})`,
      shipped: summary(rt.typecheck),
      floor: `unpruned generated types: ${summary(rt.unprunedTypecheck)}`,
      comparison: `paired ratio median ${x(median(wallRatios))} (CPU ${x(median(cpuRatios))}); litellm-api.ts ${mb(rt.typesBytes.pruned)} vs ${mb(rt.typesBytes.unpruned)}`,
      target: "≤ 0.50× unpruned",
      met: median(wallRatios) <= 0.5 && clean,
    },
  ];
}

export function skippedRows(reason: string): Row[] {
  return [
    { measure: "npm run regen from a whole LiteLLM document", shipped: "", floor: "", comparison: "", target: "≤ 5 s", met: reason },
    { measure: "npm run typecheck", shipped: "", floor: "", comparison: "", target: "≤ 0.50× unpruned", met: reason },
  ];
}

/** One call over Streamable HTTP beside the same call over stdio, and beside the upstream fetched directly. */
export function httpSequentialRow(seq: HttpSequential): Row {
  const over = (a: number[], b: number[], p: number) => signedMs(percentile(a, p) - percentile(b, p));
  return {
    measure: `list_models over Streamable HTTP (loopback), sequential (${count(seq.http.length)} calls)`,
    shipped: p50p99(seq.http),
    floor: `same server over stdio: ${p50p99(seq.stdio)}`,
    comparison: `HTTP − stdio p50 ${over(seq.http, seq.stdio, 50)}, p99 ${over(seq.http, seq.stdio, 99)}; HTTP − direct fetch p50 ${over(seq.http, seq.direct, 50)}${
      seq.cpuPerCall ? `; server CPU per call: HTTP ${ms(seq.cpuPerCall.http)}, stdio ${ms(seq.cpuPerCall.stdio)}` : ""
    }`,
    target: "",
  };
}

/** Calls per second through nginx with two replicas beside one, rounds paired in time. */
export function balancedRow(balanced: Balanced, concurrency: number): Row {
  const measure = `list_models through nginx, caller mode, concurrency ${concurrency}`;
  if ("skipped" in balanced) return { measure, shipped: "", floor: "", comparison: "", target: "", met: balanced.skipped };
  const { loads, busy } = balanced;
  const tput = (l: Load) => median(l.throughput);
  const load = (l: Load) => `${count(Math.round(tput(l)))} calls/s, p99 ${ms(percentile(l.latencies, 99))}`;
  const ratios = pairedRatios(loads.two.throughput, loads.one.throughput);
  const cores = (b: BusyCores) => `replicas ${b.replicas.toFixed(2)}, nginx ${b.nginx.toFixed(2)}, load generator and stand-in ${b.loadGenerator.toFixed(2)}`;
  return {
    measure: `${measure} (${count(loads.two.latencies.length)} calls per arm)`,
    shipped: `2 replicas: ${load(loads.two)}`,
    floor: `1 replica: ${load(loads.one)}; 1 replica without nginx: ${load(loads.replica)}`,
    comparison: `2 ÷ 1 replicas: ${x(median(ratios))} the calls/s (per round: ${ratios.map(x).join(", ")})${
      busy ? `; cores busy with 1 replica: ${cores(busy.one)}; with 2: ${cores(busy.two)} (machine: ${cpus().length})` : ""
    }`,
    target: "",
  };
}
