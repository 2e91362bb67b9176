// A scratch folder outside the worktree for what the benchmark builds and edits (the compiled floor
// servers, copies of the project), so a run never leaves anything behind in the repository.

import { cp, mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

export interface Workspace {
  dir: string;
  /** A folder in the workspace whose imports resolve against the project's node_modules. */
  folder(name: string): Promise<string>;
  /** A copy of the project (no .git, node_modules linked, no dist/) that can be regenerated and edited freely. */
  copyProject(name: string): Promise<string>;
  remove(): Promise<void>;
}

// Top-level entries left out of a project copy.
const NOT_COPIED = new Set([".git", "node_modules", "dist", "coverage", ".cache"]);

export async function createWorkspace(root: string): Promise<Workspace> {
  const dir = await mkdtemp(join(tmpdir(), "litellm-mcp-bench-"));
  const linked = async (target: string) => {
    await symlink(join(root, "node_modules"), join(target, "node_modules"), "dir");
    return target;
  };
  return {
    dir,
    async folder(name) {
      const target = join(dir, name);
      await cp(join(root, "package.json"), join(target, "package.json"));
      return linked(target);
    },
    async copyProject(name) {
      const target = join(dir, name);
      await cp(root, target, {
        recursive: true,
        filter: (source) => !NOT_COPIED.has(relative(root, source)),
      });
      return linked(target);
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
