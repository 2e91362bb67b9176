// Reads LiteLLM's OpenAPI document from a file, a URL or the live proxy, and turns every way that can go
// wrong into one sentence that says what to do.

import { readFile } from "node:fs/promises";
import { isObject, type JsonObject } from "./json.ts";

export interface LoadedSource {
  /** Where it came from, for messages (never carries a key). */
  label: string;
  document: JsonObject;
}

export class SourceError extends Error {
  override readonly name = "SourceError";
}

const FETCH_TIMEOUT_MS = 30_000;

const FILE_ERRORS: Record<string, string> = { ENOENT: "no such file", EACCES: "permission denied", EISDIR: "it is a folder" };

function isUrl(from: string): boolean {
  return /^https?:\/\//i.test(from);
}

async function fetchText(url: string, bearer: string | undefined): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: "application/json", ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    const why = cause === "ECONNREFUSED" ? "connection refused" : cause === "TimeoutError" ? `no answer within ${FETCH_TIMEOUT_MS / 1000} s` : cause;
    throw new SourceError(`Could not fetch ${url} (${why}). Is the LiteLLM proxy running there? Set LITELLM_HOST or pass --from <file|url>.`);
  }
  const text = await response.text();
  if (!response.ok) {
    throw new SourceError(`${url} answered HTTP ${response.status}; expected LiteLLM's OpenAPI document. Check the URL (and LITELLM_MASTER_KEY if the proxy protects /openapi.json).`);
  }
  return text;
}

export function parseDocument(text: string, label: string): JsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    const looksHtml = /^\s*</.test(text);
    throw new SourceError(
      looksHtml
        ? `${label} is an HTML page, not an OpenAPI document. Point --from at LiteLLM's /openapi.json.`
        : `${label} is not valid JSON (${text.length === 0 ? "it is empty" : "is it truncated?"}). Nothing was written.`,
    );
  }
  if (!isObject(parsed) || typeof parsed.openapi !== "string" || !parsed.openapi.startsWith("3.") || !isObject(parsed.paths)) {
    throw new SourceError(`${label} is JSON but not an OpenAPI 3 document (no "openapi": "3.x" and "paths"). Point --from at LiteLLM's /openapi.json.`);
  }
  return parsed;
}

export async function loadSource(from: string, bearer: string | undefined): Promise<LoadedSource> {
  let text: string;
  if (isUrl(from)) {
    text = await fetchText(from, bearer);
  } else {
    try {
      text = await readFile(from, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
      throw new SourceError(`Could not read ${from} (${FILE_ERRORS[code] ?? code}). Pass --from a saved /openapi.json or a proxy URL.`);
    }
  }
  return { label: from, document: parseDocument(text, from) };
}
