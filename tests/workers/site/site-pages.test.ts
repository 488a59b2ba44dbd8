// The reader's site (README "The reader's site"): the menu comes from the data, the front and
// section pages lead with their newest story, articles lead on to more of their section, and every
// page has the search box and a footer that links the sections, feeds and alternate addresses.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../src/reader/app.ts";
import { addressesOf, appsOf } from "../../../src/reader/site/config.ts";
import { CANONICAL, get, loadSeedContent, SEED_PATH, SITE_NAME, store } from "../../support/helpers.ts";
import { PHOTO, storeQuayStories } from "../../support/quay-stories.ts";

/** The site's first alternate address and its apps (site.toml `addresses`, `apps`), as the footer names them. */
const ADDRESS: string | undefined = addressesOf(env.SITE_ADDRESSES)[0];
const APPS = appsOf(env.SITE_APPS);

const HTML = { Accept: "text/html" };
const paragraphs = (n: number) => Array.from({ length: n }, (_, i) => ({ type: "paragraph", text: `Paragraph ${i + 1} of this story.` }));

// A top-level section of this file's own ("Culture", subsection "Cinema"), newest on the site.
const LEAD = {
  id: "7201",
  section: ["Culture", "Cinema"],
  headline: "Festival opens with a premiere",
  description: "The city's film festival opened to a full house.",
  published: "2026-11-01T08:30:00Z",
  modified: "2026-11-02T10:00:00Z",
  tags: ["Film", "Tehran festival"],
  body: [
    {
      type: "figure",
      caption: "The opening night.",
      credit: "Photo by Test",
      alt: "A crowd at a cinema",
      src: "https://images.example/festival.jpg",
      width: 1600,
      height: 900,
    },
    ...paragraphs(3),
  ],
};
const SIBLING = {
  id: "7202",
  section: ["Culture", "Cinema"],
  headline: "A director looks back",
  description: "Forty years of films.",
  published: "2026-10-30",
  body: paragraphs(2),
};
const MUSIC = {
  id: "7203",
  section: ["Culture", "Music"],
  headline: "Orchestra returns to the hall",
  description: "A season of concerts.",
  published: "2026-10-29",
  body: paragraphs(2),
};
const LEAD_PATH = "/Detail/2026/11/01/7201/Festival-opens-with-a-premiere";
const SIBLING_PATH = "/Detail/2026/10/30/7202/A-director-looks-back";
const LEAD_URL = CANONICAL + LEAD_PATH;
const SIBLING_URL = CANONICAL + SIBLING_PATH;

beforeAll(async () => {
  await loadSeedContent();
  await store(LEAD, SIBLING, MUSIC);
});

async function page(url: string): Promise<string> {
  const res = await get(url, HTML);
  expect(res.status, url).toBe(200);
  return res.text();
}

