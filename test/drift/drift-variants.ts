// Drift made by hand from the committed spec, one change class each (nested fields sent and read, enums
// narrowed and widened, closed objects, answers made optional, nullable or of another type, the cut-off,
// widening, a missing operation or request body, required fields, streaming fields), with what the
// report must say of it: the tools it names (none: regen exits 0) and the files `npm run typecheck`
// fails in. The breaking ones touch different files, so they can share one document and one type-check.

/** A LiteLLM document as JSON: mutated in place. */
type Doc = any;

export interface Variant {
  name: string;
  mutate: (doc: Doc) => void;
  /** The tools the breaking sentences name, sorted; [] for a change that breaks nothing. */
  named: string[];
  /** Files `npm run typecheck` fails in once regen wrote the change; [] when none. */
  typecheck: string[];
  /** Lines the report must have (the tool's entry, the sentence), as patterns over the report's text. */
  report: RegExp[];
}

const schemas = (doc: Doc) => doc.components.schemas;
const chatBody = (doc: Doc) => doc.paths["/chat/completions"].post.requestBody.content["application/json"].schema;
const nullable = (schema: object) => ({ anyOf: [schema, { type: "null" }] });
/** The report with wrapped sentences joined back onto one line. */
export const joined = (report: string) => report.replace(/\n {6}(?=\S)/g, " ");
/** The report with every wrapped line joined: a part's tokens and a token's notes on one line. */
export const flat = (report: string) => report.replace(/\n {7,}(?=\S)/g, " ");

