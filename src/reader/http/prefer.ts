/**
 * @module
 * `Prefer` (RFC 7240): the one preference a write honours, `wait=<seconds>` (§4.3), read-your-writes:
 * the answer comes once the change is in KV, or after that long. Preferences are a comma-separated
 * list of `token[=value]` with optional `;`-parameters, tokens case-insensitive, values a token or a
 * quoted string; any other preference is ignored, as §2 allows. Hand-written: no library parses
 * `Prefer`, and Hono has no helper for it.
 */

/** The longest wait honoured, in seconds: longer asks are cut to it. */
export const MAX_WAIT_SECONDS = 60;

/** The `wait` preference in seconds (0 to `MAX_WAIT_SECONDS`), or undefined when none is given or it is not a number. */
export function preferredWait(header: string | null | undefined): number | undefined {
  if (!header) return undefined;
  for (const preference of header.split(",")) {
    const [head] = preference.split(";");
    const m = /^\s*wait\s*=\s*"?(\d{1,9})"?\s*$/i.exec(head);
    if (m) return Math.min(Number(m[1]), MAX_WAIT_SECONDS);
  }
  return undefined;
}
