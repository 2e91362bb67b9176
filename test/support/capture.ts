// Suites record everything the server emitted (tool results, protocol answers, stdout, stderr) into this
// run's capture folder; the global teardown in canary-setup.ts scans all of it for the canary keys.

import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { inject } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    captureDir: string;
  }
}

export function capture(suite: string, ...emitted: unknown[]): void {
  const lines = emitted.map((item) => (typeof item === "string" ? item : JSON.stringify(item)));
  appendFileSync(join(inject("captureDir"), `${suite}.log`), `${lines.join("\n")}\n`);
}
