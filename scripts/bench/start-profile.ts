// Where a start's milliseconds go: the built server spawned as a host spawns it, under V8's sampling CPU
// profiler (node --cpu-prof), answering initialize and tools/list, then closed. Each profile's samples are
// summed by where they fell (Node's own start and module loading, the bin's code, the bundled server's,
// garbage collection, V8 outside JavaScript, waiting for the client), and the functions that took the most
// are named; the figures are medians over the starts.

import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { newClient, type Revision } from "../../test/support/revisions.ts";
import { median } from "./stats.ts";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface StartProfile {
  starts: number;
  /** Milliseconds per part, medians over the starts. */
  parts: [string, number][];
  /** The functions with the most self time: name, where, milliseconds (medians). */
  top: [string, string, number][];
}

/** Which part of the start a sample belongs to, by the script it ran in. */
function partOf(frame: ProfileNode["callFrame"]): string {
  if (frame.functionName === "(garbage collector)") return "garbage collection";
  if (frame.functionName === "(idle)") return "waiting for the client (idle)";
  if (frame.functionName === "(program)" || frame.functionName === "(root)") return "V8 and native code outside JavaScript";
  const file = basename(frame.url);
  if (file === "index.cjs") return "the bin's own code (dist/index.cjs)";
  if (file === "server.cjs") return "the bundled server (dist/server.cjs)";
  if (frame.url.startsWith("node:") || frame.url === "") return "Node's own start, module loading and I/O (node:internal, native)";
  return "other";
}

async function profileOneStart(entry: string, env: Record<string, string>, revision: Revision, dir: string): Promise<Profile> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ["--cpu-prof", `--cpu-prof-dir=${dir}`, "--cpu-prof-interval=100", entry],
    env: { PATH: process.env.PATH ?? "", ...env },
    stderr: "pipe",
  });
  const client = newClient("litellm-mcp-bench", { revision });
  await client.connect(transport);
  await client.listTools();
  // Closing waits for the process to exit, which is when it writes the profile.
  await client.close();
  const [file] = await readdir(dir);
  if (!file) throw new Error(`node --cpu-prof wrote no profile in ${dir}`);
  const profile = JSON.parse(await readFile(join(dir, file), "utf8")) as Profile;
  await rm(join(dir, file));
  return profile;
}

export async function profileStarts(entry: string, env: Record<string, string>, revision: Revision, starts: number): Promise<StartProfile> {
  const dir = await mkdtemp(join(tmpdir(), "litellm-mcp-start-profile-"));
  const parts = new Map<string, number[]>();
  const functions = new Map<string, number[]>();
  try {
    for (let run = 0; run < starts; run++) {
      const profile = await profileOneStart(entry, env, revision, dir);
      const byId = new Map(profile.nodes.map((node) => [node.id, node]));
      const partMs = new Map<string, number>();
      const functionMs = new Map<string, number>();
      profile.samples.forEach((id, i) => {
        const frame = byId.get(id)!.callFrame;
        const ms = (profile.timeDeltas[i] ?? 0) / 1000;
        const part = partOf(frame);
        partMs.set(part, (partMs.get(part) ?? 0) + ms);
        if (frame.functionName === "(idle)") return;
        const key = `${frame.functionName || "(top level)"}\u0000${frame.url ? `${basename(frame.url)}:${frame.lineNumber + 1}` : "native"}`;
        functionMs.set(key, (functionMs.get(key) ?? 0) + ms);
      });
      for (const [part, ms] of partMs) parts.set(part, [...(parts.get(part) ?? []), ms]);
      for (const [key, ms] of functionMs) functions.set(key, [...(functions.get(key) ?? []), ms]);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  // A part or function missing from a start took nothing in it.
  const medianOver = (values: number[]) => median([...values, ...Array<number>(starts - values.length).fill(0)]);
  return {
    starts,
    parts: [...parts].map(([part, ms]) => [part, medianOver(ms)] as [string, number]).sort((a, b) => b[1] - a[1]),
    top: [...functions]
      .map(([key, ms]) => [...(key.split("\u0000") as [string, string]), medianOver(ms)] as [string, string, number])
      .sort((a, b) => b[2] - a[2])
      .slice(0, 12),
  };
}

/** The profile as a section of BENCHMARKS.md. */
export function profileSection(profile: StartProfile, what: string): string[] {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  return [
    "## Where a start's milliseconds go",
    "",
    `CPU profile of ${what} (\`node --cpu-prof\`, sampled every 100 µs; medians over ${profile.starts} starts). The profile covers the server process from the moment V8 starts sampling, so Node's earliest bootstrap is not in it; the cold-start rows above put the whole start, client included, beside plain Node answering with fixed JSON.`,
    "",
    "| part | time |",
    "|---|---|",
    ...profile.parts.map(([part, value]) => `| ${part} | ${ms(value)} |`),
    "",
    "The functions that took the most (self time):",
    "",
    "| function | where | time |",
    "|---|---|---|",
    ...profile.top.map(([name, where, value]) => `| \`${name}\` | ${where} | ${ms(value)} |`),
    "",
  ];
}
