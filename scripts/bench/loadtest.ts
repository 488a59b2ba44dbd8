/**
 * @module
 * `npm run loadtest -- [--url http://127.0.0.1:8788] [--connections 64] [--duration 20] [--path /Detail/…]`
 *
 * Drives a locally running Worker (`npm run serve -- --port N`) with a realistic mix for a bounded
 * time and checks every response against what its kind must get: browser HTML and app JSON of the
 * newest article (200), the JSON front page (200), revalidations with the real ETags (304), the
 * article on a mirror host (`Host: www.presstv.co.uk`, 301 to https://www.presstv.ir), and unknown
 * ids (404). Prints requests, errors, wrong statuses and latency; exits 1 on any 5xx, wrong answer,
 * connection error or timeout. Targets loopback only.
 */

import { request as httpRequest } from "node:http";
import { parseArgs } from "node:util";
import autocannon from "autocannon";

const CANONICAL = "https://www.presstv.ir";
const MIRROR_HOST = "www.presstv.co.uk";
const BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

const { values } = parseArgs({
  options: {
    url: { type: "string", default: "http://127.0.0.1:8788" },
    connections: { type: "string", default: "64" },
    duration: { type: "string", default: "20" },
    path: { type: "string" },
    json: { type: "boolean", default: false },
  },
});

function fail(message: string): never {
  console.error(`loadtest: ${message}`);
  process.exit(2);
}

const base = new URL(values.url);
if (base.protocol !== "http:" || !["127.0.0.1", "localhost", "[::1]"].includes(base.hostname)) fail(`--url must be http on loopback, not ${values.url}`);
const connections = Number(values.connections);
const duration = Number(values.duration);
if (!Number.isInteger(connections) || connections < 1 || connections > 1024) fail("--connections must be 1 to 1024");
if (!Number.isFinite(duration) || duration <= 0 || duration > 600) fail("--duration must be more than 0 and at most 600 seconds");

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One request with full control of the headers (fetch would not send our Host). */
function send(path: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, base), { headers, timeout: 10_000 }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers as Record<string, string>, body }));
    });
    req.on("timeout", () => req.destroy(new Error(`timed out: GET ${path}`)));
    req.on("error", reject);
    req.end();
  });
}

// ---------- preflight: find the article and its real ETags ----------

let front: Answer;
try {
  front = await send("/", { Accept: "application/json" });
} catch (e) {
  fail(`no Worker at ${base.origin} (${(e as Error).message}); start one with \`npm run serve -- --port ${base.port || 80}\``);
}
if (front.status !== 200) fail(`GET / (JSON) answered ${front.status}`);
const path =
  values.path ?? new URL((JSON.parse(front.body) as { articles: { url: string }[] }).articles[0]?.url ?? fail("the front page lists no article")).pathname;

const json = await send(path, { Accept: "application/json" });
const html = await send(path, { Accept: BROWSER_ACCEPT });
for (const [name, a] of [
  ["JSON", json],
  ["HTML", html],
] as const)
  if (a.status !== 200 || !a.headers.etag) fail(`GET ${path} (${name}) answered ${a.status} with ETag ${a.headers.etag}`);

// ---------- the mix ----------

interface Kind {
  name: string;
  /** Requests of this kind per cycle of the mix. */
  weight: number;
  path: string;
  headers: Record<string, string>;
  status: number;
  /** Further checks of a response of the right status; returns what is wrong, or nothing. */
  check?: (headers: Record<string, string>, body: string) => string | undefined;
  /** A fresh path per request. */
  fresh?: () => string;
}

const type = (prefix: string) => (h: Record<string, string>) => (h["content-type"]?.startsWith(prefix) ? undefined : `Content-Type ${h["content-type"]}`);
const empty = (_h: Record<string, string>, body: string) => (body.length === 0 ? undefined : `${body.length} bytes of body`);
const expectedLocation = CANONICAL + path;
const unknownId = () => `/Detail/2020/01/01/${9e11 + Math.floor(Math.random() * 9e10)}/no-such-article`;

const KINDS: Kind[] = [
  { name: "article html", weight: 4, path, headers: { Accept: BROWSER_ACCEPT }, status: 200, check: type("text/html") },
  { name: "article json", weight: 3, path, headers: { Accept: "application/json" }, status: 200, check: type("application/json") },
  { name: "front json", weight: 1, path: "/", headers: { Accept: "application/json" }, status: 200, check: type("application/json") },
  { name: "304 json", weight: 2, path, headers: { Accept: "application/json", "If-None-Match": json.headers.etag }, status: 304, check: empty },
  { name: "304 html", weight: 2, path, headers: { Accept: BROWSER_ACCEPT, "If-None-Match": html.headers.etag }, status: 304, check: empty },
  {
    name: "mirror 301",
    weight: 1,
    path,
    headers: { Host: MIRROR_HOST, Accept: BROWSER_ACCEPT },
    status: 301,
    check: (h) => (h.location === expectedLocation ? undefined : `Location ${h.location}`),
  },
  {
    name: "unknown 404",
    weight: 1,
    path: unknownId(),
    headers: { Accept: "application/json" },
    status: 404,
    check: type("application/problem+json"),
    fresh: unknownId,
  },
];

