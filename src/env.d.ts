// Secrets are not in wrangler.toml, so `wrangler types` cannot see them: set with
// `npx wrangler secret put PUBLISH_TOKEN` (production) or in `.dev.vars` (local development).
interface Env {
  /** Bearer token for PUT/DELETE /api/v1/articles/<id>; publishing is off while unset. */
  PUBLISH_TOKEN?: string;
}
