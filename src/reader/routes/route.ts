/**
 * @module
 * A route as the route table (table.ts) holds it: a method, a Hono path pattern and its handler.
 * Route modules declare theirs as lists of these, thin wrappers over their handler functions.
 */

import type { Handler } from "hono";
import type { AppEnv } from "./context.ts";

export type Method = "GET" | "POST" | "PUT" | "DELETE";

export interface Route {
  method: Method;
  /** A Hono path: literal segments, `:name` for one segment, `*` for the rest. */
  path: string;
  // eslint-disable-next-line -- any path: the table holds routes of every pattern
  handler: Handler<AppEnv, any>;
}

/** A route of `method`; the path's literal type gives the handler its typed `c.req.param(…)`. */
const route =
  (method: Method) =>
  <P extends string>(path: P, handler: Handler<AppEnv, P>): Route => ({ method, path, handler });

export const get = route("GET");
export const post = route("POST");
export const put = route("PUT");
export const del = route("DELETE");
