// Global setup of the live project: one real LiteLLM proxy for every live test file (it takes seconds to
// start and ~400 MB to run), stopped in teardown whether the tests passed or not. Where LiteLLM is not
// installed it says so in one line and the live tests skip, unless LITELLM_MCP_LIVE=require (CI).

import type { TestProject } from "vitest/node";
import { LITELLM_VERSION, missingInstall } from "../../scripts/litellm-pin.ts";
import { startLiteLLMProxy } from "../support/litellm-proxy.ts";

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const missing = missingInstall();
  if (missing) {
    if (process.env.LITELLM_MCP_LIVE === "require") {
      throw new Error(`The live suite is required (LITELLM_MCP_LIVE=require) but ${missing}: run \`npm run live:install\`.`);
    }
    console.warn(`Live suite skipped: ${missing}. Run \`npm run test:live\` to install LiteLLM ${LITELLM_VERSION} there and run it against a real proxy.`);
    project.provide("liveProxy", null);
    return undefined;
  }

  const proxy = await startLiteLLMProxy();
  console.log(`Live suite: LiteLLM ${LITELLM_VERSION} at ${proxy.url}, ready after ${proxy.startSeconds.toFixed(1)} s.`);
  const { log: _log, stop: _stop, ...info } = proxy;
  project.provide("liveProxy", info);

  return async () => {
    const stopping = performance.now();
    const code = await proxy.stop();
    const took = ((performance.now() - stopping) / 1000).toFixed(1);
    // uvicorn re-raises SIGTERM after a graceful shutdown: 143 is a clean stop.
    if (code === 143 || code === 0) console.log(`Live suite: LiteLLM stopped ${took} s after SIGTERM.`);
    else console.warn(`Live suite: LiteLLM did not stop cleanly (status ${code}) after ${took} s; its process group was killed.`);
  };
}
