// Global setup of the database project: one real LiteLLM on a real PostgreSQL (the litellm-db kit) for every
// database test file, stopped in teardown whether the tests passed or not. Where PostgreSQL or LiteLLM is not
// installed it says so in one line and the database tests skip, unless LITELLM_MCP_DB=require (CI).

import type { TestProject } from "vitest/node";
import { LITELLM_VERSION } from "../../scripts/litellm-pin.ts";
import { dbSuiteMissing, startDbProxy } from "../support/db-proxy.ts";

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const missing = dbSuiteMissing();
  if (missing) {
    if (process.env.LITELLM_MCP_DB === "require") {
      throw new Error(`The database suite is required (LITELLM_MCP_DB=require) but ${missing.reason}: ${missing.remedy}.`);
    }
    console.warn(`Database suite skipped: ${missing.reason}; ${missing.remedy}.`);
    project.provide("dbProxy", null);
    return undefined;
  }

  const proxy = await startDbProxy();
  console.log(`Database suite: LiteLLM ${LITELLM_VERSION} on PostgreSQL at ${proxy.url}, ready after ${proxy.startSeconds.toFixed(1)} s.`);
  const { stop, ...info } = proxy;
  project.provide("dbProxy", info);

  return async () => {
    const took = await stop();
    console.log(`Database suite: LiteLLM and PostgreSQL stopped after ${took.toFixed(1)} s.`);
  };
}
