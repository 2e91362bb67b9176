// Compiles the minimal one-tool server with plain tsc (the way most MCP servers ship) into the
// workspace, where its imports resolve against the project's node_modules.

import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Workspace } from "./workspace.ts";

const run = promisify(execFile);

export async function buildFloorServer(root: string, workspace: Workspace): Promise<string> {
  const out = await workspace.folder("floor");
  await run(
    process.execPath,
    [
      join(root, "node_modules/typescript/bin/tsc"),
      ...["--outDir", out, "--module", "NodeNext", "--moduleResolution", "NodeNext", "--target", "ES2022"],
      ...["--strict", "--skipLibCheck", "--types", "node"],
      join(root, "scripts/bench/minimal-server.ts"),
    ],
    { cwd: root },
  );
  return join(out, "minimal-server.js");
}
