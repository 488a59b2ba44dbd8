/**
 * @module
 * `npm run lighthouse [-- --url http://127.0.0.1:8788] [--debugging-port N] [--serve-port N]`: Lighthouse (its Node API, the `lighthouse`
 * dev dependency) with Debian's Chromium on the front page, the News section, the seed article (id 100001),
 * when the site has one among its newest 100 the newest article whose lead is an uploaded photo, and
 * the search results for "Idlib"; mobile
 * (Lighthouse's default) and desktop presets. Without `--url` it starts the production-like server
 * (`npm run serve`'s script, scripts/run/serve.ts) on a free port (or `--serve-port`) and stops it at the end;
 * Chromium's debugging port is a free one unless `--debugging-port` fixes it. Prints the four
 * category scores per page and form factor, writes the HTML and JSON reports to
 * test-results/lighthouse/, and exits 1 when any score is below 100, listing the audits that cost points.
 * Installs nothing at run time; `CHROME_PATH` names another Chromium.
 */

import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import * as chromeLauncher from "chrome-launcher";
import lighthouse, { desktopConfig, type Result } from "lighthouse";
import { freePort } from "../lib/ports.ts";

const OUT = "test-results/lighthouse";
const SEED_ID = "100001";
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
const FORM_FACTORS = ["mobile", "desktop"] as const;

const { values } = parseArgs({ options: { url: { type: "string" }, "debugging-port": { type: "string" }, "serve-port": { type: "string" } } });

/** A port option's value, or undefined when not given; anything but 1–65535 ends the run with a clear message. */
function portOption(name: "debugging-port" | "serve-port"): number | undefined {
  const text = values[name];
  if (text === undefined) return undefined;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535) {
    console.error(`lighthouse: --${name} must be a port number from 1 to 65535`);
    process.exit(2);
  }
  return port;
}
const DEBUGGING_PORT = portOption("debugging-port");
const SERVE_PORT = portOption("serve-port");

