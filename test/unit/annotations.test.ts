// The MCP hints must match what each LiteLLM operation does, which its HTTP verb does not tell: LiteLLM
// deletes and blocks over POST, and GET /health spends money. This list says, per operation, whether it
// changes anything and whether what it changes can be lost; every manifest entry is held to it.

import { describe, expect, it } from "vitest";
import type { Tool } from "../../src/manifest/define-tool.ts";
import { manifest } from "../../src/manifest/index.ts";

type Effect = { changes: false } | { changes: true; destroys: boolean; why: string };

const EFFECTS: Record<string, Effect> = {
  "POST /key/generate": { changes: true, destroys: false, why: "creates a key" },
  "POST /key/update": { changes: true, destroys: true, why: "overwrites models, limits and metadata; LiteLLM keeps no old values" },
  "POST /key/delete": { changes: true, destroys: true, why: "deletes keys for good" },
  "POST /key/regenerate": { changes: true, destroys: true, why: "the old secret stops working and cannot come back" },
  "POST /key/block": { changes: true, destroys: false, why: "the key is refused until unblocked; nothing is lost" },
  "POST /key/unblock": { changes: true, destroys: false, why: "the key works again" },
  "POST /chat/completions": { changes: true, destroys: false, why: "spends the key's budget and writes a spend log" },
  "GET /health": { changes: true, destroys: false, why: "sends a paid call to each deployment and stores the outcome" },
  "GET /key/info": { changes: false },
  "GET /key/list": { changes: false },
  "GET /models": { changes: false },
  "GET /model/info": { changes: false },
  "GET /user/info": { changes: false },
  "GET /team/info": { changes: false },
  "GET /spend/logs/v2": { changes: false },
  "GET /health/readiness": { changes: false },
  "POST /key/{key}/reset_spend": { changes: true, destroys: true, why: "overwrites the key's spend counter" },
  "POST /user/new": { changes: true, destroys: false, why: "creates a user" },
  "POST /user/update": { changes: true, destroys: true, why: "overwrites a user's models, budget and role; LiteLLM keeps no old values" },
  "POST /user/delete": { changes: true, destroys: true, why: "deletes users and every key they own" },
  "GET /user/list": { changes: false },
  "POST /team/new": { changes: true, destroys: false, why: "creates a team" },
  "POST /team/update": { changes: true, destroys: true, why: "overwrites a team's models and budget; LiteLLM keeps no old values" },
  "POST /team/delete": { changes: true, destroys: true, why: "deletes teams and every key of the team" },
  "GET /v2/team/list": { changes: false },
  "POST /team/member_add": { changes: true, destroys: false, why: "adds members, creating users it does not know" },
  "POST /team/member_delete": { changes: true, destroys: true, why: "removes a member and deletes their keys for the team" },
  "POST /model/new": { changes: true, destroys: false, why: "adds a deployment that takes traffic" },
  "PATCH /model/{model_id}/update": { changes: true, destroys: true, why: "overwrites a deployment's credential and limits" },
  "POST /model/delete": { changes: true, destroys: true, why: "deletes a deployment" },
  "POST /budget/new": { changes: true, destroys: false, why: "creates a budget" },
  "POST /budget/info": { changes: false },
  "GET /budget/list": { changes: false },
  "POST /budget/update": { changes: true, destroys: true, why: "overwrites the limits of everything using the budget" },
  "POST /budget/delete": { changes: true, destroys: true, why: "deletes a budget and unlinks everything using it" },
  "GET /user/daily/activity/aggregated": { changes: false },
};

function operationOf(tool: Tool): string {
  return `${tool.operation.method.toUpperCase()} ${tool.operation.path}`;
}

/** Every way a tool's hints contradict what its operation does. */
function violations(tools: readonly Tool[]): string[] {
  const found: string[] = [];
  for (const tool of tools) {
    const op = operationOf(tool);
    const effect = EFFECTS[op];
    const { readOnlyHint, destructiveHint } = tool.annotations;
    if (!effect) {
      found.push(`${tool.name}: ${op} is not classified in annotations.test.ts; say whether it changes state`);
      continue;
    }
    if (effect.changes && readOnlyHint) found.push(`${tool.name}: ${op} ${effect.why}, but the tool is marked read-only`);
    if (effect.changes && effect.destroys && !destructiveHint) found.push(`${tool.name}: ${op} ${effect.why}, but the tool is not marked destructive`);
    if (!effect.changes && !readOnlyHint) found.push(`${tool.name}: ${op} only reads, but the tool is not marked read-only`);
    if (readOnlyHint && destructiveHint) found.push(`${tool.name}: marked both read-only and destructive`);
  }
  return found;
}

function altered(name: string, hints: Partial<Tool["annotations"]>): Tool[] {
  return manifest.map((t) => (t.name === name ? { ...t, annotations: { ...t.annotations, ...hints } } : t));
}

describe("annotations follow what each LiteLLM operation does", () => {
  it("every manifest tool's hints agree with its operation", () => {
    expect(violations(manifest)).toEqual([]);
  });

  it("the list, not the verb, decides: some POSTs destroy and a GET is not read-only", () => {
    const destroyingPosts = manifest.filter((t) => t.operation.method === "post" && t.annotations.destructiveHint);
    const changingGets = manifest.filter((t) => t.operation.method === "get" && !t.annotations.readOnlyHint);
    expect(destroyingPosts.map((t) => t.name)).toEqual(expect.arrayContaining(["delete_key", "regenerate_key"]));
    expect(changingGets.map((t) => t.name)).toEqual(["check_model_health"]);
  });

  it("catches a delete marked read-only", () => {
    expect(violations(altered("delete_key", { readOnlyHint: true }))).toContain(
      "delete_key: POST /key/delete deletes keys for good, but the tool is marked read-only",
    );
  });

  it("catches a destructive update not marked destructive", () => {
    expect(violations(altered("update_key", { destructiveHint: false }))).toEqual([
      "update_key: POST /key/update overwrites models, limits and metadata; LiteLLM keeps no old values, but the tool is not marked destructive",
    ]);
  });

  it("catches a paid health probe marked read-only because it is a GET", () => {
    expect(violations(altered("check_model_health", { readOnlyHint: true }))[0]).toMatch(/^check_model_health: GET \/health sends a paid call/);
  });

  it("catches an operation nobody classified", () => {
    const stray = { ...manifest[0]!, name: "stray", operation: { method: "post" as const, path: "/team/block" } };
    expect(violations([stray])).toEqual(["stray: POST /team/block is not classified in annotations.test.ts; say whether it changes state"]);
  });
});
