// `npm run bench [-- --quick] [-- --out FILE] [-- --regen-from FILE]`: measures what users of litellm-mcp pay, each cost beside
// its floor in the same run, prints one table and (full runs) writes it to BENCHMARKS.md.

import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { FakeLiteLLM } from "../../test/support/fake-litellm.ts";
import { measureColdStarts } from "./cold-start.ts";
import { buildFloorServers } from "./floor-server.ts";
import { BOUNDED_HEAP_MB, measureBoundedHeap, measureMemory, type Memory } from "./memory.ts";
import { naiveTools, toolsListBytes } from "./naive-tools.ts";
import { directCall, measureConcurrent, measureSequential, toolCall } from "./per-call.ts";
import { documentOfVersion, measureRegenTypecheck } from "./regen-typecheck.ts";
import { markdown, table, type Row } from "./report.ts";
import { BALANCED_CONCURRENCY, measureBalanced, measureHttpSequential } from "./http.ts";
import { measureOwnWork } from "./own-work.ts";
import { profileSection, profileStarts } from "./start-profile.ts";
import { balancedRow, bareNodeRow, boundedHeapRow, coldStartRow, concurrentRow, httpSequentialRow, memoryRows, ownWorkRow, plainServerRow, regenRows, sequentialRow, sizeRow, skippedRows } from "./rows.ts";
import { startSizedUpstream } from "./sized-upstream.ts";
import { shippedEntry, startServer, type Running } from "./spawn.ts";
import { createWorkspace } from "./workspace.ts";
import { loadConfig } from "../../src/config/config.ts";
import { toolListings } from "../../src/mcp/tool-catalog.ts";
import { listedTools } from "../../src/mcp/tool-listing.ts";
import { TOOLSETS } from "../../src/policy/toolsets.ts";
import { keyInfo, modelList } from "../../test/support/litellm-answers.ts";
import { REVISIONS } from "../../test/support/revisions.ts";
import { VERSION } from "../../src/version.ts";
import { specInfo } from "../../generated/spec-info.ts";
import type { OperationRef } from "../regen/operations.ts";

const ROOT = join(fileURLToPath(new URL(".", import.meta.url)), "../..");
const MASTER_KEY = "sk-bench-master-0000000000";
/** Real LiteLLM documents committed with the tests; without the one spec/ came from, the regen rows are skipped. */
const LITELLM_DOCUMENTS = join(ROOT, "test/fixtures/litellm");
const LARGE_LIST = 100;
/** The direct fetch sends what the bridge sends, User-Agent included. */
const USER_AGENT = `litellm-mcp/${VERSION}`;

const FULL = { coldRounds: 24, profileStarts: 9, ownWorkCalls: 20_000, memoryRounds: 5, sequential: 2000, largeSequential: 500, concurrentTotal: 2000, rounds: 2, memoryCalls: 10_000, regenRuns: 3, balancedTotal: 2000, balancedRounds: 5 };
const QUICK = { coldRounds: 5, profileStarts: 3, ownWorkCalls: 3000, memoryRounds: 2, sequential: 300, largeSequential: 100, concurrentTotal: 400, rounds: 1, memoryCalls: 500, regenRuns: 1, balancedTotal: 400, balancedRounds: 1 };

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

