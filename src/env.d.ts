// Optional secrets (`npx wrangler secret put NAME`, locally in .dev.vars), beside the required
// PUBLISH_TOKEN that wrangler.toml's [secrets] declares and `wrangler types` writes.
interface Env {
  /** JSON: editor name → SHA-256 hex of that editor's bearer token. */
  EDITOR_TOKENS?: string;
  /** Signs preview links; PUBLISH_TOKEN does when this is unset. */
  PREVIEW_SECRET?: string;
}