describe("every page", () => {
  it.each(["/", "/Culture", SEED_PATH, "/search?q=Idlib"])("%s has the search box and the section menu from the data", async (path) => {
    const html = await page(CANONICAL + path);
    // One search field a page (issue 24): the search page's own stands in for the masthead's.
    expect(html.match(/role="search"/g)).toHaveLength(1);
    if (path.startsWith("/search")) expect(html).toContain('<input id="q" name="q" type="search" value="Idlib" placeholder="Search"');
    else {
      expect(html).toContain(`<form class="find" role="search" aria-label="Site" method="get" action="${CANONICAL}/search">`);
      expect(html).toContain('<input id="site-q" name="q" type="search"');
    }
    const menu = /<nav class="menu" aria-label="Sections">([^]*?)<\/nav>/.exec(html)?.[1] ?? "";
    expect(menu).toContain(`<a href="${CANONICAL}/Culture"`);
    expect(menu).toContain(`<a href="${CANONICAL}/News"`);
    expect(menu).not.toContain("/Culture/Cinema"); // the menu is top-level; the footer has the subsections
  });

  it("links the sections with their subsections, both feeds and the alternate address in the footer", async () => {
    const html = await page(CANONICAL + "/");
    const footer = /<footer class="foot">([^]*?)<\/footer>/.exec(html)?.[1] ?? "";
    expect(footer).toContain(`<a href="${CANONICAL}/Culture/Cinema">Cinema</a>`);
    expect(footer).toContain(`<a href="${CANONICAL}/Culture/Music">Music</a>`);
    expect(footer).toContain(`<a href="${CANONICAL}/rss.xml" type="application/rss+xml">RSS feed</a>`);
    expect(footer).toContain(`<a href="${CANONICAL}/atom.xml" type="application/atom+xml">Atom feed</a>`);
    if (ADDRESS) expect(footer).toContain(`<a href="https://${ADDRESS}/">${ADDRESS}</a>`);
    for (const app of APPS) expect(footer).toContain(app.name);
  });

  it("marks the section a page is in as current in the menu", async () => {
    expect(await page(CANONICAL + "/Culture")).toContain(`<a href="${CANONICAL}/Culture" aria-current="page">Culture</a>`);
    expect(await page(LEAD_URL)).toContain(`<a href="${CANONICAL}/Culture" aria-current="true">Culture</a>`);
  });

  it("a 404 page still has the search box", async () => {
    const res = await get(CANONICAL + "/No/Such/Section", HTML);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('<form class="find" role="search"');
  });
});

describe("the front page", () => {
  let html = "";
  beforeAll(async () => {
    html = await page(CANONICAL + "/");
  });

  it("leads with the newest story: its picture, sized and fetched first, headline, standfirst and time", () => {
    const lead = /<article class="lead[^"]*">([^]*?)<\/article>/.exec(html)?.[1] ?? "";
    expect(lead).toContain('<img src="https://images.example/festival.jpg" alt="" width="1600" height="900" fetchpriority="high"');
    expect(lead).toContain(`<h2><a href="${LEAD_PATH}" dir="auto">Festival opens with a premiere</a></h2>`);
    expect(lead).toContain('<p class="standfirst">The city&#39;s film festival opened to a full house.</p>');
    // Issue 36: its section as a kicker; its time is its age on its first day, then the long date.
    expect(lead).toContain('<p class="kicker">Cinema</p>');
    expect(lead).toContain('<time datetime="2026-11-01T08:30:00Z">Sunday 1 November 2026, 08:30 GMT</time>');
  });

  // Four stories: the lead and three under it (up to four since issue 36), so no Latest rail and no block,
  // since each story appears once (issue 24; front-page.test.ts has a page full enough for blocks).
  it("then the stories under the lead and the latest, each story once", () => {
    const under = /<ol class="cards under">([^]*?)<\/ol>/.exec(html)?.[1] ?? "";
    expect(under.indexOf("A director looks back")).toBeGreaterThan(-1);
    expect(under.indexOf("A director looks back")).toBeLessThan(under.indexOf("Orchestra returns"));
    expect(under.indexOf("Orchestra returns")).toBeLessThan(under.indexOf("34 Turkish troops"));
    expect(html).toContain('<div class="top solo">');
    const links = [...html.matchAll(/<a href="(\/Detail\/[^"]+)"/g)].map((m) => m[1]);
    expect(links).toHaveLength(4);
    expect(new Set(links).size).toBe(4);
  });

  it("has a visually hidden h1 and a meta description", () => {
    expect(html).toContain('<h1 class="vh">Latest news</h1>');
    expect(html).toContain(`<meta name="description" content="The latest news from ${SITE_NAME}, newest first."/>`);
  });
});

