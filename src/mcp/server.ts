// Builds the MCP server from the manifest: one registered tool per entry, each running the same path —
// check the operator's argument limits, pick the credential, run the entry's steps around its write (read
// LiteLLM's state, refuse, ask the person first where it destroys something, write, read back), check the
// answer against the output schema. One builder serves both protocol revisions: the SDK's serving
// entries (serveStdio, createMcpHandler) call it for each connection or request, naming the era it serves.
// No module state: tests build as many servers as they like, in-process.

import { McpServer, type CallToolResult, type InputRequiredResult, type jsonSchemaValidator, type ServerContext } from "@modelcontextprotocol/server";
import { cacheHintsFor } from "./cache-hints.js";
import { isHeaderSafeKey, type Config } from "../config/config.js";
import { confirmFirst, QuestionAsked, type ConfirmationOptions } from "./confirmation.js";
import { confirmationState } from "./confirmation-state.js";
import type { Tool } from "../manifest/define-tool.js";
import { BridgeError, ConfigError, InputError, UpstreamError } from "../errors.js";
import type { CallOptions } from "../litellm/client.js";
import type { Send } from "../litellm/http-transport.js";
import { createLiteLLMClient } from "../litellm/client.js";
import { createLookup } from "../litellm/lookup.js";
import { listedSchema } from "./listed-schema.js";
import { liteLLMState } from "../litellm/state.js";
import type { Logger } from "../log.js";
import type { ToolCall } from "../manifest/tool-call.js";
import { checkPolicy, closedCapabilities } from "../policy/policy.js";
import { redact } from "../redact.js";
import { MAX_ARGUMENT_DEPTH, tooDeepArgument } from "../nesting.js";
import { mayRetry, withRetries } from "../litellm/retry.js";
import { streamingCall } from "../litellm/streaming.js";
import { loadTool, toolListings } from "./tool-catalog.js";
import { changesInCallerMode, listedTools, servedListings, type ListedTool, type ToolListing } from "./tool-listing.js";
import { errorResult, successResult } from "./tool-result.js";
import { callerModeInput, serveCompactToolList, toolListing } from "./tools-list.js";
import { serveViews } from "./apps/views.js";
import { VERSION } from "../version.js";

export interface ServerDeps {
  /** The fetch LiteLLM calls go through (tests pass one; default: global fetch). */
  fetch?: typeof fetch;
  /**
   * The transport to LiteLLM, when one should outlive this server: the HTTP mode builds a server per request
   * and passes them all one, so calls reuse its connections instead of opening a new one per request.
   */
  send?: Send;
  log?: Logger;
  tools?: readonly Tool[];
  /**
   * Caller mode (LITELLM_MCP_AUTH=caller): the LiteLLM key this one MCP request carried. Every tool sends it;
   * it lives only as long as the server built for that request.
   */
  callerKey?: string;
  /**
   * The protocol era this server serves: "modern" (2026-07-28, every request carries the client's capabilities)
   * or "legacy" (2025, capabilities declared once at initialize). The SDK's serving entries say which.
   */
  era?: "legacy" | "modern";
}

const silent: Logger = () => {};

/**
 * The SDK validates answers to a server's own elicitation/create requests against a JSON Schema, building an
 * Ajv instance per server unless given a validator. This server asks only through input_required results,
 * whose answers it reads itself (src/mcp/confirmation.ts), and the HTTP mode builds a server per request, where
 * that Ajv instance was the largest cost of a call.
 */
const noElicitation: jsonSchemaValidator = {
  getValidator() {
    throw new Error("litellm-mcp sends no elicitation/create of its own, so it validates no client-side JSON Schema.");
  },
};

function bearerFor(tool: Tool, args: Record<string, unknown>, config: Config, callerKey: string | undefined): string | undefined {
  if (tool.credential === "none") return undefined;
  if (callerKey !== undefined) return callerKey;
  if (tool.credential === "caller") {
    const key = String(args.key);
    // fetch would throw on it; that is the caller's mistake, not a bug of the bridge.
    if (!isHeaderSafeKey(key)) {
      throw new InputError('The key given in "key" has characters no LiteLLM key has (spaces, control or non-ASCII characters). Pass the virtual key exactly as LiteLLM issued it, e.g. "sk-...".');
    }
    return key;
  }
  if (!config.masterKey) {
    throw new ConfigError(
      `${tool.name} needs the proxy's master key, and LITELLM_MASTER_KEY is not set for this MCP server. Add it to the server's env in your MCP host config.`,
    );
  }
  return config.masterKey;
}

/**
 * A tool's input schema: the manifest's as it is, except in caller mode, where a completion runs under the
 * caller's own key, like every other tool, so it takes no `key`: spend is always the caller's, and a key
 * pasted into the conversation cannot redirect it (its description says so, src/mcp/tool-listing.ts).
 */
function inputFor(tool: Tool, callerMode: boolean): Tool["input"] {
  return changesInCallerMode(tool, callerMode) ? callerModeInput(tool) : tool.input;
}

