// Checks the configuration before anything is deployed (run by `npm run check`):
// - wrangler.toml: the host table parses with the same check the Worker makes, and every public host
//   has a route, so one `wrangler deploy` serves them all;
// - the two Workers agree: the reader's NEWSROOM binding names the Newsroom Worker's script and class,
//   both bind the same KV namespace as NEWS, with the same compatibility date and flags;
// - the rate limits the code announces (RateLimit-Policy) are the ones the [[ratelimits]] bindings enforce.
// Exits 1 with a message for each problem.
import { unstable_readConfig } from "wrangler";
import { parseHostTable, unroutedHosts } from "../../src/reader/site/hosts.ts";
import { AUTH_POLICY, PUBLISH_POLICY, type RatePolicy, SEARCH_POLICY } from "../../src/reader/http/ratelimit.ts";

const config = unstable_readConfig({ config: "wrangler.toml" });
const newsroom = unstable_readConfig({ config: "newsroom.wrangler.toml" });
const vars = config.vars as Record<string, unknown>;
const problems: string[] = [];
try {
  parseHostTable(vars.CANONICAL_ORIGIN, vars.HOSTS);
} catch (err) {
  problems.push((err as Error).message);
}
problems.push(...unroutedHosts(vars.HOSTS, config.routes ?? []));

type DoBinding = { name: string; class_name: string; script_name?: string };
const binding = (config.durable_objects.bindings as DoBinding[]).find((b) => b.name === "NEWSROOM");
const defined = (newsroom.durable_objects.bindings as DoBinding[]).find((b) => b.name === "NEWSROOM");
if (!binding || binding.script_name !== newsroom.name)
  problems.push(`wrangler.toml: NEWSROOM must name script_name = "${newsroom.name}" (newsroom.wrangler.toml)`);
if (!defined || binding?.class_name !== defined.class_name) problems.push("wrangler.toml and newsroom.wrangler.toml: NEWSROOM must name the same class");
const kvOf = (c: typeof config) => (c.kv_namespaces as { binding: string; id?: string }[]).find((k) => k.binding === "NEWS")?.id;
if (!kvOf(config) || kvOf(config) !== kvOf(newsroom)) problems.push("wrangler.toml and newsroom.wrangler.toml must bind the same KV namespace as NEWS");
if (config.compatibility_date !== newsroom.compatibility_date || config.compatibility_flags.join() !== newsroom.compatibility_flags.join())
  problems.push("wrangler.toml and newsroom.wrangler.toml must have the same compatibility_date and compatibility_flags");

const policies: Record<string, RatePolicy> = { PUBLISH_LIMIT: PUBLISH_POLICY, SEARCH_LIMIT: SEARCH_POLICY, AUTH_LIMIT: AUTH_POLICY };
for (const [name, policy] of Object.entries(policies)) {
  const limit = (config.ratelimits as { name: string; simple: { limit: number; period: number } }[]).find((r) => r.name === name)?.simple;
  if (!limit || limit.limit !== policy.limit || limit.period !== policy.period)
    problems.push(
      `wrangler.toml: [[ratelimits]] ${name} must be { limit = ${policy.limit}, period = ${policy.period} }, as src/reader/http/ratelimit.ts announces`,
    );
}

if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log(
  `wrangler.toml: ${Object.keys(vars.HOSTS as object).length} hosts, every public one routed; newsroom.wrangler.toml agrees; rate limits as announced`,
);
