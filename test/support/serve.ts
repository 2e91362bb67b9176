// Local HTTP stand-ins for a LiteLLM proxy's /openapi.json: one that answers with given text, and a port
// nobody listens on.

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Served {
  url: string;
  close: () => Promise<void>;
}

function listen(server: Server): Promise<number> {
  return new Promise((done) => server.listen(0, "127.0.0.1", () => done((server.address() as AddressInfo).port)));
}

/** Serves `body` at every path with the given content type. */
export async function serveText(body: string, contentType: string): Promise<Served> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": contentType });
    response.end(body);
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}/openapi.json`, close: () => new Promise((done) => server.close(() => done())) };
}

/** http://127.0.0.1 on a port that was free a moment ago and has no listener now: connecting is refused. */
export async function refusedOrigin(): Promise<string> {
  const server = createServer();
  const port = await listen(server);
  await new Promise<void>((done) => server.close(() => done()));
  return `http://127.0.0.1:${port}`;
}

/** The OpenAPI document's address on such a port. */
export async function refusedUrl(): Promise<string> {
  return `${await refusedOrigin()}/openapi.json`;
}
