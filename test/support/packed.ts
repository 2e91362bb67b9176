// The package as a user gets it: `npm pack` of this checkout, installed into an empty prefix the way
// `npm install -g` (or npx's download) installs it. Tests of what ships launch this copy, never the work
// tree, so `files`, `bin`, the code cache and the install scripts are what they exercise.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT, run } from "./project-copy.ts";

export interface PackedInstall {
  /** The `npm pack` tarball of this checkout. */
  tarball: string;
  /** Where the package was unpacked by the install (`<prefix>/lib/node_modules/<name>`). */
  packageDir: string;
  /** The prefix's bin folder: put it first on PATH and `litellm-mcp` is the installed command. */
  binDir: string;
  /** npm settings that keep npm and npx off the network and out of the user's cache. */
  npmEnv: Record<string, string>;
  remove(): Promise<void>;
}

/**
 * Packs the checkout without running `prepare` (the tests run against the build `pretest` made; a
 * rebuild here would replace dist/ under the other test files) and installs the tarball offline: the
 * package has no runtime dependencies, so nothing may need the registry.
 */
export async function packAndInstall(): Promise<PackedInstall> {
  const dir = await mkdtemp(join(tmpdir(), "litellm-mcp-packed-"));
  const npmEnv = { npm_config_cache: join(dir, "npm-cache"), npm_config_offline: "true", npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" };
  const pack = await run(REPO_ROOT, "npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], npmEnv);
  if (pack.code !== 0) throw new Error(`npm pack failed:\n${pack.stderr}`);
  const [packed] = JSON.parse(pack.stdout) as { filename: string; name: string }[];
  const tarball = join(dir, packed!.filename);
  const prefix = join(dir, "prefix");
  const install = await run(dir, "npm", ["install", "--global", "--prefix", prefix, "--omit=dev", tarball], npmEnv);
  if (install.code !== 0) throw new Error(`npm install of ${tarball} failed:\n${install.stderr}`);
  return {
    tarball,
    packageDir: join(prefix, "lib", "node_modules", packed!.name),
    binDir: join(prefix, "bin"),
    npmEnv,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
