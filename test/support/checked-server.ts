// The built server (over stdio, or any connected client), as the suites against a real LiteLLM drive it: every successful answer must
// satisfy the outputSchema the server lists for its tool (checked with ajv, independently of the server's own
// zod check) and say the same in its text block; every failure must be one sentence. All it emitted is kept,
// so a suite can look for secrets in it.

import { Ajv, type ValidateFunction } from "ajv";
import type { Client, Tool } from "@modelcontextprotocol/client";
import { expect } from "vitest";
import { textOf, type ToolResult } from "./connect.ts";
import { spawnServer, type Spawned } from "./spawn-server.ts";

export interface CheckedServer {
  /** The tools the server lists, with the schemas it declares. */
  tools: Tool[];
  /** Calls a tool; a successful answer has already been checked against the tool's outputSchema. */
  call(name: string, args: Record<string, unknown>): Promise<ToolResult>;
  /** Calls a tool that must succeed and returns its structuredContent. */
  answer<T = Record<string, unknown>>(name: string, args: Record<string, unknown>): Promise<T>;
  /** Calls a tool that must fail and returns its sentence: one line, no stack trace or traceback. */
  failure(name: string, args: Record<string, unknown>): Promise<string>;
  /** Tool names called so far. */
  called: Set<string>;
  validators: Map<string, ValidateFunction>;
  /** Every result and the server's stderr, one string. */
  emitted(): string;
  close(): Promise<void>;
}

export async function startCheckedServer(env: Record<string, string>): Promise<CheckedServer> {
  const server: Spawned = await spawnServer(env);
  return checkedClient(server.client, server.stderr, () => server.close());
}

/** The same checks on a client already connected to a server (e.g. over Streamable HTTP). */
export async function checkedClient(client: Client, stderr: () => string, close: () => Promise<void>): Promise<CheckedServer> {
  const { tools } = (await client.listTools()) as { tools: Tool[] };
  const ajv = new Ajv({ allErrors: true, strict: true });
  const validators = new Map<string, ValidateFunction>();
  for (const tool of tools) if (tool.outputSchema) validators.set(tool.name, ajv.compile(tool.outputSchema));
  const transcript: string[] = [];
  const called = new Set<string>();

  const call = async (name: string, args: Record<string, unknown>): Promise<ToolResult> => {
    const result = (await client.callTool({ name, arguments: args })) as ToolResult;
    called.add(name);
    transcript.push(JSON.stringify(result));
    if (!result.isError) {
      const validate = validators.get(name);
      expect(validate, `${name} lists no outputSchema`).toBeDefined();
      expect(validate!(result.structuredContent), `${name} outputSchema: ${JSON.stringify(validate!.errors)}`).toBe(true);
      expect(JSON.parse(textOf(result))).toEqual(result.structuredContent);
    }
    return result;
  };

  return {
    tools,
    call,
    async answer<T>(name: string, args: Record<string, unknown>) {
      const result = await call(name, args);
      expect(result.isError, `${name}: ${JSON.stringify(result.content)}`).toBeFalsy();
      return result.structuredContent as T;
    },
    async failure(name, args) {
      const result = await call(name, args);
      expect(result.isError, `${name} should have failed: ${JSON.stringify(result.structuredContent)}`).toBe(true);
      const text = textOf(result);
      expect(text).not.toMatch(/\n|Traceback|\bat .+:\d+:\d+/);
      return text;
    },
    called,
    validators,
    emitted: () => `${transcript.join("\n")}\n${stderr()}`,
    close,
  };
}
