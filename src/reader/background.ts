/**
 * @module
 * Work that goes on after the answer: the one way the reader hands a promise to the runtime
 * (`ExecutionContext.waitUntil`, which keeps the isolate up to 30 s after the response). A failure
 * is logged, never thrown into a request; without an execution context (a direct `app.fetch`
 * call, as tests make) the promise simply runs on its own.
 */

import type { Context } from "hono";

/** Runs `work` after the answer; `what` names it in the log if it fails. */
export function after(c: Pick<Context, "executionCtx">, work: Promise<unknown>, what: string): void {
  const logged = work.catch((err: unknown) => console.error(JSON.stringify({ level: "error", event: `${what} failed`, error: String(err) })));
  try {
    c.executionCtx.waitUntil(logged);
  } catch {
    // no execution context: the promise runs on its own
  }
}
