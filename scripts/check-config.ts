// Checks wrangler.toml before anything is deployed (run by `npm run check`): the host table parses
// with the same check the Worker makes, and every public host has a route, so one `wrangler deploy`
// serves them all. Exits 1 with a message naming each host at fault.
import { unstable_readConfig } from "wrangler";
import { parseHostTable, unroutedHosts } from "../src/http/hosts.ts";

const config = unstable_readConfig({ config: "wrangler.toml" });
const vars = config.vars as Record<string, unknown>;
const problems: string[] = [];
try {
  parseHostTable(vars.CANONICAL_ORIGIN, vars.HOSTS);
} catch (err) {
  problems.push((err as Error).message);
}
problems.push(...unroutedHosts(vars.HOSTS, config.routes ?? []));
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log(`wrangler.toml: ${Object.keys(vars.HOSTS as object).length} hosts, every public one routed`);
