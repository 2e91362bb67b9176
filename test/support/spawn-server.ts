// Spawns the built server (dist/index.cjs, the bin) over stdio and drives it with the SDK's Client (of this
// run's revision unless told otherwise, see revisions.ts), capturing stderr.

import type { Stream } from "node:stream";
import { fileURLToPath } from "node:url";
import type { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import type { ToolResult } from "./connect.ts";
import { newClient, type ClientSettings } from "./revisions.ts";

export const BUILT_SERVER = fileURLToPath(new URL("../../dist/index.cjs", import.meta.url));

export interface Spawned {
  client: Client;
  /** The server process, for reading its memory. */
  pid: number;
  stderr: () => string;
  call(name: string, args: Record<string, unknown>): Promise<ToolResult>;
  close(): Promise<void>;
}

export async function spawnServer(env: Record<string, string>, bin: string = BUILT_SERVER, settings: ClientSettings = {}): Promise<Spawned> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [bin],
    // Only what the server needs: nothing from the test runner's environment leaks in.
    env: { PATH: process.env.PATH ?? "", ...env },
    stderr: "pipe",
  });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const client = newClient("litellm-mcp-e2e", settings);
  try {
    await client.connect(transport);
  } catch (error) {
    // The SDK only says "Connection closed"; what the server printed as it stopped says why.
    await ended(transport.stderr);
    const said = stderr.trimEnd();
    throw new Error(`${bin} did not answer initialize. ${said ? `Its stderr:\n${said}` : "It wrote nothing to stderr."}`, { cause: error });
  }
  if (transport.pid === null) throw new Error(`${bin} did not start.`);
  return {
    client,
    pid: transport.pid,
    stderr: () => stderr,
    call: (name, args) => client.callTool({ name, arguments: args }) as Promise<ToolResult>,
    close: () => client.close(),
  };
}

/** Resolves once a stream has ended (all its data delivered), or after a second at most. */
function ended(stream: Stream | null): Promise<void> {
  return new Promise((done) => {
    if (!stream || (stream as { readableEnded?: boolean }).readableEnded) return done();
    stream.once("end", () => done());
    setTimeout(done, 1000).unref();
  });
}
