// The stdio server's first answers, given before the MCP SDK is loaded. A host that starts the server asks
// the same few things every time: initialize (2025-11-25) or server/discover (2026-07-28), then tools/list.
// Their answers are fixed for a configuration: the SDK's own answers to them, recorded by the build
// (src/cli/stdio-opening-record.ts), and the tool list, built from the static listings (src/mcp/tool-listing.ts).
// So the start answers them here, and loading the SDK, zod and the tools waits until something else is asked
// or the host has gone quiet (src/cli/stdio.ts); that server is then shown every line taken here, its own
// answers to them dropped, so it stands exactly where it would have stood had it read them itself.
//
// Only what is certainly well-formed is taken: every check below accepts a subset of what the SDK accepts,
// and anything else (an unknown method, an unexpected field, a value of another type) is left to the SDK,
// whose answer, error or not, is then the one given. test/unit/stdio-opening.test.ts holds each answer
// given here to the SDK's answer to the same lines.

import { servesViews, UI_EXTENSION_ID } from "./apps/view-tools.js";
import type { ListedTool } from "./tool-listing.js";

type Json = unknown;
type JsonObject = Record<string, Json>;
export type RequestId = string | number;

/** The SDK's answers to the opening requests, as the build recorded them (src/cli/stdio-opening-record.ts). */
export interface OpeningAnswers {
  /** initialize's result, for each protocol revision before 2026 the SDK accepts as asked. */
  initialize: Record<string, JsonObject>;
  /** ping's result (2025 revisions). */
  ping: JsonObject;
  /** server/discover's result, for each 2026 revision. */
  discover: Record<string, JsonObject>;
  /** What a tools/list result carries besides `tools`: for the 2025 revisions, and for each 2026 revision. */
  toolsList: { legacy: JsonObject; modern: Record<string, JsonObject> };
}

/** The recordings for a server with no view (`plain`) and for one serving a tool with a view (src/mcp/apps/). */
export interface RecordedOpenings {
  plain: OpeningAnswers;
  views: OpeningAnswers;
}

/** The recording that holds for the tools this configuration lists. */
export function openingAnswersFor(recorded: RecordedOpenings, tools: readonly Pick<ListedTool, "name">[]): OpeningAnswers {
  return servesViews(tools.map((tool) => tool.name)) ? recorded.views : recorded.plain;
}

/** The 2026 revisions this server speaks. */
export const MODERN_REVISIONS = ["2026-07-28"] as const;

/** The reserved `_meta` keys of a 2026-07-28 request: its revision, the client, and what the client can do. */
const PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";
const CLIENT_INFO = "io.modelcontextprotocol/clientInfo";
const CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";

const isObject = (value: Json): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);
const onlyKeys = (value: JsonObject, allowed: readonly string[]) => Object.keys(value).every((key) => allowed.includes(key));
const optional = (value: Json, check: (value: Json) => boolean) => value === undefined || check(value);
const isString = (value: Json) => typeof value === "string";
const isEmpty = (value: Json) => isObject(value) && Object.keys(value).length === 0;
/** A JSON object whose every value is a JSON object (the shape of `experimental` and `extensions`). */
const objectOfObjects = (value: Json) => isObject(value) && Object.values(value).every(isObject);

/** An implementation's name and version (clientInfo), with nothing the SDK checks further (icons). */
function isImplementation(value: Json): boolean {
  if (!isObject(value) || !onlyKeys(value, ["name", "version", "title", "description", "websiteUrl"])) return false;
  return isString(value.name) && isString(value.version) && [value.title, value.description, value.websiteUrl].every((text) => optional(text, isString));
}

/**
 * Client capabilities, the kinds both revisions know, each of the shape both revisions' schemas accept. A
 * client that declares the MCP Apps extension is served per its declaration (tools/list gains view links),
 * so it is left to the SDK.
 */
function isCapabilities(value: Json): boolean {
  if (!isObject(value) || !onlyKeys(value, ["experimental", "sampling", "elicitation", "roots", "extensions"])) return false;
  const { experimental, sampling, elicitation, roots, extensions } = value;
  if (isObject(extensions) && UI_EXTENSION_ID in extensions) return false;
  return (
    optional(experimental, objectOfObjects) &&
    optional(extensions, objectOfObjects) &&
    optional(sampling, (s) => isObject(s) && optional(s.context, isObject) && optional(s.tools, isObject)) &&
    optional(roots, (r) => isObject(r) && optional(r.listChanged, (flag) => typeof flag === "boolean")) &&
    optional(
      elicitation,
      (e) => isObject(e) && optional(e.form, (form) => isObject(form) && optional(form.applyDefaults, (flag) => typeof flag === "boolean")) && optional(e.url, isObject),
    )
  );
}

interface Message {
  id?: RequestId;
  method: string;
  params: JsonObject;
}

/** A JSON-RPC request or notification with nothing beyond its four members; undefined for anything else. */
function messageOf(line: string): Message | undefined {
  let parsed: Json;
  try {
    parsed = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isObject(parsed) || !onlyKeys(parsed, ["jsonrpc", "id", "method", "params"]) || parsed.jsonrpc !== "2.0" || !isString(parsed.method)) return undefined;
  const { id, params } = parsed;
  if ("id" in parsed && !(isString(id) || Number.isSafeInteger(id))) return undefined;
  if (params !== undefined && !isObject(params)) return undefined;
  return { ...("id" in parsed ? { id: id as RequestId } : {}), method: parsed.method as string, params: (params ?? {}) as JsonObject };
}

