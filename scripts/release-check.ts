// `npm run release:check [-- --no-build]`: what `npm publish` would ship, checked before it ships. Packs
// the checkout (running `prepare`, the build, as publish does; --no-build packs dist/ as it is), installs
// the tarball into an empty prefix offline with --omit=dev, starts the installed `litellm-mcp` as a host
// would and has it answer initialize and tools/list, and prints the tarball's size and files. Fails
// (exit 1, every problem listed) when README or LICENSE is missing, when tests, fixtures or sources
// ride along, when a file carries an absolute path of this machine, or when server.json, package.json
// and the server disagree about name or version.

import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { packAndInstall, type PackedInstall } from "../test/support/packed.ts";
import { REPO_ROOT } from "../test/support/project-copy.ts";

const { values } = parseArgs({ options: { "no-build": { type: "boolean", default: false } } });

interface PackageJson {
  name: string;
  version: string;
  license: string;
  mcpName?: string;
  bin: Record<string, string>;
  dependencies?: Record<string, string>;
}

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as PackageJson;
const REQUIRED = ["README.md", "LICENSE", "package.json", ...Object.values(pkg.bin).map((bin) => bin.replace(/^\.\//, ""))];
/** What a user's install never needs: the project's sources, tests and fixtures, and build leftovers. */
const NOT_SHIPPED = /^(src|test|tests|fixtures|spec|generated|scripts|\.ci|\.venv|node_modules|coverage)\/|(^|\/)(\.env[^/]*|[^/]*\.(test|spec)\.[cm]?[jt]s|[^/]*\.tgz|[^/]*\.mcpb|[^/]*\.map)$/;

const kB = (bytes: number) => `${(bytes / 1024).toFixed(0)} kB`;

function fileProblems(packed: PackedInstall): string[] {
  const problems: string[] = [];
  const paths = packed.files.map((file) => file.path);
  for (const required of REQUIRED) if (!paths.includes(required)) problems.push(`the tarball lacks ${required}`);
  for (const path of paths.filter((p) => NOT_SHIPPED.test(p))) problems.push(`the tarball carries ${path}, which no install needs (check "files" in package.json)`);
  for (const bin of Object.values(pkg.bin)) {
    const file = packed.files.find((f) => f.path === bin.replace(/^\.\//, ""));
    if (file && (file.mode & 0o111) === 0) problems.push(`${file.path} (the bin) is not executable in the tarball`);
  }
  return problems;
}

/** Every file of the installed package, scanned for this machine's absolute paths (bytes, so binaries too). */
function absolutePaths(packed: PackedInstall): string[] {
  const home = homedir();
  // The home folder as a folder ("/root/"), so "/roots/list_changed" (an MCP method) is not a match.
  const needles = [REPO_ROOT, packed.dir, ...(home.length > 1 ? [`${home}/`] : [])];
  const problems: string[] = [];
  const walk = (dir: string, relative: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path, `${relative}${name}/`);
      else {
        const bytes = readFileSync(path);
        for (const needle of needles) if (bytes.includes(needle)) problems.push(`${relative}${name} contains the absolute path ${needle}`);
      }
    }
  };
  walk(packed.packageDir, "");
  return problems;
}

interface ServerJson {
  name: string;
  description: string;
  version: string;
  packages: { registryType: string; identifier: string; version: string; environmentVariables?: { name: string }[] }[];
}

function metadataProblems(installedPkg: PackageJson, help: string): string[] {
  const problems: string[] = [];
  if (Object.keys(installedPkg.dependencies ?? {}).length > 0) {
    problems.push(`package.json lists runtime dependencies (${Object.keys(installedPkg.dependencies!).join(", ")}); dist/server.cjs bundles everything the server needs`);
  }
  // A missing LICENSE is reported with the tarball's files.
  const license = existsSync(join(REPO_ROOT, "LICENSE")) ? readFileSync(join(REPO_ROOT, "LICENSE"), "utf8").split("\n")[0]?.trim() : `${pkg.license} License`;
  if (license !== `${pkg.license} License`) problems.push(`LICENSE begins "${license}", but package.json says the license is ${pkg.license}`);
  const server = JSON.parse(readFileSync(join(REPO_ROOT, "server.json"), "utf8")) as ServerJson;
  // The registry's own limits (server.schema.json): reverse-DNS name with one slash, a short description.
  if (!/^[a-zA-Z0-9.-]+\/[a-zA-Z0-9._-]+$/.test(server.name)) problems.push(`server.json's name ${server.name} is not namespace/name`);
  if (server.description.length > 100) problems.push(`server.json's description has ${server.description.length} characters; the registry takes at most 100`);
  for (const variable of server.packages.flatMap((p) => p.environmentVariables ?? [])) {
    if (!new RegExp(`^  ${variable.name} `, "m").test(help)) problems.push(`server.json asks for ${variable.name}, which litellm-mcp --help does not list`);
  }
  if (server.name !== pkg.mcpName) problems.push(`server.json is named ${server.name}, but package.json's mcpName is ${pkg.mcpName} (the MCP registry requires them equal)`);
  if (server.version !== pkg.version) problems.push(`server.json's version is ${server.version}, package.json's ${pkg.version}`);
  for (const listed of server.packages.filter((p) => p.registryType === "npm")) {
    if (listed.identifier !== pkg.name || listed.version !== pkg.version) problems.push(`server.json lists npm package ${listed.identifier}@${listed.version}, but this is ${pkg.name}@${pkg.version}`);
  }
  return problems;
}

/** Starts the installed command as a host would and asks what every host asks first. */
async function startInstalled(packed: PackedInstall): Promise<{ name: string; version: string; tools: number }> {
  const [command] = Object.keys(pkg.bin);
  const transport = new StdioClientTransport({
    command: join(packed.binDir, command!),
    // No proxy is contacted: initialize and tools/list never call LiteLLM.
    env: { PATH: process.env.PATH ?? "", LITELLM_HOST: "http://127.0.0.1:4000" },
    stderr: "pipe",
  });
  const client = new Client({ name: "release-check", version: pkg.version });
  await client.connect(transport);
  try {
    const { tools } = await client.listTools();
    const info = client.getServerVersion();
    return { name: info?.name ?? "?", version: info?.version ?? "?", tools: tools.length };
  } finally {
    await client.close();
  }
}

async function main(): Promise<number> {
  const packed = await packAndInstall({ build: !values["no-build"] });
  try {
    const installedPkg = JSON.parse(readFileSync(join(packed.packageDir, "package.json"), "utf8")) as PackageJson;
    const help = execFileSync(join(packed.binDir, Object.keys(pkg.bin)[0]!), ["--help"], { encoding: "utf8" });
    const problems = [...fileProblems(packed), ...absolutePaths(packed), ...metadataProblems(installedPkg, help)];
    let started = "";
    try {
      const server = await startInstalled(packed);
      if (server.version !== pkg.version) problems.push(`the installed server reports version ${server.version}, package.json ${pkg.version} (src/version.ts)`);
      if (server.tools === 0) problems.push("the installed server lists no tools");
      started = `${server.name} ${server.version} answered initialize and tools/list (${server.tools} tools)`;
    } catch (error) {
      problems.push(`the installed litellm-mcp did not answer initialize and tools/list: ${(error as Error).message}`);
    }

    console.log(`${packed.name}@${packed.version}: ${packed.files.length} files, ${kB(packed.packedBytes)} packed, ${kB(packed.unpackedBytes)} unpacked`);
    for (const file of packed.files) console.log(`  ${kB(file.size).padStart(8)}  ${file.path}`);
    console.log(`sha256 ${createHash("sha256").update(readFileSync(packed.tarball)).digest("hex")}`);
    if (started) console.log(`installed offline into an empty prefix (--omit=dev); ${started}`);
    if (problems.length === 0) {
      console.log("release check passed");
      return 0;
    }
    console.log(`release check failed:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    return 1;
  } finally {
    await packed.remove();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(`release check failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