export const BREAKING: Variant[] = [
  {
    name: "nested read: metadata.total_api_keys, which get_usage_report reads by name, removed",
    mutate: (doc) => delete schemas(doc).DailySpendMetadata.properties.total_api_keys,
    named: ["get_usage_report"],
    typecheck: ["src/manifest/usage/get-usage-report.ts"],
    report: [
      /^ {6}response: ~metadata\(-total_api_keys!(, |\))/m,
      /get_usage_report: its answer's field metadata\.total_api_keys is gone in LiteLLM \S+, and the tool reads it by name: `npm run typecheck` fails in src\/manifest\/usage\/get-usage-report\.ts\./,
    ],
  },
  {
    name: "bound narrowed under a constant: api_key_limit at most 500, and get_usage_report always sends 1000",
    mutate: (doc) => (doc.paths["/user/daily/activity/aggregated"].get.parameters.find((p: { name: string }) => p.name === "api_key_limit").schema.maximum = 500),
    named: ["get_usage_report"],
    typecheck: [],
    report: [
      /^ {6}query: ~api_key_limit\(maximum 1000→500!\)$/m,
      /get_usage_report: query parameter api_key_limit takes at most 500 in LiteLLM \S+, and the tool sends 1000 on every call; no type shows it, but at run time LiteLLM refuses such a request\. Change what the tool sends in src\/manifest\/usage\/get-usage-report\.ts\./,
    ],
  },
  {
    name: "nested send: member[].user_email, which add_team_member sends inside a closed object, removed",
    mutate: (doc) => delete schemas(doc).Member.properties.user_email,
    named: ["add_team_member"],
    typecheck: ["src/manifest/teams/add-team-member.ts"],
    report: [/add_team_member: body field member\[\]\.user_email is gone, and the tool sends it: `npm run typecheck` fails in src\/manifest\/teams\/add-team-member\.ts\./],
  },
  {
    name: "enum narrowed: user_role without internal_user_viewer, which create_user offers",
    mutate: (doc) => (schemas(doc).NewUserRequest.properties.user_role.anyOf[0].enum = ["proxy_admin", "proxy_admin_viewer", "internal_user"]),
    named: ["create_user"],
    typecheck: ["src/manifest/users/create-user.ts"],
    report: [
      /^ {6}body: ~user_role\(enum -internal_user_viewer!\)$/m,
      /create_user: body field user_role does not allow internal_user_viewer in LiteLLM \S+, and the tool sends it: `npm run typecheck` fails in src\/manifest\/users\/create-user\.ts\./,
    ],
  },
  {
    name: "enum dropped where update_user narrows it with extract(): a widening the manifest's call no longer fits",
    mutate: (doc) => delete schemas(doc).UpdateUserRequest.properties.user_role.anyOf[0].enum,
    named: ["update_user"],
    typecheck: ["src/manifest/users/update-user.ts"],
    report: [/^ {6}body: ~user_role\(enum dropped \(any value\)!\)$/m, /update_user: the tool's input is built on body field user_role, now an optional string \(was optional enum/],
  },
  {
    name: "closed object: additionalProperties dropped from the chat body's metadata (Record<string, never>), where proxy_completion puts its tags",
    mutate: (doc) => (chatBody(doc).properties.metadata = nullable({ type: "object" })),
    named: ["proxy_completion"],
    typecheck: ["src/manifest/completions/proxy-completion.ts"],
    report: [/proxy_completion: body field metadata\.tags is gone, and the tool sends it: `npm run typecheck` fails in src\/manifest\/completions\/proxy-completion\.ts\./],
  },
  {
    name: "answer made optional: key, which generate_key and regenerate_key return as required",
    mutate: (doc) => (schemas(doc).GenerateKeyResponse.required = []),
    named: ["generate_key", "regenerate_key"],
    typecheck: [],
    report: [
      /^ {6}response: key:optional!$/m,
      /generate_key: its answer's field key may be left out in LiteLLM \S+ \(was string\); no type shows it, but at run time such an answer fails the tool's output check, so the tool answers with an error\. To accept it, make output field key in src\/manifest\/keys\/generate-key\.ts nullable\./,
    ],
  },
  {
    name: "answer made nullable: users, which list_users maps onto a required list",
    mutate: (doc) => (schemas(doc).UserListResponse.properties.users = nullable(schemas(doc).UserListResponse.properties.users)),
    named: ["list_users"],
    typecheck: [],
    report: [/list_users: its answer's field users may be null in LiteLLM \S+ \(was array\); no type shows it, but at run time .* make output field users in src\/manifest\/users\/list-users\.ts nullable\./],
  },
  {
    name: "answer type change: total_count integer → string, which list_keys returns as a number",
    mutate: (doc) => (schemas(doc).KeyListResponseObject.properties.total_count.anyOf[0] = { type: "string" }),
    named: ["list_keys"],
    typecheck: [],
    report: [/^ {6}response: total_count:integer→string!$/m, /list_keys: its answer's field total_count may be a string .* make output field total_count in src\/manifest\/keys\/list-keys\.ts take a string\./],
  },
  {
    name: "widening read: create_team's answer models[] may be anything, and its output takes strings only",
    mutate: (doc) => (schemas(doc).LiteLLM_TeamTable.properties.models.items = {}),
    named: ["create_team", "list_teams"],
    typecheck: [],
    report: [/create_team: its answer's field models\[\] may be any value in LiteLLM \S+ \(was string\); .* make output field models\[\] in src\/manifest\/teams\/create-team\.ts take any value\./],
  },
  {
    // delete_key, regenerate_key and reset_key_spend read it around their own call (to find the key, check
    // the policy, ask the person), typed like every call: the report names them, and tsc fails where they read.
    name: "missing operation: GET /key/info removed",
    mutate: (doc) => delete doc.paths["/key/info"],
    named: ["delete_key", "get_key_info", "regenerate_key", "reset_key_spend"],
    // The entries' declarations ("GET /key/info" in around.calls) fail too, since the name is no operation now.
    typecheck: [
      "src/manifest/keys/get-key-info.ts",
      "src/manifest/keys/key-presence.ts",
      "src/manifest/keys/delete-key.ts",
      "src/manifest/keys/regenerate-key.ts",
      "src/manifest/keys/reset-key-spend.ts",
      "src/litellm/state.ts",
      "src/manifest/confirmation-previews.ts",
    ],
    report: [
      /^ {4}get_key_info \(GET \/key\/info\): gone from the document!$/m,
      /get_key_info: GET \/key\/info is gone from LiteLLM \S+: `npm run typecheck` fails in src\/manifest\/keys\/get-key-info\.ts\./,
      /^ {4}delete_key \(POST \/key\/delete\)\n {6}calls GET \/key\/info around it: gone from the document!$/m,
      /delete_key: GET \/key\/info is gone from LiteLLM \S+, and the tool calls it around its own \(its entry's around\.calls\): `npm run typecheck` fails where it is called\./,
    ],
  },
  {
    // regenerate_key blocks a key again through it (the undo of a secret the policy refuses).
    name: "request body of POST /key/block no longer declared",
    mutate: (doc) => delete doc.paths["/key/block"].post.requestBody,
    named: ["block_key", "regenerate_key"],
    typecheck: ["src/manifest/keys/block-key.ts", "src/litellm/state.ts"],
    report: [
      /^ {6}body: no longer declared!$/m,
      /block_key: LiteLLM \S+ declares no request body, and the tool sends key in one/,
      /regenerate_key: POST \/key\/block, which the tool calls around its own, takes no body field key in LiteLLM \S+, and the tool sends it: `npm run typecheck` fails where it is called\./,
    ],
  },
  {
    name: "required now: key_alias, which regenerate_key never sends",
    mutate: (doc) => (schemas(doc).RegenerateKeyRequest.required = ["key_alias"]),
    named: ["regenerate_key"],
    typecheck: ["src/manifest/keys/regenerate-key.ts"],
    report: [/^ {6}body: key_alias:required!$/m, /regenerate_key: LiteLLM \S+ requires body field key_alias, which the tool never sends/],
  },
  {
    name: "streaming field: stream_options, which src/litellm/streaming.ts adds for proxy_completion, removed",
    mutate: (doc) => delete chatBody(doc).properties.stream_options,
    named: ["proxy_completion"],
    typecheck: ["src/litellm/streaming.ts"],
    report: [/proxy_completion: body field stream_options is gone, and the tool sends it when it streams \(src\/litellm\/streaming\.ts adds it\): `npm run typecheck` fails in src\/litellm\/streaming\.ts\./],
  },
  {
    name: "sent field changed type: max_budget number → string, which generate_key sends and builds on",
    mutate: (doc) => (schemas(doc).GenerateKeyRequest.properties.max_budget.anyOf[0] = { type: "string" }),
    named: ["generate_key"],
    typecheck: ["src/manifest/keys/generate-key.ts"],
    report: [/^ {6}body: max_budget:number→string!$/m, /generate_key: the tool's input is built on body field max_budget, now an optional string \(was optional number\), on which positive no longer applies/],
  },
  {
    name: "field made optional that unblock_key builds its input on (litellm.key.min(1))",
    mutate: (doc) => (schemas(doc).BlockKeyRequest.required = []),
    named: ["block_key", "unblock_key"],
    typecheck: ["src/manifest/keys/unblock-key.ts"],
    report: [/unblock_key: the tool's input is built on body field key, now an optional string \(was string\), on which min no longer applies: `npm run typecheck` fails in src\/manifest\/keys\/unblock-key\.ts\./],
  },
  {
    name: "field made required that update_key unwraps as optional",
    mutate: (doc) => (schemas(doc).UpdateKeyRequest.required = ["max_budget"]),
    named: ["update_key"],
    typecheck: ["src/manifest/keys/update-key.ts"],
    report: [/update_key: LiteLLM \S+ requires body field max_budget, which the tool does not always send/],
  },
  {
    name: "cut-off: litellm_params closed, 30 unused fields and litellm_credential_name (sent by add_model on every call) removed",
    mutate: (doc) => {
      const params = schemas(doc).LiteLLM_Params;
      delete params.additionalProperties;
      const unused = Object.keys(params.properties).filter((name) => !["model", "rpm", "tpm", "litellm_credential_name"].includes(name)).slice(0, 30);
      for (const name of [...unused, "litellm_credential_name"]) delete params.properties[name];
    },
    named: ["add_model"],
    typecheck: ["src/manifest/models/add-model.ts"],
    report: [/^ {6}body: ~litellm_params\(-litellm_credential_name!, [^)]*, … \d+ more\)$/m, /add_model: body field litellm_params\.litellm_credential_name is gone, and the tool sends it/],
  },
  {
    name: "typed answer no longer declared: GET /user/info answers `{}`",
    mutate: (doc) => (doc.paths["/user/info"].get.responses["200"].content["application/json"].schema = {}),
    named: ["get_user_info"],
    typecheck: ["src/manifest/users/get-user-info.ts"],
    report: [/^ {6}response: no longer declared!$/m, /get_user_info: LiteLLM \S+ no longer declares its answer, and the tool reads keys, teams, user_id, user_info from it by name/],
  },
];

export const NOT_BREAKING: Variant[] = [
  {
    name: "closed object where the tool sends the argument built on it: update_team's metadata (zod still reads it as a map)",
    mutate: (doc) => (schemas(doc).UpdateTeamRequest.properties.metadata = nullable({ type: "object" })),
    named: [],
    typecheck: [],
    report: [/^ {4}update_team \(POST \/team\/update\)\n {6}body: ~metadata\(\{\}:any→none\)$/m],
  },
  {
    name: "enum widened where the tool sends a constant: member role takes any string",
    mutate: (doc) => delete schemas(doc).Member.properties.role.enum,
    named: [],
    typecheck: [],
    report: [/^ {4}add_team_member \(POST \/team\/member_add\)\n {6}body: ~member\(\[\]\.role enum dropped \(any value\), role enum dropped \(any value\)\)$/m],
  },
  {
    name: "widening sent: create_team's models take any items, and the tool sends strings",
    mutate: (doc) => (schemas(doc).NewTeamRequest.properties.models.items = {}),
    named: [],
    typecheck: [],
    report: [/^ {4}create_team \(POST \/team\/new\)\n {6}body: models:array<string>→array<any>$/m],
  },
  {
    name: "widening read the output takes: list_teams' total integer → number",
    mutate: (doc) => (schemas(doc).TeamListResponse.properties.total = { type: "number" }),
    named: [],
    typecheck: [],
    report: [/^ {4}list_teams \(GET \/v2\/team\/list\)\n {6}response: total:integer→number$/m],
  },
  {
    name: "answer field made nullable where the output takes null: list_users' total",
    mutate: (doc) => (schemas(doc).UserListResponse.properties.total = nullable(schemas(doc).UserListResponse.properties.total)),
    named: [],
    typecheck: [],
    report: [/^ {6}response: total:nullable$/m],
  },
  {
    name: "a sent field gone from an open object (litellm_params takes any field)",
    mutate: (doc) => delete schemas(doc).LiteLLM_Params.properties.litellm_credential_name,
    named: [],
    typecheck: [],
    report: [/^ {6}body: ~litellm_params\(-litellm_credential_name\)$/m],
  },
  {
    name: "required now: model, which check_model_health sends on every call",
    mutate: (doc) => (doc.paths["/health"].get.parameters.find((p: { name: string }) => p.name === "model").required = true),
    named: [],
    typecheck: [],
    report: [/^ {4}check_model_health \(GET \/health\)\n {6}query: model:required$/m],
  },
  {
    name: "fields no tool uses, added and removed",
    mutate: (doc) => {
      schemas(doc).GenerateKeyRequest.properties.rotation_policy = { type: "string" };
      delete schemas(doc).GenerateKeyRequest.properties.tags;
    },
    named: [],
    typecheck: [],
    report: [/^ {2}Does not affect the tools .*\n {4}generate_key \(POST \/key\/generate\)\n {6}body: \+rotation_policy -tags$/m],
  },
];
