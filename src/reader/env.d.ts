// Optional secrets (`npx wrangler secret put NAME`, locally in .dev.vars), beside PUBLISH_TOKEN, which
// `wrangler types` writes from .dev.vars.example (the one secret set there; the others are commented out).
interface Env {
  /** JSON: editor name → SHA-256 hex of that editor's bearer token. */
  EDITOR_TOKENS?: string;
  /** Signs preview links; PUBLISH_TOKEN does when this is unset. */
  PREVIEW_SECRET?: string;
  /** Signs the desk's session cookies and CSRF tokens; PREVIEW_SECRET or PUBLISH_TOKEN do when unset. */
  DESK_SECRET?: string;
  /** "off": the reader does not learn the change channel (docs/caching.md); it does otherwise. */
  CHANGE_CHANNEL?: string;
}

// The one Node API the Worker uses (compatibility flag `nodejs_als`); @types/node would declare the
// whole of Node for src/, where nothing else of it exists.
declare module "node:async_hooks" {
  export class AsyncLocalStorage<T> {
    run<R>(store: T, fn: () => R): R;
    getStore(): T | undefined;
  }
}
