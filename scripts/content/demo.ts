/**
 * @module
 * `npm run demo`: loads the demo archive (demo-archive.ts) into the local Newsroom and KV, the state
 * `npm run dev` serves, so a newcomer sees a front page's worth of sample news. The photos go up through
 * `POST /api/v1/media`, the stories through the publishing API, then it waits until KV holds them all.
 *   npm run demo                      the local state, through `wrangler dev` run for the moment (a one-off token)
 *   npm run demo -- --url URL         a running local server, with PUBLISH_TOKEN in the environment (the e2e checks)
 *   npm run demo -- --remove          takes the demo stories out again (each answers 410 Gone afterwards)
 * Stories are dated back from now, so running it again moves them to the present.
 * Never for a deployed site: --url must name 127.0.0.1 or localhost.
 */

import { parseArgs } from "node:util";
import { loadDemo, removeDemo } from "./demo-load.ts";
import { startLocal } from "./local.ts";


const { values } = parseArgs({ options: { url: { type: "string" }, remove: { type: "boolean" } } });
const token = values.url ? process.env.PUBLISH_TOKEN : undefined;
if (values.url && (!token || !/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/?$/.test(values.url))) {
  console.error("usage: npm run demo [-- --remove] [-- --url http://127.0.0.1:PORT with PUBLISH_TOKEN set]: the demo is for a local server only");
  process.exit(2);
}
const local = values.url ? undefined : await startLocal();
const origin = values.url?.replace(/\/$/, "") ?? local!.origin;
try {
  if (values.remove) console.log(`demo: ${await removeDemo(origin, token ?? local!.token)} sample stories removed`);
  else {
    const { stories, photos } = await loadDemo(origin, token ?? local!.token);
    console.log(`demo: ${stories} sample stories (one scheduled for tomorrow) and ${photos} photos loaded; npm run dev shows them`);
  }
} finally {
  await local?.stop();
}
