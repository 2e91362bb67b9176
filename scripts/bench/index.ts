// `npm run bench [-- --quick]`: measures what users of litellm-mcp pay beside the floor for each cost,
// prints one table and (full runs) writes it to BENCHMARKS.md. Ratios are paired within this run.

import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { FakeLiteLLM } from "../../test/support/fake-litellm.ts";
import { measureColdStart } from "./cold-start.ts";
import { buildFloorServer } from "./floor-server.ts";
import { idleRss, measureMemory } from "./memory.ts";
import { naiveTools, toolsListBytes } from "./naive-tools.ts";
import { directCall, measureConcurrent, measureSequential, noopCall, toolCall, type Concurrent } from "./per-call.ts";
import { measureRegenTypecheck } from "./regen-typecheck.ts";
import { markdown, table, type Row } from "./report.ts";
import { shippedEntry, startServer } from "./spawn.ts";
import { mb, median, ms, pairedRatios, percentile } from "./stats.ts";
import { createWorkspace } from "./workspace.ts";

const ROOT = join(fileURLToPath(new URL(".", import.meta.url)), "../..");
const MASTER_KEY = "sk-bench-master-0000000000";
const SOURCE = join(ROOT, "../shared/litellm/openapi-1.88.0.json");

const FULL = { coldPairs: 24, sequential: 2000, concurrentTotal: 2000, rounds: 3, memoryCalls: 10_000, regenRuns: 3 };
const QUICK = { coldPairs: 5, sequential: 300, concurrentTotal: 400, rounds: 1, memoryCalls: 1000, regenRuns: 0 };

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
const x = (ratio: number) => `${ratio.toFixed(2)}×`;
const pct = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;
const tokens = (bytes: number) => `${bytes.toLocaleString("en")} B (≈ ${Math.round(bytes / 4).toLocaleString("en")} tokens)`;
const p50p99 = (samples: number[]) => `p50 ${ms(median(samples))}, p99 ${ms(percentile(samples, 99))}`;

