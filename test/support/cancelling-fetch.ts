// Cancellation over stateless Streamable HTTP. At 2025-11-25 the SDK's client (2.4) cancels a call by
// POSTing notifications/cancelled, which a stateless server — or, behind a balancer, another replica —
// receives with no memory of the call. What does reach the server that runs the call is its own stream
// closing (MCP's 2026-07-28 revision makes that the cancellation signal, and the SDK's client does it at
// that revision), and that is what this fetch adds at 2025-11-25: when the SDK sends the notification, the
// cancelled call's POST is aborted.

type Message = { id?: string | number; method?: string; params?: { requestId?: string | number } };

function messagesIn(body: unknown): Message[] {
  if (typeof body !== "string") return [];
  try {
    const parsed = JSON.parse(body) as Message | Message[];
    return Array.isArray(parsed) ? parsed : [parsed];
  } catch {
    return [];
  }
}

export function cancellingFetch(base: typeof fetch = fetch): typeof fetch {
  const calls = new Map<string | number, AbortController>();
  return async (input, init = {}) => {
    const messages = messagesIn(init.body);
    for (const message of messages) {
      if (message.method === "notifications/cancelled" && message.params?.requestId !== undefined) {
        calls.get(message.params.requestId)?.abort(new Error("cancelled by the client"));
        calls.delete(message.params.requestId);
      }
    }
    const request = messages.find((m) => m.method !== undefined && m.id !== undefined);
    if (!request) return base(input, init);
    const controller = new AbortController();
    calls.set(request.id!, controller);
    const signal = init.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal;
    const response = await base(input, { ...init, signal });
    // The call is over once its answer has been read; until then its stream can still be closed.
    if (!response.body) {
      calls.delete(request.id!);
      return response;
    }
    const forget = new TransformStream<Uint8Array, Uint8Array>({ flush: () => void calls.delete(request.id!) });
    return new Response(response.body.pipeThrough(forget), { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
