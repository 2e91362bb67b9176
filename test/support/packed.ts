// The package as a user gets it: `npm pack` of a checkout, installed into an empty prefix the way
// `npm install -g` (or npx's download) installs it. Tests of what ships launch this copy, never the work
// tree, so `files`, `bin`, the code cache and the install scripts are what they exercise.
// `npm run release:check` (scripts/release-check.ts) makes the same tarball and install.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT, run } from "./project-copy.ts";

export interface PackedFile {
  path: string;
  size: number;
  mode: number;
}

export interface PackedInstall {
  /** The folder holding the tarball, the npm cache and the prefix; `remove()` deletes it. */
  dir: string;
  /** The `npm pack` tarball of the checkout, and what npm reported about it. */
  tarball: string;
  name: string;
  version: string;
  packedBytes: number;
  unpackedBytes: number;
  files: PackedFile[];
  /** Where the install put the package (`<prefix>/lib/node_modules/<name>`). */
  packageDir: string;
  /** The prefix's bin folder: put it first on PATH and `litellm-mcp` is the installed command. */
  binDir: string;
  /** npm settings that keep npm and npx off the network and out of the user's cache. */
  npmEnv: Record<string, string>;
  remove(): Promise<void>;
}

export interface PackOptions {
  /** The checkout to pack (default: this one). */
  root?: string;
  /**
   * Run `prepare` (the build) as `npm pack` and `npm publish` do. Tests leave it off and pack the build
   * `pretest` made: a rebuild would replace dist/ under the test files running beside them.
   */
  build?: boolean;
}

/**
 * Packs the checkout and installs the tarball offline with --omit=dev: the package has no runtime
 * dependencies, so an install that needed the registry would be a packaging mistake.
 */
export async function packAndInstall({ root = REPO_ROOT, build = false }: PackOptions = {}): Promise<PackedInstall> {
  const dir = await mkdtemp(join(tmpdir(), "litellm-mcp-packed-"));
  const remove = () => rm(dir, { recursive: true, force: true });
  const npmEnv = { npm_config_cache: join(dir, "npm-cache"), npm_config_offline: "true", npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" };
  try {
    const pack = await run(root, "npm", ["pack", "--json", "--pack-destination", dir, ...(build ? [] : ["--ignore-scripts"])], npmEnv);
    if (pack.code !== 0) throw new Error(`npm pack failed:\n${pack.stderr}`);
    // npm prints prepare's output before the JSON when it builds.
    const [packed] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf("\n[") + 1 || 0)) as { filename: string; name: string; version: string; size: number; unpackedSize: number; files: PackedFile[] }[];
    const tarball = join(dir, packed!.filename);
    const prefix = join(dir, "prefix");
    const install = await run(dir, "npm", ["install", "--global", "--prefix", prefix, "--omit=dev", tarball], npmEnv);
    if (install.code !== 0) throw new Error(`npm install of ${tarball} (offline, --omit=dev) failed:\n${install.stderr}`);
    return {
      dir,
      tarball,
      name: packed!.name,
      version: packed!.version,
      packedBytes: packed!.size,
      unpackedBytes: packed!.unpackedSize,
      files: packed!.files,
      packageDir: join(prefix, "lib", "node_modules", packed!.name),
      binDir: join(prefix, "bin"),
      npmEnv,
      remove,
    };
  } catch (error) {
    await remove();
    throw error;
  }
}
