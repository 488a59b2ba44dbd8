/**
 * @module
 * The Newsroom Worker (newsroom.wrangler.toml): it hosts the one Durable Object that writes
 * (write/newsroom.ts), which the reader Worker calls through its `NEWSROOM` binding. It serves no
 * request of its own. It also verifies Cloudflare Access tokens for the desk (`DeskAccess`, bound by the
 * reader as `ACCESS`), so the JOSE library is not in the reader's bundle.
 */

export { Newsroom } from "./newsroom.ts";

export default {
  fetch: () => new Response("Not Found", { status: 404 }),
} satisfies ExportedHandler;
export { DeskAccess } from "./desk-access.ts";
