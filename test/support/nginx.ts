// Runs Debian's nginx as a child process in front of litellm-mcp replicas, with the README's nginx block —
// the site a user copies from it — as its site: only the replica and listen addresses are swapped for loopback
// ports of the caller's. Everything nginx writes goes to a temporary prefix; its access log names the
// replica that answered each request, so a test can see how the load was spread.

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { refusedOrigin } from "./serve.ts";

const README = new URL("../../README.md", import.meta.url);

/** The README's one ```nginx block, as a user copies it into /etc/nginx/conf.d/. */
export function readmeNginxSite(readme = readFileSync(README, "utf8")): string {
  const blocks = [...readme.matchAll(/^```nginx\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
  if (blocks.length !== 1) throw new Error(`README.md should hold exactly one \`\`\`nginx block (the deployment's site); it holds ${blocks.length}.`);
  return blocks[0]!;
}

/** The nginx binary, or undefined where none is installed. */
export function findNginx(): string | undefined {
  for (const candidate of ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/bin/nginx"]) if (existsSync(candidate)) return candidate;
  const found = spawnSync("sh", ["-c", "command -v nginx"], { encoding: "utf8" }).stdout.trim();
  return found || undefined;
}

/** Whether the balancer suites run: they need nginx; CI (LITELLM_MCP_NGINX=require) fails instead of skipping. */
export function nginxOrSkip(suite: string): string | undefined {
  const nginx = findNginx();
  if (!nginx) {
    if (process.env.LITELLM_MCP_NGINX === "require") throw new Error(`${suite}: nginx is not installed, and LITELLM_MCP_NGINX=require (apt-get install -y nginx).`);
    console.log(`${suite}: skipped, nginx is not installed (apt-get install -y nginx to run it).`);
  }
  return nginx;
}

/** The README's nginx site with these replicas and this listening port; fails loudly if the file's shape changed. */
export function siteFor(replicas: readonly URL[], port: number, site = readmeNginxSite()): string {
  const upstream = /(upstream litellm_mcp \{\n)((?:\s*#.*\n)*)((?:\s*server \S+;\n)+)/.exec(site);
  const listen = /listen 127\.0\.0\.1:\d+;/.exec(site);
  if (!upstream || !listen) throw new Error(`README.md's nginx site no longer has the upstream block and listen line this harness swaps.`);
  const servers = replicas.map((url) => `    server ${url.host};\n`).join("");
  return site.replace(upstream[0], `${upstream[1]}${upstream[2]}${servers}`).replace(listen[0], `listen 127.0.0.1:${port};`);
}

export interface RunningNginx {
  url: URL;
  /** nginx's master process (its workers are its children). */
  pid: number;
  /** How many POSTs to /mcp (MCP messages) each replica (host:port) answered, from the access log. */
  hits(): Map<string, number>;
  stderr(): string;
  stop(): Promise<void>;
}

export async function startNginx(nginx: string, replicas: readonly URL[]): Promise<RunningNginx> {
  const prefix = mkdtempSync(join(tmpdir(), "litellm-mcp-nginx-"));
  // Workers run as an unprivileged user when nginx starts as root; they must reach the prefix.
  chmodSync(prefix, 0o755);
  const port = Number(new URL(await refusedOrigin()).port);
  writeFileSync(join(prefix, "litellm-mcp.conf"), siteFor(replicas, port));
  writeFileSync(
    join(prefix, "nginx.conf"),
    [
      "daemon off;",
      "worker_processes 1;",
      "error_log stderr warn;",
      `pid ${join(prefix, "nginx.pid")};`,
      "events { worker_connections 1024; }",
      "http {",
      "  log_format replica '$request_method $request_uri $upstream_addr $status';",
      `  access_log ${join(prefix, "access.log")} replica;`,
      ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((kind) => `  ${kind}_temp_path ${join(prefix, kind)};`),
      `  include ${join(prefix, "litellm-mcp.conf")};`,
      "}",
    ].join("\n"),
  );
  const child: ChildProcess = spawn(nginx, ["-p", prefix, "-c", join(prefix, "nginx.conf"), "-e", "stderr"], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const url = new URL(`http://127.0.0.1:${port}/mcp`);

  const stop = async () => {
    if (child.exitCode === null) child.kill("SIGTERM");
    await exited;
    rmSync(prefix, { recursive: true, force: true });
  };
  // Up when a health check passes through it to a replica.
  for (let attempt = 0; ; attempt++) {
    const ok = await fetch(new URL("/healthz", url)).then((r) => r.ok, () => false);
    if (ok) break;
    if (child.exitCode !== null || attempt > 100) {
      await stop();
      throw new Error(`nginx did not come up: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  return {
    url,
    pid: child.pid!,
    stderr: () => stderr,
    hits: () => {
      const counts = new Map<string, number>();
      for (const line of readFileSync(join(prefix, "access.log"), "utf8").split("\n")) {
        const [method, uri, replica] = line.split(" ");
        if (method === "POST" && uri === "/mcp" && replica) counts.set(replica, (counts.get(replica) ?? 0) + 1);
      }
      return counts;
    },
    stop,
  };
}