/** Starts scripts/run/serve.ts (what `npm run serve` runs) and waits until its front page answers. */
async function startServer(): Promise<{ origin: string; child: ChildProcess }> {
  const port = SERVE_PORT ?? (await freePort());
  const child = spawn(process.execPath, ["scripts/run/serve.ts", "--port", String(port)], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d));
  child.stderr!.on("data", (d: Buffer) => (output += d));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm run serve exited with ${child.exitCode}:\n${output}`);
    const res = await fetch(origin + "/", { signal: AbortSignal.timeout(5000) }).catch(() => undefined);
    if (res) {
      await res.arrayBuffer();
      if (res.ok) return { origin, child };
    }
    await sleep(250);
  }
  child.kill("SIGTERM");
  throw new Error(`npm run serve did not answer on ${origin} within 180 s:\n${output}`);
}

/**
 * The seed article's URL on this host, and the newest photo story's if there is one (an uploaded photo
 * has renditions), from the API's list (so no path is hard-coded here).
 */
async function articleUrls(origin: string): Promise<{ seed: string; photo?: string }> {
  const res = await fetch(origin + "/api/v1/articles?per_page=100&fields=id,url,image", { headers: { Accept: "application/json" } });
  if (!res.ok) throw new Error(`${origin}/api/v1/articles answered ${res.status}`);
  const { articles } = (await res.json()) as { articles: { id: string; url: string; image: { renditions?: unknown[] } | null }[] };
  const seed = articles.find((a) => a.id === SEED_ID);
  if (!seed) throw new Error(`article ${SEED_ID} is not in the first 100 of ${origin}`);
  // `url` is on the host that answered (a mirror keeps links on itself), so this is the page on `origin`.
  return { seed: seed.url, photo: articles.find((a) => a.image?.renditions)?.url };
}

interface Row {
  page: string;
  formFactor: (typeof FORM_FACTORS)[number];
  scores: Record<(typeof CATEGORIES)[number], number | null>;
  /** "category: audit title (id) — score" for each weighted audit below full marks. */
  failing: string[];
  /** The same for audits that carry no weight (insights, diagnostics): they cost no points. */
  unscored: string[];
}

function belowFullMarks(lhr: Result, weighted: boolean): string[] {
  const out: string[] = [];
  for (const id of CATEGORIES) {
    const category = lhr.categories[id];
    if (!category) continue;
    for (const ref of category.auditRefs) {
      const audit = lhr.audits[ref.id];
      if (!audit || ref.weight > 0 !== weighted || audit.score === null || audit.score >= 1) continue;
      out.push(`${category.title}: ${audit.title} (${ref.id}) — score ${Math.round(audit.score * 100)}${audit.displayValue ? `, ${audit.displayValue}` : ""}`);
    }
  }
  return out;
}

async function main(): Promise<number> {
  const server = values.url ? undefined : await startServer();
  const origin = (values.url ?? server!.origin).replace(/\/$/, "");
  mkdirSync(OUT, { recursive: true });
  // A fixed debugging port (`--debugging-port`) where a firewall or another tool needs to know it; else a free one.
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
    chromeFlags: ["--headless=new", "--no-sandbox"],
    ...(DEBUGGING_PORT !== undefined && { port: DEBUGGING_PORT }),
  });
  console.log(`lighthouse: Chromium's debugging port ${chrome.port}`);
  const rows: Row[] = [];
  const names: string[] = [];
  let version = "";
  try {
    const urls = await articleUrls(origin);
    // Issue 24: a section page and search results too (the seed's section; a word of its headline).
    const pages = [
      { name: "front", url: origin + "/" },
      { name: "section", url: origin + "/News" },
      { name: "article", url: urls.seed },
      ...(urls.photo ? [{ name: "photo", url: urls.photo }] : []),
      { name: "search", url: origin + "/search?q=Idlib" },
    ];
    names.push(...pages.map((p) => p.name));
    for (const page of pages) {
      for (const formFactor of FORM_FACTORS) {
        const result = await lighthouse(
          page.url,
          { port: chrome.port, output: ["html", "json"], logLevel: "error", onlyCategories: [...CATEGORIES] },
          formFactor === "desktop" ? desktopConfig : undefined,
        );
        if (!result) throw new Error(`Lighthouse returned nothing for ${page.url}`);
        const { lhr, report } = result;
        version = lhr.lighthouseVersion;
        if (lhr.runtimeError) throw new Error(`${page.url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        const [html, json] = report as string[];
        writeFileSync(join(OUT, `${page.name}-${formFactor}.html`), html!);
        writeFileSync(join(OUT, `${page.name}-${formFactor}.json`), json!);
        const scores = Object.fromEntries(
          CATEGORIES.map((c) => [c, lhr.categories[c]?.score == null ? null : Math.round(lhr.categories[c]!.score! * 100)]),
        ) as Row["scores"];
        rows.push({
          page: `${page.name} ${new URL(page.url).pathname}`,
          formFactor,
          scores,
          failing: belowFullMarks(lhr, true),
          unscored: belowFullMarks(lhr, false),
        });
      }
    }
  } finally {
    chrome.kill();
    if (server) {
      server.child.kill("SIGTERM");
      await new Promise((r) => (server.child.exitCode !== null ? r(null) : server.child.once("exit", r)));
    }
  }

  console.log(`Lighthouse ${version} on ${origin}\n`);
  const header = ["page", "form factor", "Performance", "Accessibility", "Best Practices", "SEO"];
  const table = rows.map((r) => [r.page.length > 60 ? r.page.slice(0, 57) + "…" : r.page, r.formFactor, ...CATEGORIES.map((c) => String(r.scores[c] ?? "–"))]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(line(header));
  for (const t of table) console.log(line(t));
  console.log(`\nreports: ${OUT}/{${names.join(",")}}-{mobile,desktop}.{html,json}`);

  const below = rows.filter((r) => CATEGORIES.some((c) => r.scores[c] !== 100));
  for (const r of below) {
    console.log(`\n${r.page} (${r.formFactor}):`);
    for (const f of r.failing.length ? r.failing : ["(no weighted audit below full marks: see the report)"]) console.log(`  ${f}`);
  }
  const unscored = [...new Set(rows.flatMap((r) => r.unscored.map((u) => u.replace(/ — .*$/, ""))))];
  if (unscored.length) console.log(`\nbelow full marks but not scored (no weight in any category):\n${unscored.map((u) => `  ${u}`).join("\n")}`);
  if (below.length) console.log(`\n${below.length} of ${rows.length} runs scored below 100 in some category`);
  return below.length ? 1 : 0;
}

process.exitCode = await main();
