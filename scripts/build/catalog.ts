// What the build puts in place of two source files, in the bundles it makes (an esbuild plugin):
//   src/mcp/tool-catalog.ts           every manifest tool's listing, made here from the manifest once, and one loader
//                                 per tool: a server builds a tool when it serves it (in the bin, never);
//   src/mcp/stdio-opening-answers.ts  (the bin only) the SDK's answers to the opening requests, recorded here.
// Everything is read from the project being built (the working directory), which may be a copy of this one.

import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Plugin } from "esbuild";
import type { Tool } from "../../src/manifest/define-tool.ts";
import type { RecordedOpenings } from "../../src/mcp/stdio-opening.ts";
import type { ToolListing } from "../../src/mcp/tool-listing.ts";

export interface Catalog {
  listings: ToolListing[];
  /** For each tool: the file that defines it and the name it is exported under. */
  modules: { name: string; file: string; exported: string }[];
  answers: RecordedOpenings;
}

const load = <T>(file: string): Promise<T> => import(pathToFileURL(resolve(file)).href) as Promise<T>;

/** The manifest's listings, where each tool is defined, and the SDK's opening answers, from the project in the working directory. */
export async function makeCatalog(): Promise<Catalog> {
  const { manifest } = await load<{ manifest: readonly Tool[] }>("src/manifest/index.ts");
  const { toolListing } = await load<typeof import("../../src/mcp/tools-list.ts")>("src/mcp/tools-list.ts");
  const { recordOpeningAnswers } = await load<typeof import("../../src/cli/stdio-opening-record.ts")>("src/cli/stdio-opening-record.ts");
  const modules: Catalog["modules"] = [];
  // Each tool's file lives in the folder of its toolset (src/manifest/<toolset>/); the loader names the very object the manifest lists.
  for (const toolset of new Set(manifest.map((tool) => tool.toolset))) {
    for (const entry of readdirSync(join("src/manifest", toolset)).filter((name) => name.endsWith(".ts"))) {
      const file = resolve("src/manifest", toolset, entry);
      for (const [exported, value] of Object.entries(await load<Record<string, unknown>>(file))) {
        const tool = manifest.find((candidate) => candidate === value);
        if (tool) modules.push({ name: tool.name, file, exported });
      }
    }
  }
  const unplaced = manifest.filter((tool) => !modules.some((module) => module.name === tool.name));
  if (unplaced.length > 0) {
    throw new Error(`build: ${unplaced.map((tool) => `${tool.name} (toolset ${tool.toolset})`).join(", ")} is not exported from a file in src/manifest/<its toolset>/.`);
  }
  return { listings: manifest.map(toolListing), modules, answers: await recordOpeningAnswers() };
}

/** A JavaScript expression for a JSON value: parsed at run time, which V8 does faster than it compiles an object literal. */
const jsonExpression = (value: unknown) => `JSON.parse(${JSON.stringify(JSON.stringify(value))})`;

function catalogModule(catalog: Catalog, withTools: boolean): string {
  const loaders = withTools ? catalog.modules.map((m) => `  ${JSON.stringify(m.name)}: () => require(${JSON.stringify(m.file)}).${m.exported},`) : [];
  return [
    `const LISTINGS = ${jsonExpression(catalog.listings)};`,
    `const LOADERS = {`,
    ...loaders,
    `};`,
    `const built = new Map();`,
    `export function toolListings() { return LISTINGS; }`,
    `export function loadTool(name) {`,
    `  let tool = built.get(name);`,
    `  if (tool) return tool;`,
    `  const loader = LOADERS[name];`,
    `  if (!loader) throw new Error(${JSON.stringify(withTools ? "No manifest tool is named " : "The stdio start builds no tool, and was asked for ")} + JSON.stringify(name) + ".");`,
    `  built.set(name, (tool = loader()));`,
    `  return tool;`,
    `}`,
  ].join("\n");
}

/** The plugin: the server gets listings and loaders; the bin listings without loaders, and the opening answers. */
export function catalogPlugin(catalog: Catalog, bundle: "server" | "bin"): Plugin {
  return {
    name: "litellm-mcp-catalog",
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/]mcp[\\/]tool-catalog\.ts$/ }, () => ({ contents: catalogModule(catalog, bundle === "server"), loader: "js", resolveDir: resolve(".") }));
      if (bundle === "bin") {
        build.onLoad({ filter: /[\\/]src[\\/]mcp[\\/]stdio-opening-answers\.ts$/ }, () => ({
          contents: `export const RECORDED_OPENING_ANSWERS = ${jsonExpression(catalog.answers)};`,
          loader: "js",
        }));
      }
    },
  };
}
