// argv → command, for every spelling the README and --help promise.

import { describe, expect, it } from "vitest";
import { parseCommand } from "../../src/cli/args.ts";

describe("parseCommand", () => {
  it.each([
    [[], { kind: "stdio" }],
    [["--help"], { kind: "help" }],
    [["help"], { kind: "help" }],
    [["-h"], { kind: "help" }],
    [["--version"], { kind: "version" }],
    [["doctor"], { kind: "doctor" }],
    [["--http"], { kind: "http", host: "127.0.0.1", port: 3000 }],
    [["--http", "--port", "0"], { kind: "http", host: "127.0.0.1", port: 0 }],
    [["--http", "--port=8080", "--host", "0.0.0.0"], { kind: "http", host: "0.0.0.0", port: 8080 }],
    [["--host", "::1", "--http"], { kind: "http", host: "::1", port: 3000 }],
  ])("%j", (argv, command) => {
    expect(parseCommand(argv)).toEqual(command);
  });

  it.each([
    [["--bogus"], 'Unknown option "--bogus". The options are --http, --port, --host, --help and --version (litellm-mcp --help explains each).'],
    [["-x"], 'Unknown option "-x". The options are --http, --port, --host, --help and --version (litellm-mcp --help explains each).'],
    [["--bogus=1", "--http"], 'Unknown option "--bogus". The options are --http, --port, --host, --help and --version (litellm-mcp --help explains each).'],
    [["--http", "--host"], "--host needs a value, e.g. --host 127.0.0.1."],
    [["--http", "--port", "--host", "::1"], "--port needs a value, e.g. --port 3000."],
    [["--help=yes"], "--help takes no value."],
  ])("%j is a usage error in the project's words: %s", (argv, message) => {
    expect(parseCommand(argv)).toEqual({ kind: "usage-error", message });
  });

  it.each([[["--http", "--port", ""]], [["--http", "--port", "1.5"]], [["--http", "--port", "-1"]], [["--http", "--host"]], [["doctor", "extra"]], [["start"]]])(
    "%j is a usage error",
    (argv) => {
      expect(parseCommand(argv).kind).toBe("usage-error");
    },
  );
});
