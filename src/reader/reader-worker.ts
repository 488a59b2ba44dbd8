/**
 * @module
 * The reader Worker, which serves every public host. `app.ts` builds it: a hot path for cached
 * articles, then the Hono app. The Newsroom, the one writer, is a Worker of its own (newsroom.ts,
 * newsroom.wrangler.toml), bound here as `NEWSROOM`: none of its code is in this bundle.
 */

import { worker } from "./app.ts";

export default worker;
