// Runs the MCP Inspector's CLI — a client nobody in this project wrote — against the built server.

import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BUILT_SERVER } from "./spawn-server.ts";

/** Pinned: the newest Inspector whose CLI runs on Node 20 here. */
export const INSPECTOR = "@modelcontextprotocol/inspector@0.15.0";

export interface InspectorRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment's extra CA settings for Node and npm, and nothing else of it. */
function trustSettings(): Record<string, string> {
  const names = ["NODE_EXTRA_CA_CERTS", "SSL_CERT_FILE", "SSL_CERT_DIR", "npm_config_cafile"];
  return Object.fromEntries(names.flatMap((name) => (process.env[name] ? [[name, process.env[name]!]] : [])));
}

export function runInspector(env: Record<string, string>, methodArgs: string[]): Promise<InspectorRun> {
  const envArgs = Object.entries(env).flatMap(([k, v]) => ["-e", `${k}=${v}`]);
  const args = ["-y", INSPECTOR, "--cli", ...envArgs, process.execPath, BUILT_SERVER, ...methodArgs];
  // The Inspector writes config under HOME; keep it out of the real one, and remove it afterwards.
  const home = mkdtempSync(join(tmpdir(), "inspector-home-"));
  return new Promise((resolve) => {
    execFile(
      "npx",
      args,
      {
        // The npm cache is shared between runs so only the first run downloads.
        // Certificates the machine adds to Node's trust (a TLS-inspecting proxy's) are kept: npm on another
        // Node than the system's reads no global npmrc, so they are its only way to trust the registry.
        env: { ...trustSettings(), PATH: process.env.PATH ?? "", HOME: home, npm_config_cache: join(tmpdir(), "litellm-mcp-npx-cache"), npm_config_update_notifier: "false" },
        timeout: 180_000,
      },
      (error, stdout, stderr) => {
        rmSync(home, { recursive: true, force: true });
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}
