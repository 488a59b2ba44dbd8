/**
 * site.toml (scripts/build/site-config.ts, site-files.ts): what `npm run site` refuses, and what it
 * writes from a site that is not Press TV.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { parse } from "smol-toml";
import assert from "node:assert/strict";
import { describe, it } from "node:test";

/** TOML tables as plain objects (smol-toml makes them without a prototype). */
const plain = (v: unknown) => JSON.parse(JSON.stringify(v));
import { contrast, offeredAddresses, readSite, siteProblems, siteRoutes, type SiteConfig } from "../../scripts/build/site-config.ts";
import { tomlValue, withNewsroomBlocks, withSiteBlocks, withSiteColours, wranglerBlocks } from "../../scripts/build/site-files.ts";

/** A site of this test's own, from the repository's site.toml with another name, origin, hosts and colours. */
function otherSite(changes: Partial<SiteConfig> = {}): SiteConfig {
  return {
    ...readSite(),
    name: 'The "Harbour" Herald',
    origin: "https://news.harbour.example",
    hosts: { "news.harbour.example": "canonical", "harbour.example": "redirect", "*.harbour-mirror.example": "mirror", localhost: "mirror" },
    colours: { link: "#1d5e20", accent: "#7a2e8e", link_dark: "#9ad29c", accent_dark: "#e0a4f0", icon: "#1d5e20" },
    ...changes,
  };
}

