// The Python that LiteLLM is installed with, found the same way by the install and lock scripts: the
// lock is made per interpreter and platform, because the wheels (and so their hashes) differ between them.

import { spawnSync } from "node:child_process";
import { LITELLM_VERSION } from "./litellm-pin.ts";

// LiteLLM's own Requires-Python (>=3.10, <3.15): checked first so the failure names Python, not pip.
const PYTHON_MIN = [3, 10];
const PYTHON_BELOW = [3, 15];

export interface Python {
  command: string;
  version: string;
  /** Interpreter and platform, e.g. "cp311-linux-x86_64": the wheels, their hashes and the lock differ per tag. */
  tag: string;
}

function probePython(command: string): Python | undefined {
  const script = "import sys, sysconfig; print('%d.%d.%d' % sys.version_info[:3], 'cp%d%d' % sys.version_info[:2], sysconfig.get_platform())";
  const result = spawnSync(command, ["-c", script], { encoding: "utf8" });
  if (result.status !== 0) return undefined;
  const [version, abi, platform] = result.stdout.trim().split(" ");
  return version && abi && platform ? { command, version, tag: `${abi}-${platform}` } : undefined;
}

function atLeast(version: string, bound: number[]): boolean {
  const [major = 0, minor = 0] = version.split(".").map(Number);
  return major > bound[0]! || (major === bound[0] && minor >= bound[1]!);
}

/** LITELLM_MCP_PYTHON, else python3 or python; a string says why none will do. */
export function findPython(): Python | string {
  const candidates = process.env.LITELLM_MCP_PYTHON ? [process.env.LITELLM_MCP_PYTHON] : ["python3", "python"];
  for (const command of candidates) {
    const python = probePython(command);
    if (!python) continue;
    if (atLeast(python.version, PYTHON_MIN) && !atLeast(python.version, PYTHON_BELOW)) return python;
    return `${command} is Python ${python.version}; LiteLLM ${LITELLM_VERSION} needs >= ${PYTHON_MIN.join(".")} and < ${PYTHON_BELOW.join(".")}. Point LITELLM_MCP_PYTHON at a suitable interpreter.`;
  }
  return `No Python found (tried ${candidates.join(", ")}). Install Python ${PYTHON_MIN.join(".")}+ or set LITELLM_MCP_PYTHON.`;
}
