/**
 * @module
 * The route table: every URL the reader Worker answers, in the order Hono tries them (the two
 * `*` routes last but one and last: section feeds, then pages). Each group is declared beside its
 * handlers; `allowedMethods` derives a path's `Allow` (RFC 9110 §10.2.1) from the same table, so a
 * route cannot be added without its 405s following.
 */

import { apiRoutes } from "./api.ts";
import { archiveRoutes } from "./archive-admin.ts";
import { bannerRoutes } from "./banner-api.ts";
import { deskRoutes } from "./desk.ts";
import { discoverRoutes } from "./discover.ts";
import { editorReadRoutes } from "./editor-reads.ts";
import { feedRoutes } from "./feeds.ts";
import { furnitureRoutes } from "./furniture.ts";
import { mediaRoutes } from "./media.ts";
import { pageRoutes } from "./pages.ts";
import { topicRoutes } from "./topics.ts";
import { writeRoutes } from "./publishing.ts";
import { liveWriteRoutes } from "./live-writes.ts";
import { liveReadRoutes } from "./live-reads.ts";
import type { Route } from "./route.ts";
import { wellKnownRoutes } from "./wellknown.ts";

export const ROUTES: readonly Route[] = [
  ...wellKnownRoutes,
  ...apiRoutes,
  ...writeRoutes,
  ...liveWriteRoutes,
  ...bannerRoutes,
  ...liveReadRoutes,
  ...archiveRoutes,
  ...editorReadRoutes,
  ...discoverRoutes,
  ...topicRoutes,
  ...mediaRoutes,
  ...feedRoutes,
  ...furnitureRoutes,
  ...deskRoutes,
  ...pageRoutes,
];

/**
 * Each route's path as a whole-path regex (`:name` one segment, `:name{re}` one matching `re`, `*` the rest), and whether it is a
 * `*` route. A `.` stays a wildcard: it can only widen a GET route, which the `*` GET routes are anyway.
 */
const pattern = (path: string) =>
  path
    .replace(/:\w+\{([^}]+)\}/g, "(?:$1)")
    .replace(/:\w+/g, "[^/]+")
    .replace("*", ".*");
const MATCHERS = ROUTES.map(({ method, path }) => [method, new RegExp(`^${pattern(path)}$`, "s"), path.includes("*")] as const);

/**
 * The methods a path supports, as `Allow`: those of the routes written for it, or, where none is
 * (any path the pages or the section feeds may answer), those of the `*` routes. `GET` brings `HEAD`;
 * `OPTIONS` is always allowed.
 */
export function allowedMethods(path: string): string {
  const hits = MATCHERS.filter(([, re]) => re.test(path));
  const own = hits.some(([, , wildcard]) => !wildcard) ? hits.filter(([, , wildcard]) => !wildcard) : hits;
  const has = (method: string) => own.some(([m]) => m === method);
  return [...(has("GET") ? ["GET", "HEAD"] : []), "OPTIONS", ...["POST", "PUT", "DELETE"].filter(has)].join(", ");
}