/**
 * The revision a request's 2026-07-28 envelope names, when the envelope is one both the SDK and this file are
 * sure of (its revision, the client's capabilities, perhaps the client, nothing else); undefined otherwise.
 * The HTTP mode's direct calls read envelopes with it too (src/mcp/http-direct-calls.ts).
 */
export function plainEnvelopeRevision(params: JsonObject): string | undefined {
  const meta = params._meta;
  if (!isObject(meta) || !onlyKeys(meta, [PROTOCOL_VERSION, CLIENT_INFO, CLIENT_CAPABILITIES])) return undefined;
  const revision = meta[PROTOCOL_VERSION];
  if (!isString(revision) || !isCapabilities(meta[CLIENT_CAPABILITIES])) return undefined;
  return optional(meta[CLIENT_INFO], isImplementation) ? (revision as string) : undefined;
}

/** The revision of a plain envelope, when the SDK's answers for that revision were recorded. */
function envelopeRevision(params: JsonObject, answers: OpeningAnswers): string | undefined {
  const revision = plainEnvelopeRevision(params);
  return revision !== undefined && revision in answers.discover ? revision : undefined;
}

/** tools/list's own parameter: an optional cursor (the whole list is one page), besides `_meta` where allowed. */
function isListParams(params: JsonObject, withMeta: boolean): boolean {
  return onlyKeys(params, withMeta ? ["_meta", "cursor"] : ["cursor"]) && optional(params.cursor, isString);
}

export type Taken = { answer?: string } | undefined;

export class StdioOpening {
  /** The era the opening chose: the 2025 handshake, or a 2026 revision. */
  private era: { legacy: true } | { revision: string } | undefined;
  /** The lines taken here, in order, for the server that takes over. */
  readonly taken: Buffer[] = [];
  /** The requests answered here: the server that takes over answers them again, and those answers are dropped. */
  readonly answered = new Set<RequestId>();
  /** Whether a tools/list was answered: the host has what it asks for at launch. */
  listed = false;

  constructor(
    private readonly answers: OpeningAnswers,
    private readonly tools: readonly ListedTool[],
  ) {}

  /**
   * Takes one line: `{ answer }` is the line to write (none for a notification); undefined means this line,
   * and every one after it, is for the SDK's server.
   */
  take(line: Buffer): Taken {
    const text = line.toString("utf8");
    // Blank lines are skipped, as the server's transport skips them.
    if (text.trim() === "") return {};
    const message = messageOf(text);
    const result = message && this.resultFor(message);
    if (result === undefined) return undefined;
    this.taken.push(line);
    if (message!.id === undefined) return {};
    this.answered.add(message!.id);
    // The SDK's response, member for member in its order.
    return { answer: `${JSON.stringify({ result, jsonrpc: "2.0", id: message!.id })}\n` };
  }

  /** The result to answer with (null for a notification taken), or undefined to leave the message to the SDK. */
  private resultFor({ id, method, params }: Message): JsonObject | null | undefined {
    const { answers, era } = this;
    const request = id !== undefined;
    if (era === undefined || "legacy" in era) {
      // A 2025 message carries no _meta here: a claim of the 2026 envelope changes how the SDK reads it.
      if (params._meta !== undefined) return this.modernResult(method, params, request);
      if (era === undefined) {
        if (method !== "initialize" || !request || !onlyKeys(params, ["protocolVersion", "capabilities", "clientInfo"])) return undefined;
        const { protocolVersion, capabilities, clientInfo } = params;
        const result = isString(protocolVersion) ? answers.initialize[protocolVersion as string] : undefined;
        if (!result || !isCapabilities(capabilities) || !isImplementation(clientInfo)) return undefined;
        this.era = { legacy: true };
        return result;
      }
      if (method === "notifications/initialized" && !request && isEmpty(params)) return null;
      if (method === "ping" && request && isEmpty(params)) return answers.ping;
      if (method === "tools/list" && request && isListParams(params, false)) return this.list(answers.toolsList.legacy);
      return undefined;
    }
    return this.modernResult(method, params, request);
  }

  private modernResult(method: string, params: JsonObject, request: boolean): JsonObject | undefined {
    const { answers, era } = this;
    if (!request || (era !== undefined && !("revision" in era))) return undefined;
    const revision = envelopeRevision(params, answers);
    if (revision === undefined || (era !== undefined && era.revision !== revision)) return undefined;
    let result: JsonObject | undefined;
    if (method === "server/discover" && onlyKeys(params, ["_meta"])) result = answers.discover[revision];
    if (method === "tools/list" && isListParams(params, true)) result = this.list(answers.toolsList.modern[revision]!);
    if (result) this.era = { revision };
    return result;
  }

  private list(besides: JsonObject | undefined): JsonObject | undefined {
    if (!besides) return undefined;
    this.listed = true;
    return { tools: this.tools, ...besides };
  }
}
