// What gets installed is what was locked. npm: `npm ci` installs package-lock.json exactly and checks each
// tarball against its sha512 `integrity`, so every package must carry one. Python: the pinned LiteLLM and
// every package it pulls in are listed with their sha256 in scripts/litellm-lock/, and `npm run
// live:install` refuses a file that does not match: run here, in a throwaway copy of the project, from a
// wheel cache with one wheel altered and no reachable index to fall back on.

import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync, cpSync, linkSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LITELLM_VERSION, LOCK_PINS_LINE, PRISMA_VERSION, lockedWheels, readLock, wheelCacheRoot } from "../../scripts/litellm-pin.ts";
import { REPO_ROOT, copyProject, removeCopy, run } from "../support/project-copy.ts";
import { refusedOrigin } from "../support/serve.ts";

/** The interpreter and platform CI installs LiteLLM for; its lock must be committed. */
const CI_TAG = "cp311-linux-x86_64";
const LOCK_DIR = join(REPO_ROOT, "scripts", "litellm-lock");

/**
 * Every committed npm lock: the project's, the Node.js binaries CI runs the suites on (npm run node:install),
 * the database kit's shim, and the Claude Code CLI the README tests run.
 */
const NPM_LOCKS = [
  { lock: "package-lock.json", atLeast: 100 },
  { lock: "scripts/node-versions/package-lock.json", atLeast: 2 },
  { lock: "test/support/litellm-db/shim/package-lock.json", atLeast: 5 },
  { lock: "test/support/claude-code/package-lock.json", atLeast: 2 },
];

describe("npm", () => {
  it("CI runs npm ci", () => {
    expect(readFileSync(join(REPO_ROOT, ".ci", "run"), "utf8")).toMatch(/^npm ci\b/m);
  });

  it.each(NPM_LOCKS)("every package in $lock carries a sha512 integrity that npm ci checks, from the registry", ({ lock: file, atLeast }) => {
    const lock = JSON.parse(readFileSync(join(REPO_ROOT, file), "utf8")) as { lockfileVersion: number; packages: Record<string, { integrity?: string; resolved?: string; link?: boolean }> };
    expect(lock.lockfileVersion).toBeGreaterThanOrEqual(2);
    const packages = Object.entries(lock.packages).filter(([path]) => path !== "");
    expect(packages.length).toBeGreaterThanOrEqual(atLeast);
    for (const [path, entry] of packages) {
      expect(entry.link, `${path} is a link, outside the registry`).toBeFalsy();
      expect(entry.integrity, `${path} has no integrity`).toMatch(/^sha512-[A-Za-z0-9+/]+=*$/);
      // No git, file or tarball-URL dependencies: those bypass the registry's integrity.
      if (entry.resolved) expect(entry.resolved, path).toMatch(/^https:\/\/registry\.npmjs\.org\//);
    }
  });
});

describe("the Python lock", () => {
  it("is committed for CI's interpreter, for the current pins, with a sha256 for every distribution", () => {
    const locks = readdirSync(LOCK_DIR).filter((name) => name.endsWith(".txt"));
    expect(locks).toContain(`${CI_TAG}.txt`);
    for (const name of locks) {
      const lines = readFileSync(join(LOCK_DIR, name), "utf8").split("\n");
      expect(lines[0], name).toBe(LOCK_PINS_LINE);
      const requirements = lines.filter((line) => line !== "" && !line.startsWith("#"));
      for (const line of requirements) expect(line, name).toMatch(/^[a-z0-9-]+==[^\s=]+ --hash=sha256:[0-9a-f]{64}$/);
      const names = requirements.map((line) => line.split("==")[0]);
      expect(new Set(names).size, `${name} lists a package twice`).toBe(names.length);
      expect(requirements).toEqual(expect.arrayContaining([expect.stringMatching(`^litellm==${LITELLM_VERSION.replace(/\./g, "\\.")} `), expect.stringMatching(`^prisma==${PRISMA_VERSION.replace(/\./g, "\\.")} `)]));
      expect(typeof readLock(name.slice(0, -".txt".length))).toBe("object");
    }
  });

  describe("npm run live:install", () => {
    const lock = readLock(CI_TAG);
    const source = typeof lock === "string" ? undefined : lockedWheels(wheelCacheRoot(), CI_TAG, lock);
    const python = spawnSync("python3", ["-c", "import sys, sysconfig; print('cp%d%d-%s' % (sys.version_info[0], sys.version_info[1], sysconfig.get_platform()))"], { encoding: "utf8" }).stdout?.trim();
    const missing =
      python !== CI_TAG
        ? `python3 is ${python || "missing"}, not ${CI_TAG}`
        : !source || !existsSync(join(source, "complete"))
          ? "no wheel cache for the current lock (npm run live:install fills it)"
          : undefined;
    if (missing) console.warn(`skipping the tampered-wheel install: ${missing}`);
    const dirs: string[] = [];
    afterAll(async () => {
      for (const dir of dirs) await removeCopy(dir);
    });

    it.skipIf(missing !== undefined)("refuses a cached wheel that is not the file locked, with no unhashed fallback", { timeout: 300_000 }, async () => {
      const project = await copyProject();
      dirs.push(project);
      // The cache as hard links (no copying 170 MB), then one wheel replaced by a file that differs by a byte.
      const cacheRoot = join(project, "wheel-cache");
      const copy = lockedWheels(cacheRoot, CI_TAG, lock as Exclude<typeof lock, string>);
      mkdirSync(copy, { recursive: true });
      for (const name of readdirSync(source!)) linkSync(join(source!, name), join(copy, name));
      const prisma = readdirSync(copy).find((name) => name.startsWith(`prisma-${PRISMA_VERSION}-`))!;
      const altered = Buffer.concat([readFileSync(join(source!, prisma)), Buffer.from([0])]);
      rmSync(join(copy, prisma));
      writeFileSync(join(copy, prisma), altered);
      cpSync(join(REPO_ROOT, "scripts", "litellm-lock"), join(project, "scripts", "litellm-lock"), { recursive: true });

      // Any index pip might fall back on is a closed loopback port: nothing leaves the machine.
      const index = `${await refusedOrigin()}/simple`;
      const result = await run(project, process.execPath, [join(REPO_ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/install-litellm.ts"], {
        LITELLM_MCP_WHEEL_CACHE: cacheRoot,
        PIP_INDEX_URL: index,
        PIP_RETRIES: "0",
        PIP_TIMEOUT: "2",
        PIP_DISABLE_PIP_VERSION_CHECK: "1",
      });
      const output = result.stdout + result.stderr;
      expect(result.code, output).toBe(1);
      expect(output).toMatch(/THESE PACKAGES DO NOT MATCH THE HASHES/);
      expect(output).toContain(prisma);
      expect(existsSync(join(project, ".venv", "litellm-mcp-install.json"))).toBe(false);
    });
  });
});
