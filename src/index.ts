/**
 * @module
 * The Worker. `app.ts` builds it: a hot path for cached articles, then the Hono app.
 */

import { worker } from "./app.ts";

export default worker;
export { Newsroom } from "./write/newsroom.ts";