function checkedOutput(tool: Tool, value: unknown): Record<string, unknown> {
  const parsed = tool.output.safeParse(value);
  if (parsed.success) return parsed.data;
  const where = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).slice(0, 3).join("; ");
  throw new UpstreamError(
    `LiteLLM's answer to ${tool.operation.method.toUpperCase()} ${tool.operation.path} does not have the shape ${tool.name} documents (${where}). The proxy may run a LiteLLM version this bridge was not generated for.`,
  );
}

/**
 * The result mapping reads LiteLLM's answer as documented; an answer such as `null` makes it throw instead.
 * A BridgeError it throws on purpose is the tool's sentence for an answer that cannot serve the call.
 */
function resultOf(tool: Tool, data: unknown, args: Record<string, unknown>): unknown {
  try {
    return tool.buildResult(data, args);
  } catch (error) {
    if (error instanceof BridgeError) throw error;
    return undefined;
  }
}

/** For tools that report checks: a 503 carrying the check's report is the result. */
function checkReportOf(tool: Tool): ((status: number, body: unknown) => boolean) | undefined {
  const isReport = tool.checkReport;
  return isReport && ((status, body) => status === 503 && isReport(body));
}

const testListings = new WeakMap<readonly Tool[], readonly ToolListing[]>();

/** The listings of the tools a server may serve: the manifest's (src/mcp/tool-catalog.ts), or those of the tools a test gives. */
function listingsOf(tools: readonly Tool[] | undefined): readonly ToolListing[] {
  if (!tools) return toolListings();
  let listings = testListings.get(tools);
  if (!listings) testListings.set(tools, (listings = tools.map(toolListing)));
  return listings;
}

/**
 * The listings of the tools this configuration serves, in manifest order. Throws a ConfigError when the
 * operator's selection names no tool or an unknown one: the stdio and HTTP commands call it at start.
 */
export function servedTools(config: Config, tools?: readonly Tool[]): ToolListing[] {
  return servedListings(listingsOf(tools), config);
}

type ListedSchema = ReturnType<typeof listedSchema>;
const schemasByListing = new WeakMap<ToolListing, Partial<Record<"master" | "caller", { input: ListedSchema; output: ListedSchema }>>>();

/**
 * The schemas a tool is registered with (src/mcp/listed-schema.ts): its listed JSON Schemas, and its zod schemas
 * once a call needs them. Made once per tool and mode, so the HTTP mode's servers, one per request, share them.
 */
function registeredSchemas(listing: ToolListing, callerMode: boolean, toolNamed: (name: string) => Tool) {
  let byMode = schemasByListing.get(listing);
  if (!byMode) schemasByListing.set(listing, (byMode = {}));
  const mode = callerMode ? "caller" : "master";
  return (byMode[mode] ??= {
    input: listedSchema(changesInCallerMode(listing, callerMode) ? listing.callerInputSchema! : listing.inputSchema, () => inputFor(toolNamed(listing.name), callerMode)),
    output: listedSchema(listing.outputSchema, () => toolNamed(listing.name).output),
  });
}

const listsByConfig = new WeakMap<readonly ToolListing[], WeakMap<Config, ListedTool[]>>();

/** What tools/list answers for a configuration; the HTTP mode builds a server per request, all with the one list. */
function toolsListFor(listings: readonly ToolListing[], config: Config): ListedTool[] {
  let lists = listsByConfig.get(listings);
  if (!lists) listsByConfig.set(listings, (lists = new WeakMap()));
  let list = lists.get(config);
  if (!list) lists.set(config, (list = listedTools(listings, config)));
  return list;
}