interface Tally {
  requests: number;
  wrong: number;
  serverErrors: number;
  times: number[];
  samples: string[];
}
const tallies = new Map<string, Tally>(KINDS.map((k) => [k.name, { requests: 0, wrong: 0, serverErrors: 0, times: [], samples: [] }]));
const all: number[] = [];
// autocannon calls a request's onResponse and then, synchronously, emits "response" with the latency.
let lastKind: string | undefined;

function lowerKeys(h: Record<string, string | string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(", ") : v]));
}

// Interleave kinds so that every connection sends the whole mix in a short cycle.
const cycle: Kind[] = [];
for (let round = 0; cycle.length < KINDS.reduce((n, k) => n + k.weight, 0); round++) for (const k of KINDS) if (round < k.weight) cycle.push(k);

const requests = cycle.map((k) => ({
  method: "GET",
  path: k.path,
  headers: k.headers,
  ...(k.fresh && { setupRequest: (req: { path: string }) => ({ ...req, path: (k.fresh as () => string)() }) }),
  onResponse: (status: number, body: string, _context: unknown, rawHeaders: Record<string, string | string[]>) => {
    const t = tallies.get(k.name) as Tally;
    t.requests++;
    lastKind = k.name;
    if (status >= 500) t.serverErrors++;
    const problem = status !== k.status ? `status ${status}, expected ${k.status}` : k.check?.(lowerKeys(rawHeaders), body ?? "");
    if (problem) {
      t.wrong++;
      if (t.samples.length < 3) t.samples.push(problem);
    }
  },
}));

if (!values.json)
  console.log(
    `loadtest: ${base.origin}${path}\n  ${connections} connections for ${duration} s, mix per cycle: ${KINDS.map((k) => `${k.weight}× ${k.name}`).join(", ")}`,
  );

const instance = autocannon({ url: base.origin, connections, duration, pipelining: 1, timeout: 10, requests });
instance.on("response", (_client: unknown, _status: number, _bytes: number, ms: number) => {
  all.push(ms);
  if (lastKind) tallies.get(lastKind)?.times.push(ms);
  lastKind = undefined;
});
const result = await instance;

// ---------- report ----------

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const ms = (n: number) => (Number.isNaN(n) ? "-" : n.toFixed(2));

const total = [...tallies.values()].reduce(
  (a, t) => ({ requests: a.requests + t.requests, wrong: a.wrong + t.wrong, serverErrors: a.serverErrors + t.serverErrors }),
  {
    requests: 0,
    wrong: 0,
    serverErrors: 0,
  },
);
const summary = {
  url: base.origin + path,
  connections,
  seconds: result.duration,
  requests: total.requests,
  rps: Math.round(total.requests / result.duration),
  errors: result.errors,
  timeouts: result.timeouts,
  serverErrors: total.serverErrors,
  wrongAnswers: total.wrong,
  p50: percentile(all, 50),
  p99: percentile(all, 99),
  max: percentile(all, 100),
  kinds: Object.fromEntries(
    [...tallies].map(([name, t]) => [
      name,
      { requests: t.requests, wrong: t.wrong, p50: percentile(t.times, 50), p99: percentile(t.times, 99), samples: t.samples },
    ]),
  ),
};

if (values.json) console.log(JSON.stringify(summary));
else {
  console.log(`\n  ${"kind".padEnd(14)}${"requests".padStart(10)}${"wrong".padStart(8)}${"p50 ms".padStart(9)}${"p99 ms".padStart(9)}`);
  for (const [name, t] of tallies)
    console.log(
      `  ${name.padEnd(14)}${String(t.requests).padStart(10)}${String(t.wrong).padStart(8)}${ms(percentile(t.times, 50)).padStart(9)}${ms(percentile(t.times, 99)).padStart(9)}${t.samples.length ? `   e.g. ${t.samples.join("; ")}` : ""}`,
    );
  console.log(
    `\n  ${summary.requests} requests in ${summary.seconds.toFixed(1)} s (${summary.rps}/s); ${summary.errors} errors (${summary.timeouts} timeouts); ${summary.serverErrors} 5xx; ${summary.wrongAnswers} wrong answers\n  latency p50 ${ms(summary.p50)} ms, p99 ${ms(summary.p99)} ms, max ${ms(summary.max)} ms`,
  );
}

const failed = summary.serverErrors > 0 || summary.wrongAnswers > 0 || summary.errors > 0 || summary.timeouts > 0 || summary.requests === 0;
if (failed && !values.json) console.log("\n  FAIL: every response must have the status (and headers) its kind expects, with no 5xx, errors or timeouts");
process.exit(failed ? 1 : 0);