/** Starts the servers, runs `body`, and always stops them. */
async function withServers<T>(entries: string[], env: Record<string, string>, body: (servers: Running[]) => Promise<T>): Promise<T> {
  const servers: Running[] = [];
  try {
    for (const entry of entries) servers.push(await startServer(entry, env));
    return await body(servers);
  } finally {
    for (const server of servers) await server.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { quick: { type: "boolean", default: false }, out: { type: "string" }, "regen-from": { type: "string" } } });
  const plan = values.quick ? QUICK : FULL;
  const out = values.out ?? (values.quick ? undefined : join(ROOT, "BENCHMARKS.md"));
  const started = Date.now();
  const rows: Row[] = [];
  const notes: string[] = [];
  /** Markdown after the table and its notes. */
  const sections: string[] = [];

  const shipped = await shippedEntry(ROOT);
  if (!existsSync(shipped)) throw new Error(`${shipped} does not exist: run \`npm run build\` first.`);
  const workspace = await createWorkspace(ROOT);
  const upstream = await new FakeLiteLLM({ masterKey: MASTER_KEY }).start();
  const large = await startSizedUpstream(LARGE_LIST, MASTER_KEY);
  try {
    log("compiling the floor servers with tsc");
    const floor = await buildFloorServers(ROOT, workspace);
    const env = { LITELLM_HOST: upstream.url, LITELLM_MASTER_KEY: MASTER_KEY };

    // The default toolsets and every toolset, each against the one-tool SDK server and plain Node, at each revision.
    const selections = { default: env, all: { ...env, LITELLM_MCP_TOOLSETS: "all" } };
    const toolCount = (settings: Record<string, string>) => listedTools(toolListings(), loadConfig(settings)).length;
    for (const revision of REVISIONS) {
      log(`cold start at ${revision}: ${plan.coldRounds} rounds of the one-tool SDK server, plain Node, and the server with the default and with every toolset`);
      const arms = { floor: { entry: floor.minimal, env }, bare: { entry: floor.bareNode, env }, default: { entry: shipped, env: selections.default }, all: { entry: shipped, env: selections.all } };
      const starts = await measureColdStarts(arms, revision, plan.coldRounds);
      for (const selection of ["default", "all"] as const) rows.push(coldStartRow(revision, selection, toolCount(selections[selection]), starts[selection], starts.floor));
      rows.push(bareNodeRow(revision, starts.bare, starts.floor));
    }

    log(`start-up CPU profile: ${plan.profileStarts} starts with the default toolsets at 2025-11-25`);
    sections.push(...profileSection(await profileStarts(shipped, env, "2025-11-25", plan.profileStarts), "the built server's start, spawn → initialize → tools/list, default toolsets, MCP 2025-11-25"));

    log(`own work per call: ${plan.ownWorkCalls} calls of the handler and of the fetch alone, in turn, for list_models and get_key_info`);
    rows.push(ownWorkRow(await measureOwnWork("list_models", {}, modelList, plan.ownWorkCalls)));
    rows.push(ownWorkRow(await measureOwnWork("get_key_info", { key: "sk-bench-key-0000000000" }, keyInfo, plan.ownWorkCalls)));

    await withServers([shipped, floor.plainFetch], env, async ([server, plain]) => {
      const arms = { tool: toolCall(server!), direct: directCall(upstream.url, MASTER_KEY, USER_AGENT), plain: toolCall(plain!) };
      log(`per call: ${plan.sequential} sequential calls of each`);
      const sequential = await measureSequential(arms, plan.sequential);
      rows.push(sequentialRow(sequential, "(2 models)", true), plainServerRow(sequential));
      for (const concurrency of [32, 200]) {
        log(`per call: concurrency ${concurrency}, ${plan.rounds} × ${plan.concurrentTotal} calls of each`);
        rows.push(concurrentRow(concurrency, await measureConcurrent(arms, concurrency, plan.concurrentTotal, plan.rounds)));
      }
    });

    for (const revision of REVISIONS) {
      log(`HTTP at ${revision}: ${plan.sequential} sequential calls over stdio, over HTTP and fetched directly, in turn`);
      rows.push(httpSequentialRow(await measureHttpSequential(shipped, env, [upstream.url, MASTER_KEY, USER_AGENT], plan.sequential, revision)));
    }
    log(`HTTP: ${plan.balancedRounds} × ${plan.balancedTotal} calls at concurrency ${BALANCED_CONCURRENCY} through nginx to 1 and to 2 replicas, and to 1 without nginx`);
    rows.push(balancedRow(await measureBalanced(upstream, { sequential: plan.sequential, balancedTotal: plan.balancedTotal, rounds: plan.balancedRounds }), BALANCED_CONCURRENCY));

    const largeEnv = { LITELLM_HOST: large.url, LITELLM_MASTER_KEY: MASTER_KEY };
    await withServers([shipped], largeEnv, async ([server]) => {
      const arms = { tool: toolCall(server!), direct: directCall(large.url, MASTER_KEY, USER_AGENT) };
      log(`per call: ${plan.largeSequential} sequential calls of each against a ${LARGE_LIST}-model list`);
      rows.push(sequentialRow(await measureSequential(arms, plan.largeSequential), `(${LARGE_LIST} models)`, false));
    });

    if (existsSync("/proc/self/status")) {
      log(`memory: ${plan.memoryRounds} rounds of a fresh server of each, idle and 200 concurrent calls; then ${plan.memoryCalls} calls`);
      // A fresh server of each per round, in turn (one sample of a burst says little: the plain server's growth
      // moved by 10 MB between runs); the last round's servers then take the many calls.
      const memory = { shipped: [] as Memory[], plain: [] as Memory[] };
      for (let round = 0; round < plan.memoryRounds; round++) {
        const calls = round === plan.memoryRounds - 1 ? plan.memoryCalls : 0;
        memory.shipped.push(await withServers([shipped], env, ([s]) => measureMemory(s!.pid, toolCall(s!), 200, calls)));
        memory.plain.push(await withServers([floor.plainFetch], env, ([s]) => measureMemory(s!.pid, toolCall(s!), 200, calls)));
      }
      rows.push(...memoryRows(memory.shipped, memory.plain));
      log(`memory: ${plan.memoryCalls} calls with the heap capped at ${BOUNDED_HEAP_MB} MB, for each server`);
      const bounded = { ...env, NODE_OPTIONS: `--max-old-space-size=${BOUNDED_HEAP_MB}` };
      const [shippedBounded, plainBounded] = [
        await withServers([shipped], bounded, ([s]) => measureBoundedHeap(s!.pid, toolCall(s!), plan.memoryCalls)),
        await withServers([floor.plainFetch], bounded, ([s]) => measureBoundedHeap(s!.pid, toolCall(s!), plan.memoryCalls)),
      ];
      rows.push(boundedHeapRow(shippedBounded, plainBounded, BOUNDED_HEAP_MB));
    } else {
      log("memory skipped: it reads /proc/<pid>/status, which only Linux has");
      rows.push({ measure: "RSS during 200 concurrent calls", shipped: "", floor: "", comparison: "", target: "growth from idle ≤ 30 MB, all answered", met: "no /proc (Linux only)" });
    }

    // What the assistant reads at the start of every session: the default tools, every toolset at once,
    // and each toolset alone, each beside the naive conversion of the same operations.
    const spec = JSON.parse(await readFile(join(ROOT, "spec/openapi.json"), "utf8"));
    const operations = JSON.parse(await readFile(join(ROOT, "spec/operations.json"), "utf8")) as (OperationRef & { tool: string })[];
    for (const selection of ["default", "all", ...Object.keys(TOOLSETS)]) {
      const tools = await withServers([shipped], { ...env, LITELLM_MCP_TOOLSETS: selection }, async ([s]) => (await s!.client.listTools()).tools);
      const served = new Set(tools.map((tool) => tool.name));
      const naive = naiveTools(spec, operations.filter((op) => served.has(op.tool)));
      rows.push(sizeRow(selection, tools.length, toolsListBytes(tools), toolsListBytes(naive)));
    }

    // The whole document spec/ was generated from (spec/ keeps only the pruned one): given, or in test/fixtures/litellm/.
    const source = values["regen-from"] ?? documentOfVersion(LITELLM_DOCUMENTS, specInfo.litellmVersion);
    if (source) {
      log(`regen and typecheck from ${source}: ${plan.regenRuns} × each, in copies of the project`);
      const rt = await measureRegenTypecheck(ROOT, source, workspace, plan.regenRuns);
      rows.push(...regenRows(rt));
      notes.push(...rt.failures.map((failure) => `Failed: ${failure}`));
    } else {
      const missing = `no openapi-${specInfo.litellmVersion}.json (the version spec/ was generated from) in ${LITELLM_DOCUMENTS}; pass --regen-from <that document, e.g. saved from a ${specInfo.litellmVersion} proxy's /openapi.json>`;
      log(`regen and typecheck skipped: ${missing}`);
      rows.push(...skippedRows(missing));
    }
  } finally {
    await upstream.stop();
    await large.stop();
    await workspace.remove();
  }

  console.log(table(rows));
  if (sections.length > 0) console.log(`\n${sections.join("\n")}`);
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (out) {
    const command = `npm run bench${values.quick ? " -- --quick" : ""}`;
    await writeFile(out, markdown({ date: new Date().toISOString().slice(0, 10), command, rows, notes: [...notes, ...METHOD_NOTES], sections }));
    log(`wrote ${out}`);
  }
}

