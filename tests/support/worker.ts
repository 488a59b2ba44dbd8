// The Worker under test: the reader Worker (src/reader/reader-worker.ts) and, in the same script, the Newsroom it
// binds. Deployed, the Newsroom is a Worker of its own (newsroom.wrangler.toml); here it is in the
// main worker so tests can reach into it (`runInDurableObject`: fault injection around its real
// bindings), and its Cron Trigger's handler is this script's `scheduled` (`exports.default.scheduled()`).
// Both entries are the production modules themselves.
import reader from "../../src/reader/reader-worker.ts";
import newsroomWorker from "../../src/newsroom/newsroom-worker.ts";

export default { fetch: reader.fetch, scheduled: newsroomWorker.scheduled };
export { Newsroom } from "../../src/newsroom/newsroom-worker.ts";
export { DeskAccess } from "../../src/newsroom/newsroom-worker.ts";
