/**
 * @module
 * The demo archive (`npm run demo`): about sixty generated sample stories over five top-level sections
 * and their subsections, by six authors, with tags, photos drawn by sharp at generation time, published
 * over the last three days, one scheduled and one with a correction. A front page can only be judged
 * with a front page's worth of news; the seed alone is one story. Every headline starts with "Sample:"
 * and every text says it is sample content; nothing of it is in content/ or deployed. Deterministic for
 * a given `now` (a seeded generator), so the e2e checks and screenshots see the same archive each run.
 * Stories go in through the publishing API (PUT), so a later content load leaves them where they are.
 */

import sharp from "sharp";

/** The archive's ids: 880001 and up, a range no test or fixture uses. */
export const DEMO_FIRST_ID = 880001;
export const DEMO_STORIES = 60;
/** Every headline opens with it, so no screenshot or page is ever taken for real news. */
export const SAMPLE_MARK = "Sample:";

/** Sections in site.toml's order (News/Iran and News/Syria named there), then one it does not name. */
const SECTIONS: string[][] = [
  ["News", "Iran"],
  ["News", "Syria"],
  ["News", "Lebanon"],
  ["Economy", "Energy"],
  ["Economy", "Markets"],
  ["Sports", "Football"],
  ["Sports", "Wrestling"],
  ["Culture", "Film"],
  ["Culture", "Books"],
  ["Science", "Health"],
  ["Science", "Space"],
];

const AUTHORS = ["Leila Karimi", "Omar Haddad", "Sara Ahmadi", "James Whitfield", "Nadia Rahimi", "Daniel Costa"];

/** What each subsection's stories are about: subjects, what happened, and where. */
const TOPICS: Record<string, { who: string[]; what: string[]; tags: string[] }> = {
  Iran: { who: ["Parliament", "The foreign ministry", "Tehran's mayor", "Farmers in Khuzestan"], what: ["debates the water budget", "names a new envoy", "opens a metro line", "report an early harvest"], tags: ["Tehran", "Parliament", "Water"] },
  Syria: { who: ["Aid convoys", "Engineers in Aleppo", "Schools in Idlib", "The health ministry"], what: ["reach the north", "restore a bridge", "reopen after repairs", "starts a vaccination round"], tags: ["Aid", "Aleppo", "Idlib"] },
  Lebanon: { who: ["Beirut port", "Fishermen in Tyre", "The central bank", "Volunteers in Tripoli"], what: ["handles record cargo", "brace for a storm", "holds rates", "clear the old souk"], tags: ["Beirut", "Ports"] },
  Energy: { who: ["Oil exports", "A solar farm near Yazd", "Gas prices", "The grid operator"], what: ["rise for a third month", "starts supplying power", "ease before winter", "plans new lines"], tags: ["Oil", "Solar", "Gas"] },
  Markets: { who: ["The rial", "Tehran's stock index", "Gold traders", "Small exporters"], what: ["steadies on the open market", "closes at a high", "see steady demand", "ask for faster customs"], tags: ["Rial", "Stocks", "Trade"] },
  Football: { who: ["Persepolis", "Esteghlal", "The national team", "A teenage striker"], what: ["wins the Tehran derby", "draws at home", "names its squad", "signs a first contract"], tags: ["Derby", "World Cup"] },
  Wrestling: { who: ["The freestyle team", "A Mazandaran club", "Young wrestlers", "The federation"], what: ["takes three golds", "hosts the league final", "train for the Asian games", "opens a new hall"], tags: ["Olympics", "Freestyle"] },
  Film: { who: ["A festival in Shiraz", "A debut from Mashhad", "An old cinema", "A documentary on the Caspian"], what: ["opens with twelve films", "wins the jury prize", "reopens its doors", "tours the provinces"], tags: ["Cinema", "Festival"] },
  Books: { who: ["The Tehran book fair", "A new translation of Hafez", "A village library", "A first novel"], what: ["draws record crowds", "goes on sale", "gets its thousandth book", "tops the lists"], tags: ["Books", "Poetry"] },
  Health: { who: ["Hospitals in the south", "A measles campaign", "Nurses", "A new clinic"], what: ["add intensive-care beds", "reaches every school", "call for shorter shifts", "opens in a mountain town"], tags: ["Hospitals", "Vaccines"] },
  Space: { who: ["A student satellite", "Astronomers in Kashan", "The space agency", "A meteor shower"], what: ["sends its first pictures", "track a comet", "plans a launch", "lights up the desert sky"], tags: ["Satellites", "Astronomy"] },
};

