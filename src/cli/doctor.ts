// Runs the doctor's checks against the configured proxy and prints the report to stdout; exit code 0/1.

import { loadConfig } from "../config/config.js";
import { runDoctor } from "../doctor/checks.js";
import { exitCodeFor, formatReport } from "../doctor/report.js";
import { redact } from "../redact.js";
import { VERSION } from "../version.js";

export async function runDoctorCommand(): Promise<number> {
  const config = loadConfig();
  const secrets = [config.masterKey];
  process.stdout.write(redact(`litellm-mcp ${VERSION} doctor: LiteLLM at ${config.host}\n`, secrets));
  const checks = await runDoctor(config);
  process.stdout.write(`${formatReport(checks, secrets)}\n`);
  return exitCodeFor(checks);
}
