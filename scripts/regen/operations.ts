// The operations of LiteLLM's document the bridge uses, and how to name and order them.
// `spec/operations.json` is the hand-kept list; everything regen writes is limited to it. Each entry also
// names the tool that calls the operation and the fields it sends and reads, so the drift report can say
// which changes break the bridge without importing src/ (whose imports regen may be about to change).

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

export interface OperationRef {
  method: HttpMethod;
  path: string;
}

export type RequestPart = "path" | "query" | "body";

export interface ToolOperation extends OperationRef {
  /** The manifest tool that calls this operation. */
  tool: string;
  /** Top-level request fields the tool can send, per part of the request. */
  sends: Record<RequestPart, string[]>;
  /** Top-level fields of the 2xx answer the tool's output mapping reads. */
  reads: string[];
}

const METHODS: readonly HttpMethod[] = ["get", "post", "put", "patch", "delete"];
export const REQUEST_PARTS: readonly RequestPart[] = ["path", "query", "body"];

/** "POST /key/generate" — how reports and headers name an operation. */
export function operationLabel(op: OperationRef): string {
  return `${op.method.toUpperCase()} ${op.path}`;
}

/** "postKeyGenerate" — the stem of identifiers generated for an operation. */
export function operationIdentifier(op: OperationRef): string {
  const words = op.path
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1));
  return op.method + words.join("");
}

export function compareOperations(a: OperationRef, b: OperationRef): number {
  return a.path === b.path ? a.method.localeCompare(b.method) : a.path < b.path ? -1 : 1;
}

function names(value: unknown, where: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string" && v.length > 0)) {
    throw new Error(`${where} must be an array of field names.`);
  }
  return [...value].sort();
}

function parseSends(value: unknown, where: string): Record<RequestPart, string[]> {
  const raw = (value ?? {}) as Record<string, unknown>;
  if (typeof raw !== "object" || Array.isArray(raw)) throw new Error(`${where}.sends must be an object keyed by path, query, body.`);
  const unknownPart = Object.keys(raw).find((k) => !REQUEST_PARTS.includes(k as RequestPart));
  if (unknownPart) throw new Error(`${where}.sends has "${unknownPart}"; use path, query or body.`);
  return { path: names(raw.path, `${where}.sends.path`), query: names(raw.query, `${where}.sends.query`), body: names(raw.body, `${where}.sends.body`) };
}

/** Validates the hand-kept list so a typo fails with the entry's position, not later. */
export function parseOperationList(raw: unknown): ToolOperation[] {
  if (!Array.isArray(raw)) throw new Error("spec/operations.json must be a JSON array of { tool, method, path, sends, reads }.");
  const seen = new Set<string>();
  const tools = new Set<string>();
  const ops = raw.map((entry, i) => {
    const where = `spec/operations.json entry ${i}`;
    const { tool, method, path, sends, reads } = (entry ?? {}) as Record<string, unknown>;
    if (typeof tool !== "string" || !/^[a-z][a-z0-9_]*$/.test(tool)) throw new Error(`${where}: tool must be the manifest tool's snake_case name.`);
    if (typeof method !== "string" || !METHODS.includes(method as HttpMethod)) {
      throw new Error(`${where}: method must be one of ${METHODS.join(", ")}.`);
    }
    if (typeof path !== "string" || !path.startsWith("/")) throw new Error(`${where}: path must start with "/".`);
    const op: ToolOperation = { tool, method: method as HttpMethod, path, sends: parseSends(sends, where), reads: names(reads, `${where}.reads`) };
    const label = operationLabel(op);
    if (seen.has(label)) throw new Error(`spec/operations.json lists ${label} twice.`);
    if (tools.has(tool)) throw new Error(`spec/operations.json lists tool ${tool} twice.`);
    seen.add(label);
    tools.add(tool);
    return op;
  });
  return ops.sort(compareOperations);
}