describe("site.toml", () => {
  it("the repository's site.toml has no problem", () => {
    assert.deepEqual(siteProblems(parse(readFileSync("site.toml", "utf8"))), []);
  });

  it("contrast is WCAG's: black on white 21:1, a colour on itself 1:1", () => {
    assert.ok(Math.abs(contrast("#000000", "#ffffff") - 21) < 0.5 * 10 ** -5);
    assert.equal(contrast("#0b4f9c", "#0b4f9c"), 1);
    assert.ok(Math.abs(contrast("#767676", "#ffffff") - 4.54) < 0.5 * 10 ** -2);
  });

  it("refuses a link colour a reader cannot read, naming the field, the ratio and WCAG's minimum", () => {
    const problems = siteProblems({ ...otherSite(), colours: { ...otherSite().colours, link: "#8ab4f8" } });
    assert.deepEqual(problems, ["colours.link: #8ab4f8 on #ffffff has contrast 2.11:1; WCAG asks at least 4.5:1"]);
  });

  it("refuses what the Worker would refuse: an http origin, a host table without it, an unknown signal, a bad handle", () => {
    const problems = siteProblems({
      ...otherSite(),
      origin: "http://news.harbour.example",
      content_signal: { "ai-sell": "no" },
      social: { twitter: "harbour herald" },
      language: "not a language",
      colours: { ...otherSite().colours, icon: "blue" },
    });
    assert.ok(
      problems.includes('origin "http://news.harbour.example" must be an https origin with no path, e.g. "https://www.example.com"'),
      problems.join("\n"),
    );
    assert.ok(problems.includes('content_signal: unknown signal "ai-sell"'), problems.join("\n"));
    assert.ok(problems.includes('social.twitter: must be an X handle such as "@name", or empty'), problems.join("\n"));
    assert.ok(problems.includes('language: "not a language" is not a BCP 47 language tag (e.g. "en", "fa")'), problems.join("\n"));
    assert.ok(problems.includes("colours.icon: must be a colour as #rrggbb"), problems.join("\n"));
  });

  it("routes every public host (a wildcard by its zone), none of the local ones", () => {
    assert.deepEqual(siteRoutes(otherSite()), [
      { pattern: "news.harbour.example", custom_domain: true },
      { pattern: "harbour.example", custom_domain: true },
      { pattern: "*.harbour-mirror.example/*", zone_name: "harbour-mirror.example" },
    ]);
  });

  it("writes wrangler.toml's blocks so that TOML reads back the site's values, quotes and all", () => {
    const site = otherSite();
    const written = withSiteBlocks(readFileSync("wrangler.toml", "utf8"), site);
    const toml = parse(written) as { vars: Record<string, unknown>; routes: unknown[]; name: string };
    assert.equal(toml.vars.SITE_NAME, 'The "Harbour" Herald');
    assert.equal(toml.vars.CANONICAL_ORIGIN, "https://news.harbour.example");
    assert.deepEqual(plain(toml.vars.HOSTS), site.hosts);
    assert.equal((toml.vars.DESK as object) !== undefined && toml.name, "edge-news");
    assert.equal(toml.routes.length, 3);
    // Written twice, the same: the markers stay where they were.
    assert.equal(withSiteBlocks(written, site), written);
    assert.equal(wranglerBlocks(site).vars[0], "[vars]");
  });

  it("[indexnow] and [websub]: off as shipped; a bad key, an enabled one without a key and an http hub refused; written to both Workers only while on", () => {
    const bad = siteProblems({ ...otherSite(), indexnow: { enabled: true, key: "short" }, websub: { hub: "http://hub.example/" } });
    assert.ok(bad.includes('indexnow.key: must be 8 to 128 of a-z, A-Z, 0-9 and "-" (or empty while disabled)'), bad.join("\n"));
    assert.ok(bad.includes("websub.hub: must be an https URL, or empty"), bad.join("\n"));
    assert.ok(siteProblems({ ...otherSite(), indexnow: { enabled: true, key: "" } }).includes("indexnow.key: needed when enabled"));
    const on = { ...otherSite(), indexnow: { enabled: true, key: "harbour-key-1" }, websub: { hub: "https://hub.example/" } };
    assert.deepEqual(siteProblems(on), []);
    const reader = parse(withSiteBlocks(readFileSync("wrangler.toml", "utf8"), on)) as { vars: Record<string, unknown> };
    const newsroom = parse(withNewsroomBlocks(readFileSync("newsroom.wrangler.toml", "utf8"), on)) as { vars: Record<string, unknown> };
    assert.equal(reader.vars.INDEXNOW_KEY, "harbour-key-1");
    assert.equal(reader.vars.WEBSUB_HUB, "https://hub.example/");
    assert.deepEqual(
      [newsroom.vars.INDEXNOW_KEY, newsroom.vars.INDEXNOW_ENDPOINT, newsroom.vars.WEBSUB_HUB],
      ["harbour-key-1", "https://api.indexnow.org/indexnow", "https://hub.example/"],
    );
    // A key kept while disabled is not served, nor used.
    const off = parse(withNewsroomBlocks(readFileSync("newsroom.wrangler.toml", "utf8"), { ...on, indexnow: { enabled: false, key: "harbour-key-1" } })) as {
      vars: Record<string, unknown>;
    };
    assert.equal(off.vars.INDEXNOW_KEY, "");
    const shipped = parse(readFileSync("newsroom.wrangler.toml", "utf8")) as { vars: Record<string, unknown> };
    assert.deepEqual([shipped.vars.INDEXNOW_KEY, shipped.vars.WEBSUB_HUB], ["", ""]);
  });

  it("refuses a wrangler.toml without the markers rather than guessing where the blocks go", () => {
    assert.throws(() => withSiteBlocks("name = 'x'\n", otherSite()), /must mark where site.toml's routes go/);
  });

  it("sets the link and accent colours of both schemes in site.css and nothing else", () => {
    const css = readFileSync("public/site.css", "utf8");
    const out = withSiteColours(css, otherSite());
    const [light, dark] = out.split("\n");
    assert.ok(light.includes("--link:#1d5e20;"));
    assert.ok(light.includes("--brand:#7a2e8e;"));
    assert.ok(dark.includes("--link:#9ad29c;"));
    assert.ok(dark.includes("--brand:#e0a4f0;"));
    assert.deepEqual(out.split("\n").slice(2), css.split("\n").slice(2));
  });

  it("writes TOML values that read back as given", () => {
    const value = { name: 'a "quoted" \\ name\n', list: ["x", 1, true], "odd key": { nested: "é" } };
    assert.deepEqual(plain(parse(`v = ${tomlValue(value)}`).v), value);
  });
});

describe("an alternate address that only redirects (issue 34, item 18)", () => {
  const harbour = (address: string) => otherSite({ addresses: [address] });

  it("is not offered to readers, and npm run site says why and what would offer it", () => {
    const { addresses, warnings } = offeredAddresses(harbour("harbour.example"));
    assert.deepEqual(addresses, []);
    assert.deepEqual(warnings, [
      'addresses: harbour.example only redirects to https://news.harbour.example ([hosts] policy "redirect"), so the pages do not offer it: a reader who cannot reach https://news.harbour.example cannot follow it. Make it a "mirror" in [hosts] to offer it.',
    ]);
    const toml = parse(withSiteBlocks(readFileSync("wrangler.toml", "utf8"), harbour("harbour.example"))) as { vars: Record<string, unknown> };
    assert.deepEqual(plain(toml.vars.SITE_ADDRESSES), []);
  });

  it("a mirror (a wildcard's too) is offered without a word; one this Worker does not serve is offered and named", () => {
    assert.deepEqual(offeredAddresses(harbour("m.harbour-mirror.example")), { addresses: ["m.harbour-mirror.example"], warnings: [] });
    const elsewhere = offeredAddresses(harbour("harbour.onion.example"));
    assert.deepEqual(elsewhere.addresses, ["harbour.onion.example"]);
    assert.deepEqual(elsewhere.warnings, [
      "addresses: harbour.onion.example is not in [hosts], so this Worker answers it 421; the pages offer it, as something else must serve it.",
    ]);
  });

  it("npm run site -- --check warns of the repository's own, and does not fail for it", () => {
    const site = readSite();
    const redirecting = offeredAddresses(site).warnings.filter((w) => w.includes("only redirects"));
    const run = spawnSync(process.execPath, ["scripts/build/site.ts", "--check"], { encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    for (const warning of redirecting) assert.ok(run.stderr.includes(`site.toml: warning: ${warning}`), run.stderr);
    // What wrangler.toml holds is what the pages offer: none of the redirecting ones.
    const vars = (parse(readFileSync("wrangler.toml", "utf8")) as { vars: { SITE_ADDRESSES: string[] } }).vars;
    assert.deepEqual(plain(vars.SITE_ADDRESSES), offeredAddresses(site).addresses);
  });
});