function concurrentRow(c: Concurrent): Row {
  const tput = (t: number[]) => `${Math.round(median(t)).toLocaleString("en")} calls/s`;
  const p99 = (l: number[]) => percentile(l, 99);
  const answered = c.tool.latencies.length;
  return {
    measure: `list_models at concurrency ${c.concurrency} (${answered.toLocaleString("en")} calls)`,
    shipped: `${tput(c.tool.throughput)}, p99 ${ms(p99(c.tool.latencies))}`,
    floor: `direct fetch: ${tput(c.direct.throughput)}, p99 ${ms(p99(c.direct.latencies))}`,
    comparison: `throughput ${x(median(c.tool.throughput) / median(c.direct.throughput))}, p99 +${ms(p99(c.tool.latencies) - p99(c.direct.latencies))}`,
    target: "",
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { quick: { type: "boolean", default: false }, out: { type: "string" } } });
  const plan = values.quick ? QUICK : FULL;
  const out = values.out ?? (values.quick ? undefined : join(ROOT, "BENCHMARKS.md"));
  const started = Date.now();
  const rows: Row[] = [];
  const notes: string[] = [];

  const workspace = await createWorkspace(ROOT);
  const upstream = await new FakeLiteLLM({ masterKey: MASTER_KEY }).start();
  try {
    const shipped = await shippedEntry(ROOT);
    if (!existsSync(shipped)) throw new Error(`${shipped} does not exist: run \`npm run build\` first.`);
    log(`building the floor server with tsc`);
    const floor = await buildFloorServer(ROOT, workspace);
    const env = { LITELLM_HOST: upstream.url, LITELLM_MASTER_KEY: MASTER_KEY };

    // 1. Cold start.
    log(`cold start: ${plan.coldPairs} pairs`);
    const cold = await measureColdStart(shipped, floor, env, plan.coldPairs);
    const coldRatios = pairedRatios(cold.shipped, cold.floor);
    rows.push({
      measure: `Cold start: spawn → first tools/list answered (${plan.coldPairs} pairs)`,
      shipped: `median ${ms(median(cold.shipped), 0)}, p90 ${ms(percentile(cold.shipped, 90), 0)}`,
      floor: `one-tool McpServer (tsc): median ${ms(median(cold.floor), 0)}, p90 ${ms(percentile(cold.floor, 90), 0)}`,
      comparison: `paired ratio median ${x(median(coldRatios))}, p90 ${x(percentile(coldRatios, 90))}`,
      target: "≤ 0.80× floor",
      met: median(coldRatios) <= 0.8,
    });

    // 2. Per-call overhead, and 3. memory, against the local upstream.
    const server = await startServer(shipped, env);
    const floorServer = await startServer(floor, env);
    try {
      const userAgent = `litellm-mcp/${JSON.parse(await readFile(join(ROOT, "package.json"), "utf8")).version}`;
      const calls = { tool: toolCall(server), direct: directCall(upstream.url, MASTER_KEY, userAgent), noop: noopCall(floorServer) };

      log(`per call: ${plan.sequential} sequential calls of each`);
      const seq = await measureSequential(calls, plan.sequential);
      const overhead50 = median(seq.tool) - median(seq.direct);
      const overhead99 = percentile(seq.tool, 99) - percentile(seq.direct, 99);
      rows.push({
        measure: `list_models, sequential (${plan.sequential.toLocaleString("en")} calls)`,
        shipped: p50p99(seq.tool),
        floor: `direct fetch: ${p50p99(seq.direct)}`,
        comparison: `overhead p50 ${ms(overhead50)}, p99 ${ms(overhead99)}`,
        target: "overhead ≤ 0.5 ms p50, ≤ 2 ms p99",
        met: overhead50 <= 0.5 && overhead99 <= 2,
      });
      rows.push({
        measure: "… of which stdio + SDK alone",
        shipped: "",
        floor: `no-op tool on the floor server: ${p50p99(seq.noop)}`,
        comparison: `bridge's own work p50 ≈ ${ms(overhead50 - median(seq.noop))}`,
        target: "",
      });

      for (const concurrency of [32, 200]) {
        log(`per call: concurrency ${concurrency}, ${plan.rounds} × ${plan.concurrentTotal} calls of each`);
        rows.push(concurrentRow(await measureConcurrent(calls, concurrency, plan.concurrentTotal, plan.rounds)));
      }
    } finally {
      await server.close();
      await floorServer.close();
    }

    log(`memory: idle, 200 concurrent calls, then ${plan.memoryCalls} calls`);
    const fresh = await startServer(shipped, env);
    const freshFloor = await startServer(floor, env);
    try {
      const memory = await measureMemory(fresh.pid, toolCall(fresh), 200, plan.memoryCalls);
      const floorIdle = await idleRss(freshFloor.pid);
      const growth = memory.burstPeak - memory.idle;
      rows.push({ measure: "RSS idle (after initialize)", shipped: mb(memory.idle), floor: `one-tool McpServer: ${mb(floorIdle)}`, comparison: `+${mb(memory.idle - floorIdle)}`, target: "" });
      rows.push({
        measure: `RSS peak during ${memory.burstCalls} concurrent calls`,
        shipped: mb(memory.burstPeak),
        floor: "",
        comparison: `growth +${mb(growth)}; ${memory.burstAnswered}/${memory.burstCalls} answered`,
        target: "growth ≤ 30 MB, all answered",
        met: growth <= 30 * 2 ** 20 && memory.burstAnswered === memory.burstCalls,
      });
      rows.push({ measure: `RSS after ${memory.callCount.toLocaleString("en")} calls (+1 s idle)`, shipped: mb(memory.afterCalls), floor: "", comparison: `${memory.afterCalls >= memory.idle ? "+" : "−"}${mb(Math.abs(memory.afterCalls - memory.idle))} vs idle`, target: "" });

      // 4. tools/list size: what the assistant reads on every session.
      const { tools } = await fresh.client.listTools();
      const spec = JSON.parse(await readFile(join(ROOT, "spec/openapi.json"), "utf8"));
      const operations = JSON.parse(await readFile(join(ROOT, "spec/operations.json"), "utf8"));
      const shippedBytes = toolsListBytes(tools);
      const naiveBytes = toolsListBytes(naiveTools(spec, operations));
      rows.push({
        measure: `tools/list size (${tools.length} tools, ${operations.length} operations)`,
        shipped: tokens(shippedBytes),
        floor: `naive OpenAPI→MCP: ${tokens(naiveBytes)}`,
        comparison: pct(shippedBytes / naiveBytes),
        target: "≤ 25% of naive",
        met: shippedBytes / naiveBytes <= 0.25,
      });
    } finally {
      await fresh.close();
      await freshFloor.close();
    }

    // 5. Regen and typecheck.
    const skip = plan.regenRuns === 0 ? "not in --quick" : existsSync(SOURCE) ? undefined : `${SOURCE} is absent`;
    if (skip) {
      log(`regen and typecheck skipped: ${skip}`);
      rows.push({ measure: "npm run regen (1.88.0 document)", shipped: "", floor: "", comparison: "", target: "≤ 5 s", met: skip });
      rows.push({ measure: "npm run typecheck", shipped: "", floor: "", comparison: "", target: "≤ 0.50× unpruned", met: skip });
    } else {
      log(`regen and typecheck: ${plan.regenRuns} runs of each`);
      const rt = await measureRegenTypecheck(ROOT, SOURCE, workspace, plan.regenRuns);
      const typeRatios = pairedRatios(rt.typecheck, rt.unprunedTypecheck);
      const s = (samples: number[]) => `${(median(samples) / 1000).toFixed(2)} s`;
      rows.push({ measure: `npm run regen (1.88.0 document, ${plan.regenRuns} runs)`, shipped: `median ${s(rt.regen)}`, floor: "", comparison: "", target: "≤ 5 s", met: median(rt.regen) <= 5000 && rt.failures.length === 0 });
      rows.push({
        measure: `npm run typecheck (${plan.regenRuns} pairs)`,
        shipped: `median ${s(rt.typecheck)}`,
        floor: `unpruned generated types: median ${s(rt.unprunedTypecheck)}`,
        comparison: `paired ratio median ${x(median(typeRatios))}; types ${mb(rt.typesBytes.pruned)} vs ${mb(rt.typesBytes.unpruned)}`,
        target: "≤ 0.50× unpruned",
        met: median(typeRatios) <= 0.5 && rt.failures.length === 0,
      });
      for (const failure of rt.failures) notes.push(`Failed: ${failure}`);
    }
  } finally {
    await upstream.stop();
    await workspace.remove();
  }

  notes.push(...METHOD_NOTES);
  const command = `npm run bench${values.quick ? " -- --quick" : ""}`;
  console.log(table(rows));
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (out) {
    await writeFile(out, markdown({ date: new Date().toISOString().slice(0, 10), command, rows, notes }));
    log(`wrote ${out}`);
  }
}

