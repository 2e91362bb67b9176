// `npm run bundle [-- --no-build] [-- --out DIR]`: the MCP Bundle (.mcpb) Claude Desktop installs with one
// click. It holds exactly what the npm package holds (the `npm pack` tarball's files, so the bundle and
// the package cannot drift apart) plus the bundle manifest, which runs dist/index.cjs with the host's Node
// and asks the user for the proxy's URL and master key; the key is marked sensitive, so the host keeps
// it in the system's secret store instead of a config file. Packed and validated by @anthropic-ai/mcpb.

import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { manifest } from "../src/manifest/index.ts";
import { TOOLSETS, toolsetNames, type Toolset } from "../src/policy/toolsets.ts";
import { packAndInstall } from "../test/support/packed.ts";
import { REPO_ROOT, run } from "../test/support/project-copy.ts";

const { values } = parseArgs({ options: { "no-build": { type: "boolean", default: false }, out: { type: "string", default: REPO_ROOT } } });
const MCPB = join(REPO_ROOT, "node_modules/@anthropic-ai/mcpb/dist/cli/cli.js");

interface PackageJson {
  name: string;
  version: string;
  description: string;
  license: string;
  bin: Record<string, string>;
  engines: { node: string };
}

const served = manifest.filter((tool) => tool.byDefault);

/** What each toolset adds to the default tools, for the sentence that says how to get them. */
function theRest(): string {
  const added = Object.keys(TOOLSETS)
    .map((toolset) => [toolset, manifest.filter((tool) => tool.toolset === (toolset as Toolset) && !tool.byDefault).map((tool) => tool.name)] as const)
    .filter(([, names]) => names.length > 0);
  return `${added.map(([toolset, names]) => `${toolset} adds ${names.join(", ")}`).join("; ")}; "all" serves all ${manifest.length}`;
}

/** The bundle manifest (MCPB manifest_version 0.3, the newest `mcpb` validates as current). */
function bundleManifest(pkg: PackageJson) {
  const entry = Object.values(pkg.bin)[0]!;
  return {
    manifest_version: "0.3",
    name: pkg.name,
    display_name: "LiteLLM proxy",
    version: pkg.version,
    description: "Operate a LiteLLM proxy: virtual keys, users, teams, spend, models and completions, without handing the assistant the master key.",
    long_description: `${pkg.description} It serves the ${served.length} tools listed here. The Toolsets setting (comma-separated) turns on more: ${theRest()}. Read-only leaves only the tools that change nothing.`,
    author: { name: "the litellm-mcp contributors" },
    license: pkg.license,
    keywords: ["litellm", "llm", "proxy", "virtual keys", "spend"],
    server: {
      type: "node",
      entry_point: entry,
      mcp_config: {
        command: "node",
        args: [`\${__dirname}/${entry}`],
        env: {
          LITELLM_HOST: "${user_config.litellm_host}",
          LITELLM_MASTER_KEY: "${user_config.litellm_master_key}",
          LITELLM_MCP_READ_ONLY: "${user_config.read_only}",
          LITELLM_MCP_TOOLSETS: "${user_config.toolsets}",
        },
      },
    },
    // What the bundle serves as installed (Toolsets left at "default"); long_description says how to get the rest.
    tools: served.map((tool) => ({ name: tool.name, description: tool.description })),
    tools_generated: false,
    compatibility: { platforms: ["darwin", "win32", "linux"], runtimes: { node: pkg.engines.node } },
    user_config: {
      litellm_host: {
        type: "string",
        title: "LiteLLM proxy URL",
        description: "Base URL of your LiteLLM proxy, e.g. http://localhost:4000.",
        required: true,
        default: "http://localhost:4000",
      },
      litellm_master_key: {
        type: "string",
        title: "LiteLLM master key",
        description: "The proxy's master key (sk-...). Sent only to LiteLLM's admin routes; never shown to the assistant.",
        required: true,
        sensitive: true,
      },
      toolsets: {
        type: "string",
        title: "Toolsets",
        description: `Comma-separated: ${toolsetNames().join(", ")}. "default" is the ${served.length} tools listed for this extension; the others add tools to them.`,
        required: false,
        default: "default",
      },
      read_only: {
        type: "boolean",
        title: "Read-only",
        description: "Offer only the tools that change nothing (no minting, updating, blocking or deleting keys, no completions).",
        required: false,
        default: false,
      },
    },
  };
}

async function main(): Promise<number> {
  const packed = await packAndInstall({ build: !values["no-build"] });
  try {
    // The installed package is the tarball's files, unpacked: the bundle's content.
    const pkg = JSON.parse(readFileSync(join(packed.packageDir, "package.json"), "utf8")) as PackageJson;
    writeFileSync(join(packed.packageDir, "manifest.json"), `${JSON.stringify(bundleManifest(pkg), null, 2)}\n`);
    const outDir = resolve(values.out);
    mkdirSync(outDir, { recursive: true });
    const out = join(outDir, `${pkg.name}-${pkg.version}.mcpb`);
    for (const args of [["validate", join(packed.packageDir, "manifest.json")], ["pack", packed.packageDir, out]]) {
      const result = await run(REPO_ROOT, process.execPath, [MCPB, ...args]);
      if (result.code !== 0) {
        console.error(`mcpb ${args[0]} failed:\n${result.stdout}${result.stderr}`);
        return 1;
      }
    }
    const sha256 = createHash("sha256").update(readFileSync(out)).digest("hex");
    console.log(`${out}\n${(statSync(out).size / 1024).toFixed(0)} kB, sha256 ${sha256}`);
    console.log("Open it with Claude Desktop (or drag it onto Settings > Extensions); it asks for the proxy URL and the master key.");
    return 0;
  } finally {
    await packed.remove();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(`bundle failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
