// Optional secrets (`npx wrangler secret put NAME`, locally in .dev.vars), beside the required
// PUBLISH_TOKEN that wrangler.toml's [secrets] declares and `wrangler types` writes.
interface Env {
  /** JSON: editor name → SHA-256 hex of that editor's bearer token. */
  EDITOR_TOKENS?: string;
  /** Signs preview links; PUBLISH_TOKEN does when this is unset. */
  PREVIEW_SECRET?: string;
  /** Signs the desk's session cookies and CSRF tokens; PREVIEW_SECRET or PUBLISH_TOKEN do when unset. */
  DESK_SECRET?: string;
}

// The one Node API the Worker uses (compatibility flag `nodejs_als`); @types/node would declare the
// whole of Node for src/, where nothing else of it exists.
declare module "node:async_hooks" {
  export class AsyncLocalStorage<T> {
    run<R>(store: T, fn: () => R): R;
    getStore(): T | undefined;
  }
}
