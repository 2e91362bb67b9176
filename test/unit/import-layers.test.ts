// src/ is laid out by layer, one folder each, and the imports must keep to it: a file imports from its own
// layer and the layers below, never from above or from a peer, and no import runs in a circle. The order is
// written here once; the README's "How it fits together" draws the same one.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importCircles, importGraph, layerViolations, type Layers } from "../support/import-graph.ts";

/**
 * Lowest first. "." is src/ itself: the leaves everyone may use (errors, redaction, nesting, version, log).
 * Peers (mcp and doctor) may both use what is below and neither uses the other.
 */
export const LAYERS: Layers = [["."], ["litellm"], ["policy"], ["config"], ["manifest"], ["mcp", "doctor"], ["cli"]];

const ROOT = new URL("../..", import.meta.url).pathname;

function sourcesUnder(folder: string): Map<string, string> {
  const sources = new Map<string, string>();
  for (const entry of readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".ts")) continue;
    const file = join(entry.parentPath, entry.name).slice(ROOT.length);
    sources.set(file, readFileSync(join(ROOT, file), "utf8"));
  }
  return sources;
}

describe("src/'s import graph", () => {
  const graph = importGraph(sourcesUnder("src"));

  it("is read whole: every import resolves to a file that exists", () => {
    expect(graph.size).toBeGreaterThan(80);
    const missing = [...graph].flatMap(([file, targets]) => targets.filter((t) => !existsSync(join(ROOT, t))).map((t) => `${file} → ${t}`));
    expect(missing).toEqual([]);
  });

  it("runs only downward through the layers", () => {
    expect(layerViolations(graph, LAYERS)).toEqual([]);
  });

  it("has no circle", () => {
    expect(importCircles(graph)).toEqual([]);
  });
});

describe("the checks themselves", () => {
  // A made-up tree with one of each fault, so a check that could never fail would show here.
  const made = importGraph(
    new Map([
      ["src/errors.ts", `import { x } from "./policy/a.js";`],
      ["src/policy/a.ts", `import type { B } from "./b.js";\nexport { y } from "../errors.js";`],
      ["src/policy/b.ts", `const a = await import("./a.js"); import "../../generated/litellm-api.js";`],
      ["src/mcp/server.ts", `import { run } from "../doctor/checks.js";`],
      ["src/doctor/checks.ts", `import { z } from "zod"; import { t } from "../../test/support/x.js";`],
      ["src/extras/new.ts", ``],
    ]),
  );
  const layers: Layers = [["."], ["policy"], ["mcp", "doctor"]];

  it("names an upward import, a peer's, one leaving src/ and a folder the order lacks", () => {
    expect(layerViolations(made, layers)).toEqual([
      "src/errors.ts (layer .) imports src/policy/a.ts from policy, a layer above it.",
      "src/mcp/server.ts (layer mcp) imports src/doctor/checks.ts from its peer doctor.",
      "src/doctor/checks.ts imports test/support/x.ts, outside src/ and generated/.",
      "src/extras/new.ts is in src/extras/, which the layer order does not name: add the folder to it, at its place.",
    ]);
  });

  it("finds a circle through type-only and dynamic imports, and a wider one across layers", () => {
    expect(importCircles(made)).toEqual([["src/errors.ts", "src/policy/a.ts", "src/policy/b.ts"]]);
  });
});

describe("README's How it fits together", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## How it fits together"), readme.indexOf("\n## ", readme.indexOf("## How it fits together") + 1));
  /** The layer table's rows: the folders named in the first cell, the files named in the second. */
  const rows = [...section.matchAll(/^\| (`src\/[^|]+) \| ([^|]+) \|/gm)].map(([, folders, files]) => ({
    layers: [...folders!.matchAll(/`src\/([a-z-]+\/|\*\.ts)`/g)].map(([, name]) => (name === "*.ts" ? "." : name!.slice(0, -1))),
    files: [...files!.matchAll(/`([a-z-]+\.ts)`/g)].map(([, name]) => name!),
  }));

  it("draws the layers in the order the test holds", () => {
    expect(rows.map((row) => row.layers)).toEqual(LAYERS);
  });

  it("names every file of each layer, in its row, and no file that is not there", () => {
    for (const row of rows) {
      const present = row.layers.flatMap((layer) =>
        readdirSync(join(ROOT, "src", layer), { withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith(".ts")).map((e) => e.name),
      );
      expect(row.files.toSorted(), `the README row for ${row.layers.join(", ")}`).toEqual([...new Set(present)].toSorted());
    }
  });
});
