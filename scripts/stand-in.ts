// `npm run stand-in [-- --port N] [-- --community]`: the local LiteLLM stand-in on its own, so a person can
// point litellm-mcp, the MCP Inspector or a host at it without installing LiteLLM. It answers every
// route the tools call, like a LiteLLM 1.108.7 with a database (test/support/fake-litellm.ts), and is
// not LiteLLM: nothing is stored beyond the process and no model is called. Ctrl-C stops it.

import { parseArgs } from "node:util";
import { FakeLiteLLM } from "../test/support/fake-litellm.ts";
import { modelList } from "../test/support/litellm-answers.ts";
import { DEMO_PEOPLE } from "../test/support/stand-in-state.ts";

const STAND_IN_MASTER_KEY = "sk-stand-in-master-key";

const { values } = parseArgs({ options: { port: { type: "string", default: "4000" }, community: { type: "boolean", default: false } } });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a whole number from 0 to 65535, got "${values.port}".`);
  process.exit(2);
}

// With --community it refuses regenerate_key as a LiteLLM without an Enterprise license does.
const standIn = new FakeLiteLLM({ masterKey: STAND_IN_MASTER_KEY, enterprise: !values.community });
try {
  await standIn.start(port);
} catch (error) {
  if ((error as { code?: string }).code !== "EADDRINUSE") throw error;
  console.error(`Port ${port} is taken (a LiteLLM proxy already?); using a free one instead.`);
  await standIn.start(0);
}

console.log(`LiteLLM STAND-IN (not LiteLLM: test/support/fake-litellm.ts) listening at ${standIn.url}
Models: ${modelList.data.map((m) => m.id).join(", ")}. Users: ${DEMO_PEOPLE.users.map((u) => u.user_id).join(", ")}; teams: ${DEMO_PEOPLE.teams.map((t) => t.team_id).join(", ")}.${values.community ? " regenerate_key is refused, as without an Enterprise license." : ""}

Point litellm-mcp at it:
  export LITELLM_HOST=${standIn.url} LITELLM_MASTER_KEY=${STAND_IN_MASTER_KEY}
  litellm-mcp doctor
or use those two values in a host's "env" (README, Quick start). Ctrl-C stops it.`);

const stop = () => void standIn.stop().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
