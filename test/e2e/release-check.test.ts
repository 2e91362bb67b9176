// `npm run release:check`, run as a maintainer runs it before publishing: on this checkout it must pass and
// report the tarball; on a copy with a packaging mistake in each of the ways it guards against, it must
// fail and name every one.

import { cp, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { manifest } from "../../src/manifest/index.ts";
import { copyProject, REPO_ROOT, removeCopy, run } from "../support/project-copy.ts";

const TSX = join(REPO_ROOT, "node_modules/tsx/dist/cli.mjs");
/** Without prepare: the tests run against the build `pretest` made, and a rebuild would pull dist/ from under them. */
const releaseCheck = (root: string) => run(root, process.execPath, [TSX, "scripts/release-check.ts", "--no-build"]);

const copies: string[] = [];
afterAll(async () => {
  for (const dir of copies) await removeCopy(dir);
});

describe("npm run release:check", () => {
  it("passes on this checkout: prints the tarball's size and files, and the installed server answers", async () => {
    const result = await releaseCheck(REPO_ROOT);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^litellm-proxy-mcp@\d+\.\d+\.\d+: \d+ files, \d+ kB packed, \d+ kB unpacked$/m);
    for (const file of ["LICENSE", "README.md", "package.json", "dist/index.cjs", "dist/server.cjs"]) expect(result.stdout).toMatch(new RegExp(` ${file.replace(".", "\\.")}$`, "m"));
    expect(result.stdout).toContain(`answered initialize and tools/list (${manifest.filter((t) => t.byDefault).length} tools)`);
    expect(result.stdout).toMatch(/^release check passed$/m);
    // The README's sample is this output with the sizes and the checksum left out.
    const readme = await readFile(join(REPO_ROOT, "README.md"), "utf8");
    const sample = /prints the tarball's size, files and sha256[\s\S]*?```\n([\s\S]*?)```/.exec(readme)?.[1];
    const elided = result.stdout.replace(/^ *\d+ kB {2}/gm, "      … kB  ").replace(/\d+ kB (packed|unpacked)/g, "… kB $1").replace(/^sha256 [0-9a-f]{64}$/m, "sha256 …");
    expect(sample).toBe(elided);
  });

  it("fails, naming each problem, on a package without LICENSE, with tests inside, an absolute path, a server.json of another version asking for an unknown variable", async () => {
    const dir = await copyProject();
    copies.push(dir);
    for (const entry of ["README.md", "server.json", "dist"]) await cp(join(REPO_ROOT, entry), join(dir, entry), { recursive: true });
    const pkg = JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as { files: string[] };
    pkg.files.push("test");
    await writeFile(join(dir, "package.json"), JSON.stringify(pkg, null, 2));
    await writeFile(join(dir, "README.md"), `${await readFile(join(dir, "README.md"), "utf8")}\nBuilt in ${dir}/dist.\n`);
    const server = JSON.parse(await readFile(join(dir, "server.json"), "utf8")) as { version: string; packages: { environmentVariables: { name: string }[] }[] };
    server.version = "9.9.9";
    server.packages[0]!.environmentVariables.push({ name: "LITELLM_MCP_NOT_A_SETTING" });
    await writeFile(join(dir, "server.json"), JSON.stringify(server, null, 2));
    await rm(join(dir, "LICENSE"), { force: true });

    const result = await releaseCheck(dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^release check failed:$/m);
    expect(result.stdout).toMatch(/^ {2}- the tarball lacks LICENSE$/m);
    expect(result.stdout).toMatch(/^ {2}- the tarball carries test\/e2e\/release-check\.test\.ts, which no install needs/m);
    expect(result.stdout).toMatch(/^ {2}- the tarball carries test\/support\/fake-litellm\.ts, which no install needs/m);
    expect(result.stdout).toContain(`  - README.md contains the absolute path ${dir}`);
    expect(result.stdout).toMatch(/^ {2}- server\.json's version is 9\.9\.9, package\.json's \d+\.\d+\.\d+$/m);
    expect(result.stdout).toMatch(/^ {2}- server\.json asks for LITELLM_MCP_NOT_A_SETTING, which litellm-mcp --help does not list$/m);
  });
});
