// Where this project finds a Node 22 for the tools that need one (the MCP conformance suite, MCP Inspector
// 2.x) while the server itself runs on Node 20 and later: LITELLM_MCP_NODE22, or the binary
// scripts/node-versions installs from the npm registry for CI.

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The binary `npm run node:install` puts in scripts/node-versions/ for a Node major version (22 or 24). */
export function installedNode(major: number): string {
  return fileURLToPath(new URL(`./node-versions/node_modules/node${major}/bin/node`, import.meta.url));
}

export type Node22 = { path: string; version: string } | { missing: string };

/** A Node binary of at least `minimum` (major.minor), or why there is none. */
export function findNode22(minimum: [number, number] = [22, 0]): Node22 {
  const path = process.env.LITELLM_MCP_NODE22?.trim() || installedNode(22);
  if (!existsSync(path)) {
    return { missing: `no Node 22 at ${path}: run \`npm run node:install\`, or set LITELLM_MCP_NODE22 to a Node 22 binary` };
  }
  const version = spawnSync(path, ["--version"], { encoding: "utf8" }).stdout?.trim() ?? "";
  const [major = 0, minor = 0] = (/^v(\d+)\.(\d+)/.exec(version) ?? []).slice(1).map(Number);
  if (major < minimum[0] || (major === minimum[0] && minor < minimum[1])) {
    return { missing: `${path} is Node ${version || "(unknown)"}, older than ${minimum.join(".")}` };
  }
  return { path, version };
}
