/**
 * @module
 * The ceiling: a Worker that answers every request with a constant response, so the benchmark can
 * show what the runtime, the loopback and the load generator cost on their own. `?bytes=N` answers
 * N constant bytes instead of 3, to separate the cost of moving a page-sized body from the work of
 * producing it.
 */

const HEADERS = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" };
const SMALL = "ok\n";
const bodies = new Map();

function body(bytes) {
  if (!bytes) return SMALL;
  let b = bodies.get(bytes);
  if (!b) bodies.set(bytes, (b = new TextEncoder().encode("x".repeat(bytes))));
  return b;
}

export default {
  fetch(request) {
    const q = request.url.indexOf("?bytes=");
    const bytes = q < 0 ? 0 : Math.min(1 << 20, Number(request.url.slice(q + 7)) || 0);
    return new Response(body(bytes), { headers: HEADERS });
  },
};
