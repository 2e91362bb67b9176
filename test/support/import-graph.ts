// The import graph of src/, read with the TypeScript compiler's own pre-processor (static imports, `export …
// from`, `import type`, dynamic `import()`), and the two things the layering forbids in it: a file that
// imports from a layer above its own (or from a peer), and any circle. Pure over a map of file → text, so a
// test can feed it a made-up tree and watch it find what it should.

import { dirname, join, normalize } from "node:path";
import ts from "typescript";

/** src/'s layers, lowest first, as folder names under src/ ("." for files at src/ itself); peers share an entry. */
export type Layers = readonly (readonly string[])[];

/** file (repository-relative, e.g. "src/mcp/server.ts") → the repository-relative paths it imports. */
export type ImportGraph = Map<string, string[]>;

/** Repository-relative import targets of each file; packages (bare specifiers) are left out. */
export function importGraph(sources: ReadonlyMap<string, string>): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const [file, text] of sources) {
    const targets = ts
      .preProcessFile(text, true, true)
      .importedFiles.map((imported) => imported.fileName)
      .filter((specifier) => specifier.startsWith("."))
      .map((specifier) => normalize(join(dirname(file), specifier)).replace(/\.js$/, ".ts"));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** The layer a src/ file belongs to: its folder right under src/, or "." for src/ itself; undefined outside src/. */
export function layerOf(file: string): string | undefined {
  const parts = file.split("/");
  if (parts[0] !== "src") return undefined;
  return parts.length === 2 ? "." : parts[1];
}

/** Rank of a src/ layer in `layers`, or undefined when the order does not name it. */
function rankOf(layer: string, layers: Layers): number | undefined {
  const rank = layers.findIndex((peers) => peers.includes(layer));
  return rank < 0 ? undefined : rank;
}

/**
 * Every import the layering forbids, one sentence each: from a src/ file to a layer above it or to a peer, to
 * anything outside src/ but generated/ (scripts and tests sit above the server), and from a folder the order
 * does not name.
 */
export function layerViolations(graph: ImportGraph, layers: Layers): string[] {
  const violations: string[] = [];
  for (const [file, targets] of graph) {
    const layer = layerOf(file);
    if (layer === undefined) continue;
    const rank = rankOf(layer, layers);
    if (rank === undefined) {
      violations.push(`${file} is in src/${layer}/, which the layer order does not name: add the folder to it, at its place.`);
      continue;
    }
    for (const target of targets) {
      const targetLayer = layerOf(target);
      if (targetLayer === undefined) {
        if (!target.startsWith("generated/")) violations.push(`${file} imports ${target}, outside src/ and generated/.`);
        continue;
      }
      const targetRank = rankOf(targetLayer, layers);
      if (targetRank === undefined || targetRank > rank) {
        violations.push(`${file} (layer ${layer}) imports ${target} from ${targetLayer}, a layer above it.`);
      } else if (targetRank === rank && targetLayer !== layer) {
        violations.push(`${file} (layer ${layer}) imports ${target} from its peer ${targetLayer}.`);
      }
    }
  }
  return violations;
}

/** Every import circle, each as the files around it (Tarjan's strongly connected components, plus self-imports). */
export function importCircles(graph: ImportGraph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, next);
    low.set(file, next);
    next += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!graph.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, index.get(target)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || graph.get(file)!.includes(file)) circles.push(component.sort());
  };
  for (const file of [...graph.keys()].sort()) if (!index.has(file)) visit(file);
  return circles;
}
