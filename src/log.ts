// One line per event on stderr (stdout carries only JSON-RPC), with every known secret redacted.

import { redact } from "./redact.js";

export type Logger = (level: "info" | "warn" | "error", message: string) => void;

export function createStderrLogger(secrets: () => readonly (string | undefined)[]): Logger {
  return (level, message) => {
    const line = redact(message, secrets()).replace(/\s*\n\s*/g, " ");
    process.stderr.write(`litellm-mcp ${level}: ${line}\n`);
  };
}
