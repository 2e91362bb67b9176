// The bin runs the bundle through the V8 code cache the build recorded. The cache must be one this Node
// accepts (or start-up silently loses its speed-up), and a cache that is missing, corrupt or from another
// Node must change nothing but speed.

import { isAscii } from "node:buffer";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { codeCachePath, compileWithCodeCache } from "../../src/cli/code-cache.js";
import { BUILT_SERVER, spawnServer } from "../support/spawn-server.js";

const DIST = dirname(BUILT_SERVER);
const copies: string[] = [];
/** What the intact build lists, asked once for both damaged-cache cases. */
let builtToolNames: Promise<string[]> | undefined;

/** A copy of dist/ whose cache the test may damage without touching the build. */
function distCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "litellm-mcp-dist-"));
  copies.push(dir);
  cpSync(DIST, dir, { recursive: true });
  return dir;
}

async function toolNames(bin: string): Promise<string[]> {
  const server = await spawnServer({}, bin);
  try {
    return (await server.client.listTools()).tools.map((tool) => tool.name);
  } finally {
    await server.close();
  }
}

afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

describe("the V8 code cache behind the bin", () => {
  it("is recorded by the build and accepted by this Node", () => {
    const server = join(DIST, "server.cjs");
    expect(existsSync(codeCachePath(server))).toBe(true);
    expect(compileWithCodeCache(server).cachedDataRejected).toBe(false);
    // The bin's fast read (Latin-1) applies only to a pure-ASCII bundle; the build escapes the rest.
    expect(isAscii(readFileSync(server))).toBe(true);
  });

  it("carries no path of the machine that built it, and stack traces it serves name the file inside the package", () => {
    // V8 keeps the recording run's script name in the cache and shows it in every stack trace the cache serves.
    expect(readFileSync(codeCachePath(join(DIST, "server.cjs"))).includes(Buffer.from(dirname(DIST)))).toBe(false);
    // The same package, built in one folder and installed in another: each holds dist/tiny.cjs.
    const [built, installed] = [distCopy(), distCopy()].map((root) => join(root, "dist"));
    const tiny = "module.exports = function fail() { throw new Error('from the bundle'); };";
    const run = (dir: string) => {
      const file = join(dir, "tiny.cjs");
      const script = compileWithCodeCache(file);
      const module = { exports: {} as () => void };
      script.runInThisContext()(module.exports, require, module, file, dir);
      try {
        module.exports();
      } catch (error) {
        return { script, stack: String((error as Error).stack) };
      }
      throw new Error("the function did not throw");
    };
    for (const dir of [built!, installed!]) {
      mkdirSync(dir);
      writeFileSync(join(dir, "tiny.cjs"), tiny);
    }
    writeFileSync(codeCachePath(join(installed!, "tiny.cjs")), run(built!).script.createCachedData());
    const served = run(installed!);
    expect(served.script.cachedDataRejected).toBe(false);
    expect(served.stack).toMatch(/at (Object\.)?fail .*\(dist\/tiny\.cjs:1:\d+\)/);
    expect(served.stack).not.toContain(built!);
  });

  it("is only read when the server runs: a normal start leaves it as the build wrote it", async () => {
    const dir = distCopy();
    const cache = codeCachePath(join(dir, "server.cjs"));
    const before = readFileSync(cache);
    const mtime = statSync(cache).mtimeMs;
    expect((await toolNames(join(dir, "index.cjs"))).length).toBeGreaterThan(0);
    expect(readFileSync(cache).equals(before)).toBe(true);
    expect(statSync(cache).mtimeMs).toBe(mtime);
  });

  it.each([
    ["corrupt", (cache: string) => writeFileSync(cache, Buffer.alloc(4096, 0x5a))],
    ["missing", (cache: string) => rmSync(cache)],
  ])("when %s, is ignored: the server starts and lists the same tools", async (_case, damage) => {
    const expected = await (builtToolNames ??= toolNames(BUILT_SERVER));
    const dir = distCopy();
    const cache = codeCachePath(join(dir, "server.cjs"));
    damage(cache);
    const server = join(dir, "server.cjs");
    if (existsSync(cache)) expect(compileWithCodeCache(server).cachedDataRejected).toBe(true);
    expect(await toolNames(join(dir, "index.cjs"))).toEqual(expected);
  });
});
