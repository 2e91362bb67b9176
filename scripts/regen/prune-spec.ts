// Cuts LiteLLM's whole document (about 500 paths) down to the operations the bridge uses and the
// components they reach, so the repository carries only what it needs and type-checking stays fast.

import { isObject, sortKeysDeep, type Json, type JsonObject } from "./json.ts";
import { operationLabel, type OperationRef } from "./operations.ts";

export interface PrunedSpec {
  document: JsonObject;
  /** Operations the manifest lists that the source document does not have. */
  missing: OperationRef[];
}

/** "#/components/schemas/Foo" → ["schemas", "Foo"]; anything else (external refs) → undefined. */
export function componentOfRef(ref: string): [string, string] | undefined {
  const match = /^#\/components\/([^/]+)\/([^/]+)$/.exec(ref);
  return match ? [match[1]!, decodeURIComponent(match[2]!.replace(/~1/g, "/").replace(/~0/g, "~"))] : undefined;
}

function collectRefs(node: Json, into: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(item, into);
  } else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") into.add(value);
      else collectRefs(value, into);
    }
  }
}

export function pruneSpec(source: JsonObject, operations: readonly OperationRef[]): PrunedSpec {
  const sourcePaths = isObject(source.paths) ? source.paths : {};
  const sourceComponents = isObject(source.components) ? source.components : {};
  const paths: JsonObject = {};
  const missing: OperationRef[] = [];

  for (const op of operations) {
    const item = sourcePaths[op.path];
    const operation = isObject(item) ? item[op.method] : undefined;
    if (!isObject(operation)) {
      missing.push(op);
      continue;
    }
    const kept = isObject(paths[op.path]) ? (paths[op.path] as JsonObject) : {};
    kept[op.method] = operation;
    // Path-level parameters apply to every method of the path.
    if (isObject(item) && item.parameters !== undefined) kept.parameters = item.parameters;
    paths[op.path] = kept;
  }

  // Walk $refs to a fixed point: a kept component may reach further components.
  const components: Record<string, JsonObject> = {};
  const pending = new Set<string>();
  collectRefs(paths, pending);
  const done = new Set<string>();
  while (pending.size > 0) {
    const [ref] = pending;
    pending.delete(ref!);
    if (done.has(ref!)) continue;
    done.add(ref!);
    const target = componentOfRef(ref!);
    if (!target) continue;
    const [kind, name] = target;
    const group = sourceComponents[kind];
    const value = isObject(group) ? group[name] : undefined;
    if (value === undefined) {
      throw new Error(`The document refers to ${ref}, which it does not define (reached from ${operationsLabel(operations)}).`);
    }
    (components[kind] ??= {})[name] = value;
    collectRefs(value, pending);
  }
  if (isObject(sourceComponents.securitySchemes)) components.securitySchemes = sourceComponents.securitySchemes;

  const info = isObject(source.info) ? source.info : {};
  const document: JsonObject = {
    openapi: typeof source.openapi === "string" ? source.openapi : "3.1.0",
    info: { title: info.title ?? "LiteLLM API", version: info.version ?? "unknown" },
    paths,
    components,
  };
  return { document: sortKeysDeep(document) as JsonObject, missing };
}

function operationsLabel(ops: readonly OperationRef[]): string {
  return ops.map(operationLabel).join(", ");
}
