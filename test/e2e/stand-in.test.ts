// The LiteLLM stand-in that `npm run demo` and `npm run stand-in` offer a newcomer: every tool the built
// server lists gets a real answer from it (the SDK client checks each against the tool's outputSchema),
// its dates are derived from the clock, and it starts on its own with a URL a host can use.

import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { FakeLiteLLM } from "../support/fake-litellm.ts";
import { spawnServer, type Spawned } from "../support/spawn-server.ts";
import { TOUR, tourContext } from "../support/tool-tour.ts";

const MASTER = "sk-stand-in-test-master-5772156";
const TSX = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));
const STAND_IN_SCRIPT = fileURLToPath(new URL("../../scripts/stand-in.ts", import.meta.url));

let upstream: FakeLiteLLM | undefined;
let server: Spawned | undefined;
afterEach(async () => {
  await server?.close();
  await upstream?.stop();
  [server, upstream] = [undefined, undefined];
});

async function against(options: { enterprise?: boolean } = {}) {
  upstream = await new FakeLiteLLM({ masterKey: MASTER, ...options }).start();
  server = await spawnServer({ LITELLM_HOST: upstream.url, LITELLM_MASTER_KEY: MASTER });
  return server;
}

/** Milliseconds between an ISO date LiteLLM would write and now: positive in the future. */
const fromNow = (iso: unknown) => Date.parse(String(iso)) - Date.now();
const MINUTE = 60_000;

describe("the LiteLLM stand-in", () => {
  it("answers every tool the server lists, each in the shape its outputSchema declares", async () => {
    const spawned = await against({ enterprise: true });
    const listed = (await spawned.client.listTools()).tools.map((t) => t.name);
    expect(TOUR.map((step) => step.tool).sort(), "the tour calls every listed tool").toEqual([...listed].sort());

    const ctx = tourContext(true);
    const answers: Record<string, Record<string, unknown>> = {};
    for (const step of TOUR) {
      const result = await spawned.call(step.tool, step.args(ctx));
      const text = result.content.map((block) => (block.type === "text" ? block.text : "")).join(" ");
      expect(result.isError, `${step.tool}: ${text}`).toBeFalsy();
      answers[step.tool] = result.structuredContent!;
      step.then?.(result.structuredContent!, ctx);
    }
    // What the calls did shows in what later calls read.
    expect(answers.get_key_info!.info).toMatchObject({ key_alias: ctx.alias, models: [ctx.model] });
    expect(answers.list_keys).toMatchObject({ total_count: 1, keys: [{ key_alias: ctx.alias }] });
    expect(answers.update_key).toMatchObject({ max_budget: 1 });
    expect(answers.block_key).toMatchObject({ blocked: true });
    expect(answers.unblock_key).toMatchObject({ blocked: false });
    expect((answers.get_user_info!.keys as unknown[]).length).toBe(1);
    expect((answers.get_team_info!.keys as unknown[]).length).toBe(1);
    expect(answers.get_spend_logs).toMatchObject({ total: 1, logs: [{ key_alias: ctx.alias, request_tags: ["litellm-mcp", "tool:proxy_completion"] }] });
    expect(answers.regenerate_key!.key).not.toBe(answers.generate_key!.key);
    expect(answers.delete_key).toEqual({ deleted: [ctx.alias], not_found: [] });
    // After the delete, LiteLLM lists the key no more.
    expect((await spawned.call("list_keys", { key_alias: ctx.alias })).structuredContent).toMatchObject({ total_count: 0, keys: [] });
  });

  it("derives its dates from the clock: a key minted for 7 days expires 7 days from now", async () => {
    const spawned = await against();
    const minted = (await spawned.call("generate_key", { models: ["mock-gpt"], user_id: "litellm-mcp-demo", duration: "7d" })).structuredContent!;
    expect(Math.abs(fromNow(minted.expires) - 7 * 24 * 60 * MINUTE)).toBeLessThan(MINUTE);
    const info = ((await spawned.call("get_key_info", { key: minted.key })).structuredContent!.info ?? {}) as Record<string, unknown>;
    expect(Math.abs(fromNow(info.created_at))).toBeLessThan(MINUTE);
    const updated = (await spawned.call("update_key", { key: minted.key, duration: "30d" })).structuredContent!;
    expect(Math.abs(fromNow(updated.expires) - 30 * 24 * 60 * MINUTE)).toBeLessThan(MINUTE);
    await spawned.call("proxy_completion", { model: "mock-gpt", key: minted.key, messages: [{ role: "user", content: "hi" }] });
    const today = new Date().toISOString().slice(0, 10);
    const logs = (await spawned.call("get_spend_logs", { start_date: today, end_date: today, user_id: "litellm-mcp-demo" })).structuredContent!.logs as { startTime: string }[];
    expect(logs).toHaveLength(1);
    expect(Math.abs(fromNow(logs[0]!.startTime))).toBeLessThan(MINUTE);
  });

  it("answers as a real LiteLLM does where it refuses: no Enterprise license, unknown users and teams, a blocked key", async () => {
    const spawned = await against();
    const refusal = async (name: string, args: Record<string, unknown>) => {
      const result = await spawned.call(name, args);
      expect(result.isError, name).toBe(true);
      return result.content.map((block) => (block.type === "text" ? block.text : "")).join(" ");
    };
    // The stand-in, like LiteLLM, would mint a key for a user it has no row for; the bridge asks first.
    expect(await refusal("generate_key", { models: ["mock-gpt"], user_id: "nobody-created-me", duration: "1h" })).toMatch(/^LiteLLM has no user "nobody-created-me"/);
    const minted = (await spawned.call("generate_key", { models: ["mock-gpt"], user_id: "litellm-mcp-demo", duration: "1h" })).structuredContent!;
    expect(await refusal("regenerate_key", { key: minted.key, duration: "1h" })).toMatch(/^This needs LiteLLM Enterprise, and the proxy has no Enterprise license/);
    // /user/info says so of a user LiteLLM has no row for.
    expect(await refusal("get_user_info", { user_id: "nobody-created-me" })).toMatch(/User nobody-created-me not found/);
    expect(await refusal("get_team_info", { team_id: "no-such-team" })).toMatch(/Team not found/);
    await spawned.call("block_key", { key: minted.key });
    expect(await refusal("proxy_completion", { model: "mock-gpt", key: minted.key, messages: [{ role: "user", content: "hi" }] })).toMatch(/^The virtual key given in "key" is blocked \(HTTP 401\)/);
  });
});

