// Runs a CommonJS file through V8's code cache: the compiled code is read from `<file>.v8cache` instead
// of being produced again, which is most of a large bundle's start-up. The cache is only an accelerator:
// V8 rejects it when Node's version or flags differ from the ones that wrote it, and a missing or
// unreadable cache is ignored; either way the same source is compiled as usual.

import { isAscii } from "node:buffer";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, relative, sep } from "node:path";
import { Script } from "node:vm";

export function codeCachePath(file: string): string {
  return `${file}.v8cache`;
}

/**
 * The name stack traces give the bundle: its path inside the package (dist/server.cjs). V8 keeps the name
 * of the run that recorded the cache and shows it in every stack trace that cache serves, so an
 * absolute name would ship the build machine's folder inside the package and point traces at it.
 */
export function scriptName(file: string): string {
  return relative(dirname(dirname(file)), file).split(sep).join("/");
}

/** Compiles `file` as Node compiles a CommonJS module, with its code cache when there is one. */
export function compileWithCodeCache(file: string): Script {
  // The same wrapper Node puts around a CommonJS file, so the code runs exactly as `require` would run it.
  const source = `(function (exports, require, module, __filename, __dirname) {${readSource(file)}\n})`;
  return new Script(source, { filename: scriptName(file), cachedData: readIfPresent(codeCachePath(file)) });
}

/** Runs `file` as a CommonJS module and returns its exports; with `record`, writes its code cache when the process exits. */
export function runWithCodeCache(file: string, record: boolean): unknown {
  const script = compileWithCodeCache(file);
  // At exit the script holds every function this run compiled, not only the top level.
  if (record) process.once("exit", () => writeFileSync(codeCachePath(file), script.createCachedData()));
  const module = { exports: {}, filename: file, id: file };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  return module.exports;
}

/** The build makes the bundle pure ASCII (scripts/build.ts), which reads several times faster as Latin-1 than as UTF-8. */
function readSource(file: string): string {
  const bytes = readFileSync(file);
  return isAscii(bytes) ? bytes.toString("latin1") : bytes.toString("utf8");
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}
