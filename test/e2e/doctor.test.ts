// `litellm-mcp doctor` from the built bin against the LiteLLM stand-in, one deployment fault at a time:
// each gives its own line, the exit code says whether anything failed, and the master key never shows.

import { afterEach, describe, expect, it } from "vitest";
import { specInfo } from "../../generated/spec-info.ts";
import { committedSpec, FakeLiteLLM, type FakeLiteLLMOptions } from "../support/fake-litellm.ts";
import { FaultyUpstream, type Fault } from "../support/faulty-upstream.ts";
import { runCli } from "../support/run-cli.ts";
import { refusedOrigin, serveText, type Served } from "../support/serve.ts";

const MASTER = "sk-doctor-canary-master-27182818";
let upstream: FakeLiteLLM | undefined;

let other: FaultyUpstream | Served | undefined;
/** What spec/ was generated from, as the build recorded it; the doctor compares the proxy with this. */
const BUILT = specInfo.litellmVersion;
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

afterEach(async () => {
  await upstream?.stop();
  upstream = undefined;
  await (other instanceof FaultyUpstream ? other.stop() : other?.close());
  other = undefined;
});

/** The doctor against a host that misbehaves the same way on every path. */
async function doctorAgainstFault(fault: Fault, env: Record<string, string> = {}) {
  const faulty = await new FaultyUpstream().start();
  other = faulty;
  faulty.reset(fault);
  return { faulty, run: await runCli(["doctor"], { LITELLM_HOST: faulty.url, LITELLM_MASTER_KEY: MASTER, ...env }) };
}

/** The doctor against a host that answers every path with HTTP 200 and this body. */
async function doctorAgainstText(body: string, contentType: string) {
  const served = await serveText(body, contentType);
  other = served;
  return runCli(["doctor"], { LITELLM_HOST: new URL(served.url).origin, LITELLM_MASTER_KEY: MASTER });
}

const checkLines = (stdout: string) => stdout.split("\n").filter((line) => /^(ok|warn|FAIL) /.test(line));

async function doctor(options: Partial<FakeLiteLLMOptions> = {}, key: string = MASTER) {
  upstream = await new FakeLiteLLM({ masterKey: MASTER, ...options }).start();
  const run = await runCli(["doctor"], { LITELLM_HOST: upstream.url, LITELLM_MASTER_KEY: key });
  // Neither the key nor any ≥6-character piece of its end reaches the terminal.
  for (const secret of [MASTER, key]) {
    expect(run.stdout + run.stderr).not.toContain(secret.slice(-8));
  }
  return run;
}