describe("a section page", () => {
  it("has the breadcrumb, its name as heading, its newest story with a picture as lead and its other stories under it", async () => {
    const html = await page(CANONICAL + "/Culture");
    expect(html).toContain(`<nav class="crumbs" aria-label="Breadcrumb"><ol><li><a href="${CANONICAL}/">Home</a></li></ol></nav><h1>Culture</h1>`);
    expect(/<article class="lead[^"]*">[^]*?<\/article>/.exec(html)?.[0]).toContain("Festival opens with a premiere");
    const under = /<ol class="cards under">([^]*?)<\/ol>/.exec(html)?.[1] ?? "";
    expect(under).toContain("A director looks back");
    expect(under).toContain("Orchestra returns");
  });
});

describe("an article page", () => {
  let html = "";
  beforeAll(async () => {
    html = await page(LEAD_URL);
  });

  // Issue 36: the Updated time follows the dateline on its line, its label joined to the time's first word only.
  it("shows the standfirst, the time in GMT and, after a correction, the Updated time", () => {
    expect(html).toContain('<p class="standfirst">The city&#39;s film festival opened to a full house.</p>');
    expect(html).toContain(
      '<time datetime="2026-11-01T08:30:00Z">Sunday 1 November 2026, 08:30 GMT</time> · <span class="updated">Updated\u00a0<time datetime="2026-11-02T10:00:00Z">Monday 2 November 2026, 10:00 GMT</time></span>',
    );
  });

  it("an article never corrected has no Updated time", async () => {
    expect(await page(SIBLING_URL)).not.toContain('class="updated"');
  });

  it("links its tags to their pages (issue 36)", () => {
    expect(html).toContain(`<a href="${CANONICAL}/tag/film" rel="tag">Film</a>`);
    expect(html).toContain(`<a href="${CANONICAL}/tag/tehran-festival" rel="tag">Tehran festival</a>`);
  });

  it("ends with More in <section>: the section's other stories, not itself", () => {
    const more = /<section class="more-in"[^>]*>([^]*?)<\/section>/.exec(html)?.[1] ?? "";
    expect(more).toContain(`More in <a href="${CANONICAL}/Culture/Cinema">Cinema</a>`);
    expect(more).toContain(`<a href="${SIBLING_PATH}" dir="auto">A director looks back</a>`);
    expect(more).not.toContain("Festival opens");
  });

  it("falls back to the parent section when its own has no other story", async () => {
    const music = await page(`${CANONICAL}/Detail/2026/10/29/7203/Orchestra-returns-to-the-hall`);
    expect(/<section class="more-in"[^>]*>([^]*?)<\/section>/.exec(music)?.[1]).toContain(`More in <a href="${CANONICAL}/Culture">Culture</a>`);
  });
});

describe("/search without a query", () => {
  it("is the search form for a browser (200, noindex), and 400 for JSON", async () => {
    const res = await get(CANONICAL + "/search", HTML);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<meta name="robots" content="noindex"/>');
    expect(html).toContain('<form class="find page-find" role="search" method="get" action="/search">');
    expect((await get(CANONICAL + "/search", { Accept: "application/json" })).status).toBe(400);
    expect((await get(CANONICAL + "/search?q=", HTML)).status).toBe(400);
  });
});

describe("alternate addresses (issue 34, item 18)", () => {
  // What `npm run site` writes into SITE_ADDRESSES: only addresses that serve the site (a redirect-only one
  // is left out there, with a warning: tests/node/site-config.test.ts). A mirror, on a host of this test's own.
  const withAddress = async (path: string) =>
    (await createApp().fetch(new Request(`http://localhost:8794${path}`, { headers: HTML }), { ...env, SITE_ADDRESSES: ["mirror.test"] })).text();

  it("offers each in the footer and after every article, linked", async () => {
    const front = await withAddress("/");
    expect(/<footer class="foot">([^]*?)<\/footer>/.exec(front)?.[1]).toContain(
      '<h2 id="foot-addresses">Also at</h2><ul><li><a href="https://mirror.test/">mirror.test</a></li></ul>',
    );
    expect(await withAddress(SEED_PATH)).toContain(
      `<aside class="addresses" aria-label="Alternate addresses"><p>${SITE_NAME}’s website can also be accessed at the following alternate addresses:</p><ul><li><a href="https://mirror.test/">mirror.test</a></li></ul></aside>`,
    );
  });

  it("with none (the site's own addresses only redirect), neither the footer nor an article mentions any", async () => {
    const none = async (path: string) =>
      (await createApp().fetch(new Request(`http://localhost:8795${path}`, { headers: HTML }), { ...env, SITE_ADDRESSES: [] })).text();
    expect(await none("/")).not.toContain("foot-addresses");
    expect(await none(SEED_PATH)).not.toContain("can also be accessed");
  });

  it("takes host names from SITE_ADDRESSES and leaves anything else out", () => {
    expect(addressesOf(["mirror.test", "", 7, null, { host: "x" }])).toEqual(["mirror.test"]);
  });
});

