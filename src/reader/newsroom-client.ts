/**
 * @module
 * The reader's one way to the Newsroom: the Durable Object of the Newsroom Worker, bound as
 * `NEWSROOM`, typed by the contract in src/shared/newsroom-api.ts (none of the Newsroom's code is
 * in this bundle). Every method is an RPC call that answers at the Newsroom's commit or from its
 * SQLite; readers never wait on it on the hot path (search and editors' reads aside).
 */

import type { NewsroomApi } from "../shared/newsroom-api.ts";

/** The site's one Newsroom. */
export function newsroom(env: Env): NewsroomApi {
  // The binding's generated type names the class; the stub offers exactly the contract's methods.
  const stub: NewsroomApi = env.NEWSROOM.get(env.NEWSROOM.idFromName("newsroom"));
  return stub;
}
