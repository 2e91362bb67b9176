// Compiles the floor servers with plain tsc (the way most MCP servers ship) into the workspace, where
// their imports resolve against the project's node_modules.

import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Workspace } from "./workspace.ts";

const run = promisify(execFile);

export interface FloorServers {
  /** One echo tool on the MCP SDK: the cold-start floor. */
  minimal: string;
  /** Fixed answers in plain Node: what Node and the client cost beneath every cold start. */
  bareNode: string;
  /** list_models as a bare fetch: the per-call and memory floor. */
  plainFetch: string;
}

export async function buildFloorServers(root: string, workspace: Workspace): Promise<FloorServers> {
  const out = await workspace.folder("floor");
  await run(
    process.execPath,
    [
      join(root, "node_modules/typescript/bin/tsc"),
      ...["--outDir", out, "--rootDir", join(root, "scripts/bench")],
      ...["--module", "NodeNext", "--moduleResolution", "NodeNext", "--target", "ES2022", "--strict", "--skipLibCheck", "--types", "node"],
      join(root, "scripts/bench/minimal-server.ts"),
      join(root, "scripts/bench/bare-node-server.cts"),
      join(root, "scripts/bench/plain-fetch-server.ts"),
    ],
    { cwd: root },
  );
  return { minimal: join(out, "minimal-server.js"), bareNode: join(out, "bare-node-server.cjs"), plainFetch: join(out, "plain-fetch-server.js") };
}
