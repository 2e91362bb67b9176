// The operations of LiteLLM's document the bridge uses, and how to name and order them.
// `spec/operations.json` is the hand-kept list; everything regen writes is limited to it.

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

export interface OperationRef {
  method: HttpMethod;
  path: string;
}

const METHODS: readonly HttpMethod[] = ["get", "post", "put", "patch", "delete"];

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

/** Validates the hand-kept list so a typo fails with the entry's position, not later. */
export function parseOperationList(raw: unknown): OperationRef[] {
  if (!Array.isArray(raw)) throw new Error("spec/operations.json must be a JSON array of { method, path }.");
  const seen = new Set<string>();
  const ops = raw.map((entry, i) => {
    const { method, path } = (entry ?? {}) as Record<string, unknown>;
    if (typeof method !== "string" || !METHODS.includes(method as HttpMethod)) {
      throw new Error(`spec/operations.json entry ${i}: method must be one of ${METHODS.join(", ")}.`);
    }
    if (typeof path !== "string" || !path.startsWith("/")) {
      throw new Error(`spec/operations.json entry ${i}: path must start with "/".`);
    }
    const op = { method: method as HttpMethod, path };
    const label = operationLabel(op);
    if (seen.has(label)) throw new Error(`spec/operations.json lists ${label} twice.`);
    seen.add(label);
    return op;
  });
  return ops.sort(compareOperations);
}
