// Runs the MCP Inspector's CLI — a client nobody in this project wrote — against the built server, over stdio
// (the Inspector spawns it) or over --http (a URL). Inspector 2.x speaks either protocol era
// (`--protocol-era legacy|modern`) and needs Node 22.19 or later, found as scripts/node22.ts says; without one
// the suites fall back to 0.15, the newest CLI that runs on Node 20, which speaks 2025 only.

import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { findNode22 } from "../../scripts/node22.ts";
import { requiredBy } from "./no-skips-reporter.ts";
import { BUILT_SERVER } from "./spawn-server.ts";

/** Pinned, each: the 2.x CLI on Node 22, and the fallback for machines with Node 20 only. */
export const INSPECTOR_2 = "@modelcontextprotocol/inspector@2.12.0";
export const INSPECTOR_NODE20 = "@modelcontextprotocol/inspector@0.15.0";

const node22 = findNode22([22, 19]);
// A run that requires everything (CI) runs the Inspector CI installs, never the fallback.
if ("missing" in node22 && requiredBy().length > 0) {
  throw new Error(`MCP Inspector 2.x is required in this run (${requiredBy().join(", ")}=require) but ${node22.missing}; \`npm run node:install\` installs one.`);
}

/** Which Inspector these suites run here, and why not 2.x if not. */
export const inspector: { package: string; eras: readonly ("legacy" | "modern")[]; node: string; fallback?: string } =
  "path" in node22
    ? { package: INSPECTOR_2, eras: ["legacy", "modern"], node: node22.path }
    : { package: INSPECTOR_NODE20, eras: ["legacy"], node: process.execPath, fallback: node22.missing };

export interface InspectorRun {
  code: number;
  stdout: string;
  stderr: string;
  /** The JSON-RPC result the CLI printed (2.x wraps it in {"result": …}; 0.15 prints it bare). */
  result: Record<string, unknown> | undefined;
}

export interface Target {
  /** Environment of the server the Inspector spawns over stdio. */
  env?: Record<string, string>;
  /** An --http server's URL instead, with the headers to send. */
  url?: URL;
  headers?: Record<string, string>;
  era?: "legacy" | "modern";
}

export function runInspector(target: Target, methodArgs: string[]): Promise<InspectorRun> {
  const is2 = inspector.package === INSPECTOR_2;
  const options = is2 ? ["--format", "json", "-q", ...(target.era ? ["--protocol-era", target.era] : [])] : [];
  const where = target.url
    ? ["--server-url", target.url.href, "--transport", "http", ...Object.entries(target.headers ?? {}).flatMap(([k, v]) => ["--header", `${k}: ${v}`])]
    : [...Object.entries(target.env ?? {}).flatMap(([k, v]) => ["-e", `${k}=${v}`]), process.execPath, BUILT_SERVER];
  const args = ["-y", inspector.package, "--cli", ...options, ...where, ...methodArgs];
  // The Inspector writes config under HOME; keep it out of the real one, and remove it afterwards.
  const home = mkdtempSync(join(tmpdir(), "inspector-home-"));
  return new Promise((resolve) => {
    execFile(
      "npx",
      args,
      {
        // npx runs the Inspector with the first node on PATH: Node 22 for 2.x. The server it spawns over stdio
        // is named by absolute path, so it runs on this Node.
        // The first run downloads it; later ones start from the cache without asking the registry again. The
        // registry is reached as npm itself reaches it here (a CA bundle the machine adds, if it adds one).
        env: {
          PATH: `${dirname(inspector.node)}:${process.env.PATH ?? ""}`,
          HOME: home,
          npm_config_cache: join(tmpdir(), "litellm-mcp-npx-cache"),
          npm_config_prefer_offline: "true",
          npm_config_update_notifier: "false",
          ...(process.env.NODE_EXTRA_CA_CERTS ? { NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS } : {}),
        },
        timeout: 180_000,
      },
      (error, stdout, stderr) => {
        rmSync(home, { recursive: true, force: true });
        const code = error ? ((error as { code?: number }).code ?? 1) : 0;
        resolve({ code, stdout, stderr, result: resultOf(stdout, is2) });
      },
    );
  });
}

function resultOf(stdout: string, wrapped: boolean): Record<string, unknown> | undefined {
  // 2.x prints the result, then (for an isError result) an error envelope: one JSON object per line.
  const first = stdout.split("\n").find((line) => line.trim().startsWith("{"));
  const text = wrapped ? first : stdout;
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    return (wrapped ? parsed.result : parsed) as Record<string, unknown> | undefined;
  } catch {
    return undefined;
  }
}
