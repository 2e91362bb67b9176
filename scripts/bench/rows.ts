// The table rows: each measurement beside its floor, the comparison that matters, and the target from
// the project's brief with a verdict. Formatting only; the numbers come from the measuring modules.

import { cpus } from "node:os";
import type { Balanced, BusyCores, HttpSequential } from "./http.ts";
import type { BoundedHeap, Memory } from "./memory.ts";
import type { OwnWork } from "./own-work.ts";
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

const startSummary = (s: number[]) => `median ${ms(median(s), 0)}, p90 ${ms(percentile(s, 90), 0)}`;

/** The shipped server's cold start under one selection of toolsets, against the one-tool SDK server in the same rounds. */
export function coldStartRow(revision: string, selection: string, tools: number, shipped: number[], floor: number[]): Row {
  const ratios = pairedRatios(shipped, floor);
  return {
    measure: `Cold start ${revision}: spawn → first tools/list answered, toolsets ${selection} (${tools} tools; ${shipped.length} rounds)`,
    shipped: startSummary(shipped),
    floor: `one-tool McpServer, same SDK (v2), tsc: ${startSummary(floor)}`,
    comparison: `paired ratio median ${x(median(ratios))}, p90 ${x(percentile(ratios, 90))}`,
    target: "≤ 0.60× floor",
    met: median(ratios) <= 0.6,
  };
}

/** Fixed answers in plain Node, in the same rounds: what is left of a start once every server's own work is gone. */
export function bareNodeRow(revision: string, bare: number[], floor: number[]): Row {
  const ratios = pairedRatios(bare, floor);
  return {
    measure: `… the same start with no server work (${revision})`,
    shipped: "",
    floor: `plain Node answering with fixed JSON: ${startSummary(bare)}`,
    comparison: `paired ratio median ${x(median(ratios))} of the one-tool server`,
    target: "",
  };
}

/** The bridge's own work per call, in-process, beside what the fetch of the same answer costs any tool. */
export function ownWorkRow(work: OwnWork): Row {
  const own = median(work.handler) - median(work.fetchOnly);
  return {
    measure: `${work.tool}: the server's own work per call, apart from SDK and network (${count(work.handler.length)} calls)`,
    shipped: `handler ${p50p99(work.handler)}`,
    floor: `the fetch of the same answer alone: ${p50p99(work.fetchOnly)}`,
    comparison: `own work p50 ${signedMs(own, 3)}`,
    target: "≤ 0.2 ms p50",
    met: own <= 0.2,
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

/** Fresh servers' memory, one sample per round (the last round's also took the many calls): medians of each figure. */
export function memoryRows(shippedRounds: Memory[], plainRounds: Memory[]): Row[] {
  const growth = (m: Memory) => m.burstPeak - m.idle;
  const warmGrowth = (m: Memory) => m.burstPeak - m.warmIdle;
  const summary = (rounds: Memory[]) => ({
    idle: median(rounds.map((m) => m.idle)),
    warmIdle: median(rounds.map((m) => m.warmIdle)),
    peak: median(rounds.map((m) => m.burstPeak)),
    growth: median(rounds.map(growth)),
    warmGrowth: median(rounds.map(warmGrowth)),
    answered: rounds.every((m) => m.burstAnswered === m.burstCalls),
    last: rounds.at(-1)!,
  });
  const [shipped, plain] = [summary(shippedRounds), summary(plainRounds)];
  const burst = (m: ReturnType<typeof summary>) =>
    `peak ${mb(m.peak)}: ${signed(m.growth)} from idle, ${signed(m.warmGrowth)} from warm idle; all answered: ${m.answered ? "yes" : "no"}`;
  const rounds = `median of ${shippedRounds.length} fresh servers each`;
  return [
    {
      measure: `RSS idle: initialized / after one call (${rounds})`,
      shipped: `${mb(shipped.idle)} / ${mb(shipped.warmIdle)}`,
      floor: `plain SDK + fetch server: ${mb(plain.idle)} / ${mb(plain.warmIdle)}`,
      comparison: `${signed(shipped.idle - plain.idle)} / ${signed(shipped.warmIdle - plain.warmIdle)}`,
      target: "both ≤ floor + 10 MB",
      met: shipped.idle - plain.idle <= 10 * 2 ** 20 && shipped.warmIdle - plain.warmIdle <= 10 * 2 ** 20,
    },
    {
      measure: `RSS during ${shipped.last.burstCalls} concurrent calls (${rounds})`,
      shipped: burst(shipped),
      floor: `plain server: ${burst(plain)}`,
      comparison: `growth ${signed(shipped.growth - plain.growth)} vs the plain server (each round: ${shippedRounds.map((m) => signed(growth(m))).join(", ")} against ${plainRounds.map((m) => signed(growth(m))).join(", ")})`,
      target: "growth from idle ≤ the plain server's, all answered",
      met: shipped.growth <= plain.growth && shipped.answered,
    },
    {
      measure: `RSS after ${count(shipped.last.callCount)} calls (+1 s idle)`,
      shipped: `${mb(shipped.last.afterCalls)} (${signed(shipped.last.afterCalls - shipped.last.idle)} from idle)`,
      floor: `plain server: ${mb(plain.last.afterCalls)} (${signed(plain.last.afterCalls - plain.last.idle)})`,
      comparison: signed(shipped.last.afterCalls - plain.last.afterCalls),
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
    measure: `list_models over Streamable HTTP (loopback), MCP ${seq.revision}, sequential (${count(seq.http.length)} calls)`,
    shipped: p50p99(seq.http),
    floor: `same server over stdio: ${p50p99(seq.stdio)}`,
    comparison: `HTTP − stdio p50 ${over(seq.http, seq.stdio, 50)}, p99 ${over(seq.http, seq.stdio, 99)}; HTTP − direct fetch p50 ${over(seq.http, seq.direct, 50)}${
      seq.cpuPerCall ? `; server CPU per call: HTTP ${ms(seq.cpuPerCall.http)}, stdio ${ms(seq.cpuPerCall.stdio)} (${signedMs(seq.cpuPerCall.http - seq.cpuPerCall.stdio)})` : ""
    }`,
    target: "server CPU per call: HTTP ≤ stdio + 0.3 ms",
    met: seq.cpuPerCall ? seq.cpuPerCall.http - seq.cpuPerCall.stdio <= 0.3 : "no /proc (Linux only)",
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