describe("SITE_APPS", () => {
  it("takes names, or a name with an https URL; anything else is shown as its name or left out", () => {
    expect(appsOf(["Press TV News Roku"])).toEqual([{ name: "Press TV News Roku" }]);
    expect(appsOf([{ name: "App", url: "https://apps.example/app" }])).toEqual([{ name: "App", url: "https://apps.example/app" }]);
    expect(appsOf([{ name: "App", url: "javascript:alert(1)" }])).toEqual([{ name: "App" }]);
    expect(appsOf([{ url: "https://apps.example/" }, 7, null])).toEqual([]);
  });
});

// From findings-api-integration.test.ts: Issue 23, through the Worker: structured data (item 4), one rule for photos on a mirror (6), a Persian headline (7), fields and the change feed (8, 9), refused writes (10, 11) and search (15, 16), each test named after the defect. Its stories: tests/support/quay-stories.ts.
describe("issue 23's findings, through the Worker", () => {
  const ldOf = (html: string) => JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(html)![1]);

  beforeAll(async () => {
    await storeQuayStories();
  });

  describe("the article page's structured data (issue 23, item 4)", () => {
    it("lists the 1280×720 image once, names the publisher as author and its mark as logo, and has og:locale", async () => {
      const html = await (await get(`${CANONICAL}/Detail/2021/05/01/${PHOTO}/Quay-reopens`, { Accept: "text/html" })).text();
      const ld = ldOf(html);
      const sizes = ld.image.map((i: { width: number; height: number }) => `${i.width}x${i.height}`);
      expect(sizes).toEqual(["1280x720", "960x720", "720x720"]);
      expect(ld.author).toEqual([{ "@type": "Organization", name: SITE_NAME, url: `${CANONICAL}/` }]);
      if (env.SITE_LOGO) expect(ld.publisher.logo).toMatchObject({ "@type": "ImageObject", url: env.SITE_LOGO });
      else expect(ld.publisher.logo).toEqual({ "@type": "ImageObject", url: `${CANONICAL}/icon-512.png`, width: 512, height: 512 });
      expect((await get(`${CANONICAL}/icon-512.png`)).status).toBe(200);
      expect(html).toContain('<meta property="og:locale" content="en_US"/>');
      // site.toml's social.twitter, or none.
      if (env.SITE_TWITTER) expect(html).toContain(`<meta name="twitter:site" content="${env.SITE_TWITTER}"/>`);
      else expect(html).not.toContain("twitter:site");
    });

    it("names twitter:site when SITE_TWITTER is configured", async () => {
      const { createApp } = await import("../../../src/reader/app.ts");
      // A host no other request of this file uses, so no copy built without the handle answers.
      const res = await createApp().fetch(new Request(`https://twitter-site.workers.dev/Detail/2021/05/01/${PHOTO}/Quay-reopens`), {
        ...env,
        SITE_TWITTER: "@PressTV",
      });
      expect(await res.text()).toContain('<meta name="twitter:site" content="@PressTV"/>');
    });
  });
});
