// The least any Node.js server can do for a cold start: no SDK, no schema, no tool of its own, just Node
// answering the opening (initialize, or 2026-07-28's server/discover) and tools/list with fixed JSON, enough
// for the SDK's client to accept. Not a server anyone should ship; it shows what Node and the client cost
// beneath every other row of the cold start. CommonJS (.cts), as the bin is: Node starts it faster than an
// ES module.

const serverInfo = { name: "bare-node", version: "0.0.0" };
const capabilities = { tools: { listChanged: false } };
const tools = [{ name: "echo", inputSchema: { type: "object", properties: { text: { type: "string" } } } }];
const modern = { resultType: "complete", ttlMs: 0, cacheScope: "private", _meta: { "io.modelcontextprotocol/serverInfo": serverInfo } };

function resultFor(method: string, params: { protocolVersion?: string } | undefined): object | undefined {
  if (method === "initialize") return { protocolVersion: params?.protocolVersion, capabilities, serverInfo };
  if (method === "server/discover") return { supportedVersions: ["2026-07-28"], capabilities, ...modern };
  if (method === "tools/list") return { tools, ...(params && "_meta" in params ? modern : {}) };
  if (method === "ping") return {};
  return undefined;
}

let pending = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk: string) => {
  pending += chunk;
  for (let end = pending.indexOf("\n"); end !== -1; end = pending.indexOf("\n")) {
    const message = JSON.parse(pending.slice(0, end)) as { id?: number | string; method: string; params?: { protocolVersion?: string } };
    pending = pending.slice(end + 1);
    if (message.id === undefined) continue;
    const result = resultFor(message.method, message.params);
    const answer = result ? { jsonrpc: "2.0", id: message.id, result } : { jsonrpc: "2.0", id: message.id, error: { code: -32601, message: "Method not found" } };
    process.stdout.write(`${JSON.stringify(answer)}\n`);
  }
});
