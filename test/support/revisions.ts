// The two MCP revisions the server speaks, and an SDK client for each: a 2025-11-25 client opens with
// initialize, a 2026-07-28 one with server/discover and sends its capabilities on every request. Suites that
// drive the server through a client run once per revision: the `offline` project with 2025-11-25, the
// `e2e-2026` project (test/vitest.config.ts) with 2026-07-28, chosen by LITELLM_MCP_TEST_REVISION.

import { Client, type ClientCapabilities, type ClientOptions, type ElicitRequestFormParams, type ElicitResult } from "@modelcontextprotocol/client";
import { describe } from "vitest";

export const REVISIONS = ["2025-11-25", "2026-07-28"] as const;
export type Revision = (typeof REVISIONS)[number];

/** The revision this test run's clients speak. */
export const REVISION: Revision = process.env.LITELLM_MCP_TEST_REVISION === "2026-07-28" ? "2026-07-28" : "2025-11-25";

/**
 * A describe block only a 2026-07-28 client can run: registered in the run at that revision (the e2e-2026
 * project) and not at all in the other, where it has nothing to test; skipped there, it would fail a run
 * that must skip nothing (LITELLM_MCP_*=require) although the other project runs it.
 */
export function describeAt2026(name: string, body: () => void): void {
  if (REVISION === "2026-07-28") describe(name, body);
}

export interface ClientSettings {
  revision?: Revision;
  /** What the client declares beyond what `answer` adds. */
  capabilities?: ClientCapabilities;
  /**
   * Makes it a client the server can ask: it declares form elicitation and answers each question so. A
   * 2025-11-25 client is sent elicitation/create; a 2026-07-28 client gets input_required and retries.
   */
  answer?: (question: ElicitRequestFormParams) => ElicitResult | Promise<ElicitResult>;
}

export function clientOptions(settings: ClientSettings = {}): ClientOptions {
  const revision = settings.revision ?? REVISION;
  const capabilities = { ...settings.capabilities, ...(settings.answer ? { elicitation: { form: {} } } : {}) };
  return {
    ...(Object.keys(capabilities).length > 0 ? { capabilities } : {}),
    // A pin never falls back: a server that did not speak 2026-07-28 would fail the connect.
    ...(revision === "2026-07-28" ? { versionNegotiation: { mode: { pin: "2026-07-28" } } } : {}),
  };
}

export function newClient(name: string, settings: ClientSettings = {}): Client {
  const client = new Client({ name, version: "0.0.0" }, clientOptions(settings));
  const { answer } = settings;
  if (answer) client.setRequestHandler("elicitation/create", (request) => answer(request.params as ElicitRequestFormParams));
  return client;
}

/** The revision a connected client negotiated, read from what it reports. */
export function negotiated(client: Client): Revision | string | undefined {
  return client.getProtocolEra() === "modern" ? "2026-07-28" : client.getNegotiatedProtocolVersion();
}

/** The reserved `_meta` keys a 2026-07-28 request carries: its revision, who asks, and what it can do. */
export function envelope(capabilities: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    "io.modelcontextprotocol/protocolVersion": "2026-07-28",
    "io.modelcontextprotocol/clientInfo": { name: "raw-test", version: "0" },
    "io.modelcontextprotocol/clientCapabilities": capabilities,
  };
}