const METHOD_NOTES = [
  "Cold start: the SDK `Client` over `StdioClientTransport` spawns `node <entry>` (the entry is read from package.json's `bin`), initializes, and times the first `tools/list` answer; the process is closed before the next spawn. The floor is `scripts/bench/minimal-server.ts`, compiled with plain tsc at bench time.",
  "Per call: `list_models` through the spawned server vs the same `GET /models` (same headers, JSON parsed) fetched by the benchmark process, against the same local upstream (`test/support/fake-litellm.ts`), each call alternating with the other. Overhead = difference of the percentiles. The SDK client validates `structuredContent` against the tool's `outputSchema`, so that client-side cost is counted in the overhead too.",
  "Memory: VmRSS from /proc/<pid>/status of a fresh server; the burst peak is the largest of VmRSS sampled every few ms and VmHWM when it rose during the burst.",
  "tools/list size: compact JSON of `{ tools }` as the server sends it; the naive conversion (`scripts/bench/naive-tools.ts`) makes one tool per operation in spec/operations.json with every parameter and the request body's properties, $refs inlined, from spec/openapi.json. Tokens ≈ bytes / 4.",
  "Regen and typecheck run in temporary copies of the project (the worktree is never touched); the unpruned variant replaces generated/litellm-api.ts with openapi-typescript's output (`defaultNonNullable: false`) for the whole 1.88.0 document.",
];

main().catch((error: unknown) => {
  console.error(`bench failed: ${(error as Error)?.stack ?? error}`);
  process.exit(1);
});