/** A small seeded generator (mulberry32): the same archive for the same seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoPhoto {
  bytes: Buffer;
  alt: string;
}

const PALETTES = [
  ["#1d3557", "#e63946", "#f1faee"],
  ["#264653", "#e9c46a", "#2a9d8f"],
  ["#3d405b", "#f2cc8f", "#81b29a"],
  ["#22223b", "#c9ada7", "#4a4e69"],
  ["#003049", "#f77f00", "#fcbf49"],
  ["#2b2d42", "#8d99ae", "#ef233c"],
  ["#283618", "#dda15e", "#fefae0"],
  ["#0b132b", "#5bc0be", "#3a506b"],
  ["#370617", "#f48c06", "#ffba08"],
  ["#1b4332", "#95d5b2", "#d8f3dc"],
  ["#10002b", "#c77dff", "#e0aaff"],
  ["#432818", "#bb9457", "#ffe6a7"],
];

/** Twelve 1600×900 JPEG "photos": a sky, hills and a sun in one palette each, drawn by sharp from SVG. */
export async function demoPhotos(): Promise<DemoPhoto[]> {
  return Promise.all(
    PALETTES.map(async ([sky, sun, land], i) => {
      const rnd = random(1000 + i);
      const hill = (y: number, colour: string, opacity: number) => {
        const points = Array.from({ length: 9 }, (_, k) => `${k * 200},${Math.round(y + (rnd() - 0.5) * 180)}`).join(" L");
        return `<path d="M0,900 L${points} L1600,900 Z" fill="${colour}" fill-opacity="${opacity}"/>`;
      };
      const svg =
        `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900">` +
        `<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${sky}"/><stop offset="1" stop-color="${land}"/></linearGradient></defs>` +
        `<rect width="1600" height="900" fill="url(#g)"/>` +
        `<circle cx="${300 + Math.round(rnd() * 1000)}" cy="${180 + Math.round(rnd() * 160)}" r="${70 + Math.round(rnd() * 60)}" fill="${sun}"/>` +
        hill(560, land, 0.55) +
        hill(680, sky, 0.5) +
        hill(800, sun, 0.35) +
        `</svg>`;
      const bytes = await sharp(Buffer.from(svg)).jpeg({ quality: 70 }).toBuffer();
      return { bytes, alt: `A drawn landscape in ${["blue", "green", "ochre", "mauve", "orange", "grey", "olive", "teal", "amber", "sage", "violet", "sand"][i]} (sample picture)` };
    }),
  );
}

/** An uploaded photo as the publishing API answered it. */
export interface Uploaded {
  url: string;
  width: number;
  height: number;
  alt: string;
}

/** An article as the publishing API takes it (`PUT /api/v1/articles/<id>`). */
export type DemoArticle = Record<string, unknown> & { id: string; headline: string; published: string };

const MINUTE = 60_000;

/**
 * The archive's stories, newest first, dated back from `now`: the first a few minutes old, then one
 * about every 70 minutes (about three days in all); the last one is scheduled a day ahead. Two in
 * three have a photo; story 5 carries a correction. `photos` are the uploaded pictures, used in turn.
 */
export function demoArticles(now: number, photos: Uploaded[]): DemoArticle[] {
  const rnd = random(36);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const out: DemoArticle[] = [];
  for (let i = 0; i < DEMO_STORIES; i++) {
    const section = SECTIONS[i % SECTIONS.length];
    const topic = TOPICS[section[1]];
    // The subjects and what happened are written in pairs; a subsection's fifth and sixth story take its first two again, said otherwise.
    const round = Math.floor(i / SECTIONS.length);
    const who = topic.who[round % topic.who.length];
    const what = topic.what[round % topic.what.length] + ["", "", "", "", " again", ", officials say"][round];
    const scheduled = i === DEMO_STORIES - 1;
    const at = scheduled ? now + 24 * 60 * MINUTE : now - (7 + i * 70 + Math.floor(rnd() * 20)) * MINUTE;
    const published = new Date(Math.floor(at / MINUTE) * MINUTE).toISOString();
    const photo = i % 3 !== 2 && photos.length > 0 ? photos[i % photos.length] : undefined;
    const authors = i % 7 === 6 ? [] : i % 5 === 0 ? [pick(AUTHORS), pick(AUTHORS)] : [pick(AUTHORS)];
    const place = section[1];
    const paragraphs = [
      `This is sample content from the demo archive, made for trying the site: "${who} ${what}" is not a real report.`,
      `Officials in ${place} said the work had taken longer than planned, and that the next steps would be announced within the week.`,
      `Residents who spoke to our sample reporter described a long wait, and a sense that things were finally moving.`,
      `Figures released on the day suggest the change is larger than last year's, though analysts warn that one month says little.`,
      `Critics argue the plan leaves smaller towns behind; supporters point to the budget set aside for them in the coming year.`,
      `The demo archive has about sixty such stories, so that the front page, the sections and search can be seen as a reader sees them.`,
    ].slice(0, 4 + (i % 3));
    const body: Record<string, unknown>[] = paragraphs.map((text) => ({ type: "paragraph", text }));
    if (photo)
      body.splice(0, 0, {
        type: "figure",
        caption: `${who} (sample picture).`,
        credit: "Demo archive",
        src: photo.url,
        width: photo.width,
        height: photo.height,
        alt: photo.alt,
      });
    if (i % 4 === 1) body.splice(3, 0, { type: "heading", text: "What happens next" });
    const article: DemoArticle = {
      id: String(DEMO_FIRST_ID + i),
      section,
      headline: `${SAMPLE_MARK} ${who} ${what}`,
      description: `A sample story from ${place}: ${who} ${what}, and what comes next.`,
      published,
      language: "en",
      tags: [topic.tags[i % topic.tags.length], ...(i % 2 === 0 ? [pick(topic.tags)] : [])].filter((t, k, all) => all.indexOf(t) === k),
      body,
    };
    if (authors.length) article.authors = [...new Set(authors)].map((name) => ({ name }));
    if (i === 4) {
      article.modified = new Date(at + 45 * MINUTE).toISOString();
      article.corrections = [{ date: article.modified, text: "An earlier version of this sample story gave the wrong day for the announcement." }];
    }
    out.push(article);
  }
  return out;
}
