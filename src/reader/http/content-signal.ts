/**
 * @module
 * The `Content-Signal` header (Cloudflare's Content Signals Policy, contentsignals.org): what the
 * publisher allows an automated reader to do with the content — `search` (build a search index and
 * show links and snippets), `ai-input` (use it as input to answer a question, e.g. retrieval), and
 * `ai-train` (train or fine-tune a model). Set in `wrangler.toml` `[vars.CONTENT_SIGNAL]`.
 */

const SIGNALS = new Set(["search", "ai-input", "ai-train"]);

let parsed: { source: unknown; value: string } | undefined;

/**
 * `search=yes, ai-input=yes, ai-train=no` from the configured table, parsed once per isolate. A
 * bad table throws (an unknown signal or a value other than yes/no is a configuration error, not
 * something to send half of); an empty one gives "" and no header is sent.
 */
export function contentSignal(config: unknown): string {
  const known = parsed;
  if (known && known.source === config) return known.value;
  if (typeof config !== "object" || config === null || Array.isArray(config)) throw new TypeError("CONTENT_SIGNAL must be a table");
  const parts: string[] = [];
  for (const [name, value] of Object.entries(config)) {
    if (!SIGNALS.has(name)) throw new TypeError(`CONTENT_SIGNAL: unknown signal ${JSON.stringify(name)}`);
    if (value !== "yes" && value !== "no") throw new TypeError(`CONTENT_SIGNAL.${name} must be "yes" or "no"`);
    parts.push(`${name}=${value}`);
  }
  parsed = { source: config, value: parts.join(", ") };
  return parsed.value;
}
