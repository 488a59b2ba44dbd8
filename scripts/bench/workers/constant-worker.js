/**
 * @module
 * The ceiling for the mix: a Worker that answers each request with bytes and headers it holds
 * ready, the same ones the service answered for that URL, Accept and host (taken from the service
 * by bench-scale.ts and handed over once with `POST /__table`). A conditional request for a stored
 * ETag gets the stored 304. A request not in the table gets the stored answer of its kind (article
 * HTML or JSON, listing, redirect), so every answer has the size and headers of a real one; no work
 * beyond a Map lookup is done.
 */

const table = new Map();
const fallback = new Map();
const redirectHosts = new Set();

function kindOf(accept) {
  return accept && accept.startsWith("application/json") ? "json" : "html";
}

function keyOf(host, path, accept) {
  return `${host} ${path} ${kindOf(accept)}`;
}

function respond(stored, inm) {
  if (inm && stored.etag === inm) return new Response(null, { status: 304, headers: stored.notModified });
  return new Response(stored.body, { status: stored.status, headers: stored.headers });
}

export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (request.method === "POST" && url.pathname === "/__table") {
      for (const e of await request.json()) {
        const headers = new Headers(e.headers);
        const stored = {
          status: e.status,
          body: e.body === null ? null : Uint8Array.from(atob(e.body), (c) => c.charCodeAt(0)),
          etag: headers.get("etag"),
          headers,
          notModified: new Headers(e.headers.filter(([n]) => n !== "content-type" && n !== "content-length")),
        };
        table.set(keyOf(e.host, e.path, e.accept), stored);
        if (!fallback.has(e.fallback)) fallback.set(e.fallback, stored);
        if (e.fallback === "redirect") redirectHosts.add(e.host);
      }
      return new Response(String(table.size));
    }
    const accept = request.headers.get("accept");
    const host = request.headers.get("host");
    const stored =
      table.get(keyOf(host, url.pathname, accept)) ??
      fallback.get(redirectHosts.has(host) ? "redirect" : url.pathname.startsWith("/Detail/") ? `article ${kindOf(accept)}` : "listing");
    if (!stored) return new Response("ok\n"); // before the table is loaded (the start-up measurement)
    return respond(stored, request.headers.get("if-none-match"));
  },
};