export function createServer(config: Config, deps: ServerDeps = {}): McpServer {
  const log = deps.log ?? silent;
  const { callerKey } = deps;
  if ((config.auth === "caller") !== (callerKey !== undefined)) {
    throw new Error(`createServer: a caller key belongs with LITELLM_MCP_AUTH=caller and nowhere else (auth is "${config.auth}").`);
  }
  const client = createLiteLLMClient(config, deps.fetch, deps.send);
  const state = confirmationState(callerKey ?? config.masterKey);
  const server = new McpServer(
    { name: "litellm-mcp", version: VERSION },
    {
      // The tool list is fixed for the life of the process: nothing to subscribe to.
      capabilities: { tools: { listChanged: false } },
      jsonSchemaValidator: noElicitation,
      cacheHints: cacheHintsFor(config.auth),
      requestState: { verify: state.verify },
    },
  );
  const confirmation: ConfirmationOptions = {
    era: deps.era ?? "legacy",
    initializedCapabilities: () => server.server.getClientCapabilities(),
    required: config.requireConfirmation,
    state,
  };

  /** How a tool's calls go out: whose key (a missing master key is said here, before anything is read or asked), timeout, cancellation. */
  const sentAsFor = (tool: Tool, args: Record<string, unknown>, signal: AbortSignal) => ({
    bearer: bearerFor(tool, args, config, callerKey),
    credential: tool.credential,
    asCaller: callerKey !== undefined,
    timeoutMs: tool.credential === "caller" ? config.completionTimeoutMs : config.adminTimeoutMs,
    signal,
  });

  /**
   * One call of a tool, after its arguments and the operator's argument limits passed: its steps as the entry
   * takes them (src/manifest/tool-call.ts; without an `around`, just the write), every read through the one reader,
   * sent as the write is. The write: key, timeout, retries of what may be repeated, output check.
   */
  const runTool = async (
    tool: Tool,
    args: Record<string, unknown>,
    ctx: ServerContext,
    sentAs: CallOptions,
    secrets: readonly (string | undefined)[],
  ): Promise<Record<string, unknown>> => {
    const signal = ctx.mcpReq.signal;
    const { lookup, undo } = createLookup({ tool, client, sentAs, retry: config.retry });
    let written = false;
    const call: ToolCall<unknown> = {
      lookup,
      state: liteLLMState(lookup, undo),
      policy: config.policy,
      confirm: (question) => {
        if (written) throw new Error(`${tool.name} asks the person after it wrote; confirm comes before write.`);
        return confirmFirst(tool, args, ctx, confirmation, question, (text) => redact(text, secrets));
      },
      write: () => {
        if (written) throw new Error(`${tool.name} writes twice in one call.`);
        written = true;
        const stream = tool.streams ? streamingCall(tool.buildRequest(args), ctx, { secrets, budgetBytes: config.maxResponseBytes }) : undefined;
        const send = () =>
          client.call(tool.operation.method, tool.operation.path, stream?.request ?? tool.buildRequest(args), { ...sentAs, read: stream?.read, acceptFailure: checkReportOf(tool) });
        // A stream that has sent progress is never replayed; mayRetry excludes tools that mint or spend.
        return mayRetry(tool) && !stream ? withRetries(send, config.retry, signal) : send();
      },
    };
    return checkedOutput(tool, resultOf(tool, await tool.run(args, call), args));
  };

  const listings = listingsOf(deps.tools);
  const served = servedListings(listings, config);
  // Hosts that draw MCP Apps get the views of these tools; the rest see no change (src/mcp/apps/views.ts).
  const views = serveViews(server, confirmation, served.map((tool) => tool.name));
  // What a disabled tool is for, no other tool may do (update_key {blocked: false} is unblocking).
  const closed = closedCapabilities(listings, served);
  const listed = toolsListFor(listings, config);
  const toolNamed = deps.tools ? (name: string) => deps.tools!.find((entry) => entry.name === name)! : loadTool;
  const callerMode = callerKey !== undefined;
  // Disabled tools are never registered (not listed, not callable); a registered one is built on its first call.
  served.forEach((listing, index) => {
    const schemas = registeredSchemas(listing, callerMode, toolNamed);
    server.registerTool(
      listing.name,
      {
        title: listing.title,
        description: listed[index]!.description,
        inputSchema: schemas.input,
        outputSchema: schemas.output,
        annotations: { title: listing.title, ...listing.annotations },
      },
      async (args: Record<string, unknown>, ctx: ServerContext): Promise<CallToolResult | InputRequiredResult> => {
        const tool = toolNamed(listing.name);
        const secrets = [config.masterKey, callerKey ?? (tool.credential === "caller" ? String(args.key) : undefined)];
        try {
          const deep = tooDeepArgument(args);
          if (deep) {
            throw new InputError(`"${deep}" is nested more than ${MAX_ARGUMENT_DEPTH} levels deep, which LiteLLM cannot store (it fails at about 130). Pass a flatter value.`);
          }
          // The operator's limits come first: a refused call sends nothing upstream, reads nothing and asks nobody.
          checkPolicy(tool, args, config.policy, closed);
          const sentAs = sentAsFor(tool, args, ctx.mcpReq.signal);
          const structured = await runTool(tool, args, ctx, sentAs, secrets);
          return successResult(structured, secrets, await views.resultMeta(tool, structured, args, ctx, { client, options: sentAs }));
        } catch (error) {
          // The call stopped at its question; the client calls again with the answer.
          if (error instanceof QuestionAsked) return error.result;
          if (error instanceof BridgeError) {
            log("warn", `${tool.name}: ${redact(error.message, secrets)}`);
            return errorResult(error.message, secrets);
          }
          // A bug, not an upstream fault: report it as one, without whatever secrets its message holds.
          const message = redact(error instanceof Error ? (error.stack ?? error.message) : String(error), secrets);
          log("error", `${tool.name} failed unexpectedly: ${message}`);
          throw new Error(`litellm-mcp hit an internal error in ${tool.name}; see its stderr log.`);
        }
      },
    );
  });
  serveCompactToolList(server, listed, views.toolMeta, confirmation.era === "modern");
  return server;
}
