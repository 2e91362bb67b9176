// A bare local upstream that answers GET /models with a list of any length, in LiteLLM's shape: real
// proxies serve tens to hundreds of models, and what the bridge does per result field scales with that.

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface SizedUpstream {
  url: string;
  stop(): Promise<void>;
}

export async function startSizedUpstream(models: number, masterKey: string): Promise<SizedUpstream> {
  const body = JSON.stringify({
    object: "list",
    data: Array.from({ length: models }, (_, i) => ({ id: `model-${i}`, object: "model", created: 1677610602, owned_by: "openai" })),
  });
  const server: Server = createServer((req, res) => {
    req.resume();
    const ok = req.url?.startsWith("/models") && req.headers.authorization === `Bearer ${masterKey}`;
    res.writeHead(ok ? 200 : 401, { "content-type": "application/json" });
    res.end(ok ? body : JSON.stringify({ error: { message: "Authentication Error", type: "auth_error", param: "None", code: "401" } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