describe("litellm-mcp doctor", () => {
  it("passes against a healthy proxy of the version the tools were generated from", async () => {
    const run = await doctor();
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ok +LiteLLM is reachable at http:\/\/127\.0\.0\.1:\d+/m);
    expect(run.stdout).toMatch(/^ok +LITELLM_MASTER_KEY is accepted/m);
    expect(run.stdout).toMatch(/^ok +LITELLM_MASTER_KEY is a proxy admin key/m);
    expect(run.stdout).toMatch(/^ok +The proxy has all 16 operations the tools use/m);
    expect(run.stdout).toMatch(new RegExp(`^ok +The proxy runs LiteLLM ${escaped(BUILT)}, the release the tools were generated from`, "m"));
    expect(run.stdout).toMatch(/All checks passed\.$/m);
    // It asked each thing once, with the key only where a key belongs.
    expect(upstream!.requests.map((r) => `${r.method} ${r.path.split("?")[0]} ${r.authorization ? "key" : "none"}`)).toEqual([
      "GET /health/liveliness none",
      "GET /models key",
      "GET /user/list key",
      "GET /openapi.json none",
    ]);
  });

  it("fails when the master key is wrong", async () => {
    const run = await doctor({}, "sk-not-the-master-key-31337");
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL +LiteLLM did not accept LITELLM_MASTER_KEY \(GET \/models: HTTP 401/m);
    expect(run.stdout).toMatch(/1 check\(s\) failed\./);
  });

  it("fails when the key is valid but only a virtual key, not an admin key", async () => {
    upstream = await new FakeLiteLLM({ masterKey: MASTER }).start();
    const minted = await fetch(`${upstream.url}/key/generate`, {
      method: "POST",
      headers: { authorization: `Bearer ${MASTER}`, "content-type": "application/json" },
      body: JSON.stringify({ models: ["mock-gpt"] }),
    });
    const virtualKey = ((await minted.json()) as { key: string }).key;
    const run = await runCli(["doctor"], { LITELLM_HOST: upstream.url, LITELLM_MASTER_KEY: virtualKey });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^ok +LITELLM_MASTER_KEY is accepted/m);
    expect(run.stdout).toMatch(/^FAIL +LITELLM_MASTER_KEY is a valid key but not a proxy admin key \(GET \/user\/list: HTTP 401: Authentication Error, Only proxy admin/m);
    expect(run.stdout).not.toContain(virtualKey.slice(-8));
  });

  it("fails without a master key, and still checks the proxy's operations", async () => {
    upstream = await new FakeLiteLLM({ masterKey: MASTER }).start();
    const run = await runCli(["doctor"], { LITELLM_HOST: upstream.url });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL +LITELLM_MASTER_KEY is not set: 14 of the 16 tools need it \(.*generate_key.*list_models.*\)\.$/m);
    expect(run.stdout).toMatch(/^ok +The proxy has all 16 operations/m);
  });

  it("recognises the master key on a proxy without a database, and warns that key tools need one", async () => {
    const run = await doctor({ database: false });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ok +LITELLM_MASTER_KEY is the proxy's master key/m);
    expect(run.stdout).toMatch(/^warn +The proxy has no database connected/m);
    expect(run.stdout).toMatch(/All checks passed \(1 warning\(s\)\)\./);
  });

  it("fails when an operation the tools use is gone", async () => {
    const spec = committedSpec();
    delete spec.paths["/key/info"];
    const run = await doctor({ openapi: spec });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL +The proxy lacks 1 of the 16 operations the tools use: GET \/key\/info\./m);
  });

  it("warns about a newer proxy than spec/ was generated from, and names the dry-run regen that tells what changed", async () => {
    const spec = committedSpec();
    const [major, minor] = BUILT.split(".").map(Number);
    spec.info.version = `${major}.${minor! + 1}.0`;
    const run = await doctor({ openapi: spec });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(`^warn +The proxy runs LiteLLM ${escaped(spec.info.version)}, newer than ${escaped(BUILT)}, the release the tools were generated from\\. .*\`npm run regen -- --dry-run --from http://127\\.0\\.0\\.1:\\d+/openapi\\.json\``, "m"),
    );
  });

  it("warns about an older proxy, and says to upgrade it", async () => {
    const spec = committedSpec();
    spec.info.version = "1.88.0";
    const run = await doctor({ openapi: spec });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^warn +The proxy runs LiteLLM 1\\.88\\.0, older than ${escaped(BUILT)}.*Upgrade the proxy to ${escaped(BUILT)} or later`, "m"));
  });

  it.each([
    ["html-error-page", "HTTP 404 with an HTML page"],
    ["html-page", "HTTP 200 with an HTML page"],
    ["empty-body", "HTTP 200 with an empty body"],
  ] as const)("a host that is not LiteLLM (%s) is named as such, and the master key is not blamed", async (fault, said) => {
    const { faulty, run } = await doctorAgainstFault(fault);
    expect(run.code).toBe(1);
    expect(checkLines(run.stdout)).toEqual([expect.stringMatching(new RegExp(`^FAIL +http://127\\.0\\.0\\.1:\\d+ answers, but does not look like a LiteLLM proxy: GET /health/liveliness gave ${said}, where LiteLLM sends`))]);
    expect(run.stdout).not.toContain("LITELLM_MASTER_KEY");
    expect(run.stdout).not.toMatch(/All checks passed/);
    // Nothing was sent with the key to a host that is not LiteLLM.
    expect([...faulty.requests.keys()]).toEqual(["GET /health/liveliness"]);
  });

  it("a redirect is reported where it points, never followed (the doctor's calls carry the master key)", async () => {
    const { faulty, run } = await doctorAgainstFault("redirect");
    expect(run.code).toBe(1);
    expect(checkLines(run.stdout)).toEqual([expect.stringMatching(/^FAIL +LiteLLM redirected the call \(HTTP 307\) to .*\/elsewhere\/collect.*redirects are not followed.*\(GET \/health\/liveliness\)\.$/)]);
    expect([...faulty.requests.keys()]).toEqual(["GET /health/liveliness"]);
  });

  it("a JSON service that is not LiteLLM fails at the model list, without blaming the key", async () => {
    const run = await doctorAgainstText('{"status": "ok"}', "application/json");
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL +http:\/\/127\.0\.0\.1:\d+ answers, but does not look like a LiteLLM proxy: GET \/models gave HTTP 200 with JSON, where LiteLLM sends its model list/m);
    expect(run.stdout).not.toMatch(/did not accept LITELLM_MASTER_KEY|not a proxy admin key/);
  });

  it("answers of only whitespace are failures, never 'All checks passed'", async () => {
    const run = await doctorAgainstText(" \n\t \n", "application/json");
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL +.*GET \/health\/liveliness gave HTTP 200 with a body of only whitespace/m);
    expect(run.stdout).toMatch(/1 check\(s\) failed\./);
  });

  it.each(["over-cap", "over-cap-declared"] as const)("stops reading an answer at LITELLM_MCP_MAX_RESPONSE_BYTES (%s)", async (fault) => {
    const cap = 1024 * 1024;
    const { faulty, run } = await doctorAgainstFault(fault, { LITELLM_MCP_MAX_RESPONSE_BYTES: String(cap) });
    expect(run.code).toBe(1);
    expect(checkLines(run.stdout)).toEqual([`FAIL  LiteLLM's answer was larger than ${cap} bytes (LITELLM_MCP_MAX_RESPONSE_BYTES), so reading stopped (GET /health/liveliness).`]);
    await expect.poll(() => faulty.endlessBodyBytes.length).toBe(1);
    // What the doctor did not read sits in loopback socket buffers (a few MB at most); reading it all would never end.
    expect(faulty.endlessBodyBytes[0]!).toBeLessThan(32 * 1024 * 1024);
  });

  it("checks the operations of the toolsets served, and fails on a toolset the server would refuse", async () => {
    upstream = await new FakeLiteLLM({ masterKey: MASTER }).start();
    const all = await runCli(["doctor"], { LITELLM_HOST: upstream.url, LITELLM_MASTER_KEY: MASTER, LITELLM_MCP_TOOLSETS: "all" });
    expect(all.stdout).toMatch(/^ok +The proxy has all 36 operations the tools use .*POST \/team\/new/m);
    const typo = await runCli(["doctor"], { LITELLM_HOST: upstream.url, LITELLM_MASTER_KEY: MASTER, LITELLM_MCP_TOOLSETS: "keys,tems" });
    expect(typo.code).toBe(1);
    expect(typo.stdout).toMatch(/^FAIL +The server would not start: LITELLM_MCP_TOOLSETS names "tems", which is not a toolset of this server/m);
  });

  it("warns, without failing, when the proxy does not publish /openapi.json", async () => {
    const run = await doctor({ openapi: null });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^warn +Could not read the proxy's \/openapi\.json \(HTTP 404\)/m);
  });

  it("fails with one line when nothing listens at LITELLM_HOST", async () => {
    const run = await runCli(["doctor"], { LITELLM_HOST: await refusedOrigin(), LITELLM_MASTER_KEY: MASTER });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL +Could not connect to LiteLLM at http:\/\/127\.0\.0\.1:\d+ \(connection refused\)/m);
    expect(run.stdout.trim().split("\n")).toHaveLength(3);
  });

  it("stops at start with the variable's name when the configuration is malformed", async () => {
    const run = await runCli(["doctor"], { LITELLM_HOST: "localhost:4000" });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/LITELLM_HOST must/);
  });
});