const METHOD_NOTES = [
  "**Cold start**: the SDK `Client` over `StdioClientTransport` spawns `node <entry>` (the entry is package.json's `bin`, so this measures whatever `npm run build` ships), opens the session (2025-11-25: `initialize`; 2026-07-28: `server/discover`, with the client pinned to that revision), and times the first `tools/list` answer; each process is closed before the next spawn. Four arms, in rounds that run each once (each round starting one arm later): the server with the default toolsets, the server with `LITELLM_MCP_TOOLSETS=all`, the floor — `scripts/bench/minimal-server.ts`, a one-tool `McpServer` on the same SDK line (v2) served by `serveStdio`, compiled with plain tsc at bench time — and `scripts/bench/bare-node-server.cts`, plain Node answering with fixed JSON (what Node and the client cost with no server work at all). The server answers the opening and `tools/list` from the SDK's answers recorded at build time and the static tool listings (README, \"Start-up\"), and loads the bundled server once the host goes quiet, after the answer this row times.",
  "**Own work per call**: `scripts/bench/own-work.ts` calls the tool's handler as the SDK calls it after its own parsing and validation (policy, the request built, LiteLLM's answer mapped, checked against the output schema, redacted), in the benchmark's process, with a fetch that hands back a canned LiteLLM answer at once; beside it, call by call in turn, the same answer fetched and parsed alone. The difference of the medians is the bridge's own work, apart from the SDK's and the network's.",
  "**Per call**: `list_models` through the spawned server vs the same `GET /models` (same headers, JSON parsed) fetched by the benchmark process, and vs `scripts/bench/plain-fetch-server.ts` (the same tool as a bare fetch in a one-tool McpServer), all against one local upstream (`test/support/fake-litellm.ts`; a bare 100-model upstream for the large-list row), call by call in turn. Overhead = difference of the percentiles. The SDK client validates `structuredContent` against the tool's `outputSchema`, so that client-side cost counts as overhead too.",
  `**Memory**: VmRSS from /proc/<pid>/status of fresh servers, one of each per round, in turn (medians over the rounds): idle 2 s after initialize (for litellm-mcp, after it has loaded the bundled server), idle after one call (fetch and the call path loaded), the peak during 200 concurrent calls (VmRSS sampled every few ms, and VmHWM when it rose); the last round's servers then take the rest of the calls at concurrency 32. V8 collects lazily while memory is plentiful, so RSS after many calls mostly shows uncollected garbage; the leak check repeats the calls on fresh servers started with \`NODE_OPTIONS=--max-old-space-size=${BOUNDED_HEAP_MB}\`, where retained memory would exhaust the heap.`,
  `**HTTP**: the same built server started with \`--http\` on loopback, driven by the SDK's Streamable HTTP client, in turn with the stdio server and the direct fetch (master mode, the same upstream; its plain calls are answered by the long-lived server of their revision, README \"Streamable HTTP\"); server CPU per call is each server process's CPU time (/proc/<pid>/stat) over the calls, warm-up included. For the balancer, two replicas in caller mode behind Debian's nginx running the README's nginx site (test/support/nginx.ts swaps in loopback ports): one nginx in front of the first replica alone and one in front of both, and the first replica without nginx; both replicas are first warmed with 1,000 calls each; each round runs the three arms in turn (each round starting with the next arm) at concurrency ${BALANCED_CONCURRENCY}, each call one plain POST of a \`tools/call\` with the caller's key (a stateless server needs no \`initialize\` first; the SDK's client would cost the load generator more CPU per call than the server spends). The load generator, nginx, the upstream and the replicas all share this machine's cores, so a second replica can add only what the cores left over allow.`,
  "**tools/list size**: compact JSON of `{ tools }` as the server sends it with `LITELLM_MCP_TOOLSETS` set to the selection named (`default`: what it serves without the variable); the naive conversion (`scripts/bench/naive-tools.ts`) makes one tool per operation the selection's tools call, with every parameter and the request body's properties, $refs inlined, from spec/openapi.json. Tokens ≈ bytes / 4.",
  "**Regen and typecheck** run in temporary copies of the project (the worktree is never touched); the unpruned variant replaces generated/litellm-api.ts with openapi-typescript's output (`defaultNonNullable: false`) for the whole document regen ran from. Both typechecks are `npm run typecheck`, alternated.",
];

main().catch((error: unknown) => {
  console.error(`bench failed: ${(error as Error)?.stack ?? error}`);
  process.exit(1);
});
