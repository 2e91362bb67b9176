// The bridge's expected failures. Each becomes an `isError` tool result carrying its message, which is
// written for the person reading it; anything else is a bug and propagates as one.

export type BridgeErrorCode = "config" | "input" | "policy" | "upstream" | "declined";

export abstract class BridgeError extends Error {
  abstract override readonly name: string;
  abstract readonly code: BridgeErrorCode;
}

/** The server's own settings are missing or unusable (e.g. no LITELLM_MASTER_KEY for an admin tool). */
export class ConfigError extends BridgeError {
  override readonly name = "ConfigError";
  readonly code = "config";
}

/** The caller's arguments pass the schema but cannot be used as given. */
export class InputError extends BridgeError {
  override readonly name = "InputError";
  readonly code = "input";
}

/** An operator-set limit refused the call before anything was sent upstream. */
export class PolicyError extends BridgeError {
  override readonly name = "PolicyError";
  readonly code = "policy";
}

/** The person was asked to confirm a destructive call and did not say yes; nothing was sent. */
export class DeclinedError extends BridgeError {
  override readonly name = "DeclinedError";
  readonly code = "declined";
}

/** LiteLLM could not be reached, or answered with an error or with something unusable. */
export class UpstreamError extends BridgeError {
  override readonly name = "UpstreamError";
  readonly code = "upstream";
  constructor(
    message: string,
    /** HTTP status when LiteLLM answered; undefined for network failures and timeouts. */
    readonly status?: number,
    /** Seconds LiteLLM asked us to wait (Retry-After), when it said. */
    readonly retryAfterSeconds?: number,
    /** The connection closed before an answer was complete: a transient fault, worth repeating a read for. */
    readonly connectionLost = false,
  ) {
    super(message);
  }
}
