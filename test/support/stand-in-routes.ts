// Which routes a virtual key may call, as LiteLLM 1.108.7 decides it from the key's allowed_routes, whatever
// the key's role (its RouteChecks.is_virtual_key_allowed_to_call_route): an entry
// admits its own path and every path below it ("/v1/models" admits "/v1/models/x"), an entry ending in "*"
// every path starting with what precedes it, and the route group "llm_api_routes" the LLM routes the
// stand-in serves. An empty list leaves every route the role allows.

const STAND_IN_LLM_ROUTES = new Set(["/models", "/v1/models", "/chat/completions", "/v1/chat/completions"]);

function admits(entry: string, path: string): boolean {
  if (entry === "llm_api_routes") return STAND_IN_LLM_ROUTES.has(path);
  if (entry.endsWith("*")) return path.startsWith(entry.slice(0, -1));
  return path === entry || path.startsWith(`${entry}/`);
}

/** LiteLLM's 403 body for a key whose allowed_routes do not admit `path`, or undefined when they do. */
export function routeRefusal(allowedRoutes: unknown, path: string): { detail: string } | undefined {
  if (!Array.isArray(allowedRoutes) || allowedRoutes.length === 0) return undefined;
  const routes = allowedRoutes.map(String);
  if (routes.some((entry) => admits(entry, path))) return undefined;
  // Worded as LiteLLM words it, the list in Python's repr.
  return { detail: `Virtual key is not allowed to call this route. Only allowed to call routes: [${routes.map((r) => `'${r}'`).join(", ")}]. Tried to call route: ${path}` };
}
