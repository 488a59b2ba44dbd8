/**
 * @module
 * How a command that talks to the service ends when the service fails it: one line saying what
 * failed and what to do, exit 1, and no stack trace (a trace names our code, not the user's problem).
 * Two kinds are the service's doing: a network error (`fetch failed`: the Worker stopped or is
 * unreachable, after the admin client's own retries) and a refused admin call (`AdminApiError`,
 * `ArchiveRefused`: the answer's status and problem detail). Anything else is a bug of ours and keeps
 * its stack trace. */
import { AdminApiError } from "./admin-api.ts";
import { ArchiveRefused } from "./archive-api.ts";

/** A network error from `fetch` (undici's `TypeError: fetch failed`, its cause the socket's error). */
export function isNetworkError(e: unknown): boolean {
  return e instanceof TypeError && e.message === "fetch failed";
}

/** The service's part in a failure, or null when the failure is ours. */
export function describeFailure(e: unknown): string | null {
  if (isNetworkError(e)) {
    const cause = (e as Error).cause as { code?: string; message?: string } | undefined;
    return `the service could not be reached (${cause?.message ?? cause?.code ?? "fetch failed"})`;
  }
  if (e instanceof AdminApiError) return `the service refused a call: ${e.message}`;
  if (e instanceof ArchiveRefused) return `the service refused a call (${e.status}): ${e.message}`;
  return null;
}

/** What stays and how to go on: one text, or one per failure. */
export type Resume = string | ((e: unknown) => string);

/**
 * Ends the process for a failure the service caused: `<command>: <what failed>`, then `<command>:
 * <resume>` (what stays and how to go on) on stderr, exit 1. Any other failure is ours: rethrown, with
 * its stack trace. Called from a catch outside the command's `finally` blocks, so a local service the
 * command started is stopped first.
 */
export function failClearly(e: unknown, command: string, resume: Resume): never {
  const what = describeFailure(e);
  if (what === null) throw e;
  console.error(`${command}: ${what}`);
  console.error(`${command}: ${typeof resume === "function" ? resume(e) : resume}`);
  process.exit(1);
}