describe("npm run stand-in", () => {
  const children: ReturnType<typeof spawn>[] = [];
  afterAll(() => children.forEach((child) => child.kill("SIGTERM")));

  it("prints the URL and master key to use, and litellm-mcp works against it until it is stopped", async () => {
    const child = spawn(TSX, [STAND_IN_SCRIPT, "--port", "0"], { env: { PATH: process.env.PATH ?? "" }, stdio: ["ignore", "pipe", "pipe"] });
    children.push(child);
    let stdout = "";
    const printed = await new Promise<RegExpExecArray>((resolve, reject) => {
      child.stdout!.on("data", (chunk: Buffer) => {
        stdout += chunk.toString("utf8");
        const match = /export LITELLM_HOST=(http:\/\/127\.0\.0\.1:\d+) LITELLM_MASTER_KEY=(\S+)/.exec(stdout);
        if (match) resolve(match);
      });
      child.on("exit", (code) => reject(new Error(`stand-in exited with ${code}: ${stdout}`)));
    });
    expect(stdout).toMatch(/LiteLLM STAND-IN \(not LiteLLM/);
    server = await spawnServer({ LITELLM_HOST: printed[1]!, LITELLM_MASTER_KEY: printed[2]! });
    const models = await server.call("list_models", {});
    expect(models.isError).toBeFalsy();
    expect(models.structuredContent).toMatchObject({ models: [{ id: "mock-gpt" }, { id: "mock-claude" }] });

    const exited = new Promise((resolve) => child.on("exit", resolve));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});
