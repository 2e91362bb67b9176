// Runs the built bin once with the given arguments and environment, as a terminal would.

import { execFile } from "node:child_process";
import { BUILT_SERVER } from "./spawn-server.ts";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BUILT_SERVER, ...args],
      // Only what the command needs: nothing from the test runner's environment leaks in.
      { env: { PATH: process.env.PATH ?? "", ...env }, timeout: 30_000 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end();
  });
}
