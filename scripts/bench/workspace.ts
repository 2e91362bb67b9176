// A scratch folder outside the worktree for what the benchmark builds and edits (the compiled floor
// servers, copies of the project), so a run never leaves anything behind in the repository.

import { cp, mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_ENTRIES } from "../../test/support/project-copy.ts";

export interface Workspace {
  /** A folder in the workspace whose imports resolve against the project's node_modules. */
  folder(name: string): Promise<string>;
  /** A copy of the project (its sources, node_modules linked) that can be regenerated and edited freely. */
  copyProject(name: string): Promise<string>;
  remove(): Promise<void>;
}


export async function createWorkspace(root: string): Promise<Workspace> {
  const dir = await mkdtemp(join(tmpdir(), "litellm-mcp-bench-"));
  const linked = async (target: string) => {
    await symlink(join(root, "node_modules"), join(target, "node_modules"), "dir");
    return target;
  };
  return {
    async folder(name) {
      const target = join(dir, name);
      await cp(join(root, "package.json"), join(target, "package.json"));
      return linked(target);
    },
    async copyProject(name) {
      const target = join(dir, name);
      for (const entry of PROJECT_ENTRIES) await cp(join(root, entry), join(target, entry), { recursive: true });
      return linked(target);
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
