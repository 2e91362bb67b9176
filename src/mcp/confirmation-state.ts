// The requestState a confirmation round carries to the client and back: which tool asked, and a digest of the
// exact arguments it asked about, sealed with an HMAC. A client cannot skip the question (the answer counts
// only beside state this server minted) nor carry a yes over to other arguments. Every replica behind a load
// balancer can check it: the HMAC key is derived from the key the call itself is made with (the master key,
// or in caller mode the caller's own key, which binds the state to that caller too), never sent anywhere.

import { createHash, createHmac, randomBytes } from "node:crypto";
import { createRequestStateCodec, type RequestStateCodec, type ServerContext } from "@modelcontextprotocol/server";

export interface AskedAbout {
  tool: string;
  /** sha256 of the arguments, keys sorted: a client sees what was asked, never a secret. */
  args: string;
}

/** How long a person has to answer before the question must be asked again. */
const ANSWER_WITHIN_SECONDS = 10 * 60;

const DERIVATION_LABEL = "litellm-mcp confirmation state v1";

/** JSON with object keys sorted, so the same arguments digest alike however a client ordered them. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function askedAbout(tool: string, args: Record<string, unknown>): AskedAbout {
  return { tool, args: createHash("sha256").update(canonical(args)).digest("base64url") };
}

export function sameQuestion(a: AskedAbout | undefined, b: AskedAbout): boolean {
  return a !== undefined && a.tool === b.tool && a.args === b.args;
}

export interface ConfirmationState {
  mint(asked: AskedAbout, ctx: ServerContext): Promise<string>;
  /** The SDK's requestState.verify hook: a state this server did not mint answers -32602 before any tool runs. */
  verify(state: string, ctx: ServerContext): Promise<AskedAbout>;
}

/**
 * `secret`: the key the server's calls are made with. Without one no destructive call can be sent anyway;
 * a random key then keeps the state unforgeable within this process.
 */
export function confirmationState(secret: string | undefined): ConfirmationState {
  // Built on first use: most requests never confirm anything, and the HTTP mode builds a server per request.
  let codec: RequestStateCodec<AskedAbout> | undefined;
  const sealer = () =>
    (codec ??= createRequestStateCodec<AskedAbout>({
      key: secret === undefined ? randomBytes(32) : createHmac("sha256", secret).update(DERIVATION_LABEL).digest(),
      ttlSeconds: ANSWER_WITHIN_SECONDS,
    }));
  return {
    mint: (asked, ctx) => sealer().mint(asked, ctx),
    verify: (state, ctx) => sealer().verify(state, ctx),
  };
}
