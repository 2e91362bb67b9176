// The operations of LiteLLM's document the bridge uses, and how to name and order them.
// `spec/operations.json` is the hand-kept list; everything regen writes is limited to it. Each entry also
// names the tool that calls the operation and the fields it sends (which of them on every call, which only
// when it streams) and reads, so the drift report can say which changes break the bridge without importing
// src/ (whose imports regen may be about to change). test/drift/manifest-operations.test.ts holds each
// entry to what the manifest really does.

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

export interface OperationRef {
  method: HttpMethod;
  path: string;
}

export type RequestPart = "path" | "query" | "body";

export type RequestFields = Record<RequestPart, string[]>;

export interface ToolOperation extends OperationRef {
  /** The manifest tool that calls this operation. */
  tool: string;
  /** Top-level request fields the tool's request mapping can send, per part of the request. */
  sends: RequestFields;
  /** Of `sends`, those every call carries (its input requires them, or the mapping always sets them). */
  sendsAlways: RequestFields;
  /** Fields src/streaming.ts adds to the request when the tool streams. */
  sendsWhenStreaming: RequestFields;
  /** Top-level fields of the 2xx answer the tool's output mapping reads. */
  reads: string[];
}

const ENTRY_KEYS = ["tool", "method", "path", "sends", "sendsAlways", "sendsWhenStreaming", "reads"];

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

function parseFields(value: unknown, where: string): RequestFields {
  const raw = (value ?? {}) as Record<string, unknown>;
  if (typeof raw !== "object" || Array.isArray(raw)) throw new Error(`${where} must be an object keyed by path, query, body.`);
  const unknownPart = Object.keys(raw).find((k) => !REQUEST_PARTS.includes(k as RequestPart));
  if (unknownPart) throw new Error(`${where} has "${unknownPart}"; use path, query or body.`);
  return { path: names(raw.path, `${where}.path`), query: names(raw.query, `${where}.query`), body: names(raw.body, `${where}.body`) };
}

/** sendsAlways names fields of sends; sendsWhenStreaming names fields sends does not. */
function checkFieldLists(op: ToolOperation, where: string): void {
  for (const part of REQUEST_PARTS) {
    const stray = op.sendsAlways[part].find((name) => !op.sends[part].includes(name));
    if (stray) throw new Error(`${where}.sendsAlways.${part} has ${stray}, which sends.${part} does not list.`);
    const twice = op.sendsWhenStreaming[part].find((name) => op.sends[part].includes(name));
    if (twice) throw new Error(`${where}.sendsWhenStreaming.${part} has ${twice}, which sends.${part} lists already.`);
  }
}

/** Validates the hand-kept list so a typo fails with the entry's position, not later. */
export function parseOperationList(raw: unknown): ToolOperation[] {
  if (!Array.isArray(raw)) throw new Error(`spec/operations.json must be a JSON array of { ${ENTRY_KEYS.join(", ")} }.`);
  const seen = new Set<string>();
  const tools = new Set<string>();
  const ops = raw.map((entry, i) => {
    const where = `spec/operations.json entry ${i}`;
    const fields = (entry ?? {}) as Record<string, unknown>;
    const stray = Object.keys(fields).find((key) => !ENTRY_KEYS.includes(key));
    if (stray) throw new Error(`${where} has "${stray}"; an entry has ${ENTRY_KEYS.join(", ")}.`);
    const { tool, method, path, sends, sendsAlways, sendsWhenStreaming, reads } = fields;
    if (typeof tool !== "string" || !/^[a-z][a-z0-9_]*$/.test(tool)) throw new Error(`${where}: tool must be the manifest tool's snake_case name.`);
    if (typeof method !== "string" || !METHODS.includes(method as HttpMethod)) {
      throw new Error(`${where}: method must be one of ${METHODS.join(", ")}.`);
    }
    if (typeof path !== "string" || !path.startsWith("/")) throw new Error(`${where}: path must start with "/".`);
    const op: ToolOperation = {
      tool,
      method: method as HttpMethod,
      path,
      sends: parseFields(sends, `${where}.sends`),
      sendsAlways: parseFields(sendsAlways, `${where}.sendsAlways`),
      sendsWhenStreaming: parseFields(sendsWhenStreaming, `${where}.sendsWhenStreaming`),
      reads: names(reads, `${where}.reads`),
    };
    checkFieldLists(op, where);
    const label = operationLabel(op);
    if (seen.has(label)) throw new Error(`spec/operations.json lists ${label} twice.`);
    if (tools.has(tool)) throw new Error(`spec/operations.json lists tool ${tool} twice.`);
    seen.add(label);
    tools.add(tool);
    return op;
  });
  return ops.sort(compareOperations);
}
