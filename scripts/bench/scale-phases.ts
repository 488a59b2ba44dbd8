/**
 * @module
 * The pieces of `npm run bench:scale`'s phases: which paths readers ask for (by popularity), and the
 * service's own metrics totals between two moments.
 */

import { createRequire } from "node:module";
import os from "node:os";
import type { Article } from "../../src/shared/model/schema.ts";
import { sectionSlug } from "../../src/shared/model/index-tree.ts";
import { articlePath } from "../../src/shared/model/paths.ts";
import { random, SECTIONS } from "./generate.ts";
import { join } from "node:path";
import type { MixJob } from "./mix.ts";
import { get, type Instance, type Totals } from "./workerd.ts";

/** Article paths in order of popularity (a seeded shuffle, so the most read are spread over the archive), and the listings and feeds. */
export function readingPaths(articles: Article[]): { paths: string[]; listings: string[] } {
  // Popularity: a seeded shuffle, so the most read articles are spread over the archive.
  const rnd = random(11);
  const paths = articles.map(articlePath);
  for (let i = paths.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [paths[i], paths[j]] = [paths[j], paths[i]];
  }
  const sectionPaths = [
    ...new Set(
      SECTIONS.flatMap((s) =>
        s.map(
          (_, i) =>
            "/" +
            s
              .slice(0, i + 1)
              .map(sectionSlug)
              .join("/"),
        ),
      ),
    ),
  ];
  const listings = ["/", "/?page=2", "/rss.xml", "/atom.xml", "/sitemap.xml", ...sectionPaths, ...sectionPaths.map((p) => p + "/rss.xml")];
  return { paths, listings };
}

/** The service's metrics totals now: wait for the sink's next line, prompted by one request. */
export async function totalsOf(instance: Instance): Promise<Totals> {
  await new Promise((r) => setTimeout(r, 250));
  // An unknown host: a 421, whose data point is always written (cache hits are sampled), so the sink prints.
  await get(instance.origin, "/robots.txt", { host: "metrics-prompt.invalid" });
  await new Promise((r) => setTimeout(r, 250));
  const t = instance.metrics?.();
  if (!t) throw new Error("the service printed no METRICS line");
  return t;
}
export const diffTotals = (a: Totals, b: Totals): Totals => {
  const sub = (x: Record<string, number>, y: Record<string, number>) =>
    Object.fromEntries(
      Object.entries(x)
        .map(([k, v]) => [k, v - (y[k] ?? 0)])
        .filter(([, v]) => (v as number) > 0),
    );
  return {
    points: a.points - b.points,
    requests: a.requests - b.requests,
    kvReads: a.kvReads - b.kvReads,
    layers: sub(a.layers, b.layers),
    byRepresentation: sub(a.byRepresentation, b.byRepresentation),
    statuses: sub(a.statuses, b.statuses),
  };
};

/** The read mix scripts/bench/mix.ts drives, as the results name it. */
export const MIX = "60% article HTML, 20% article JSON, 10% listings/feeds, 5% revalidations, 3% redirect host, 2% mirror host";

/** The machine and the runtime a result was measured on. */
export function machine() {
  const require = createRequire(import.meta.url);
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    miniflare: require("miniflare/package.json").version,
    workerd: require("workerd/package.json").version,
  };
}

/** The job of one phase of the read mix against `instance` (the mirror host is the same socket by another name). */
export function mixJob(
  instance: Instance,
  o: { paths: string[]; listings: string[]; redirectHost: string; zipfS: number; connections: number; persist: string },
  duration: number,
  seed: number,
): MixJob {
  return {
    origin: instance.origin,
    articles: o.paths,
    listings: o.listings,
    redirectHost: o.redirectHost,
    mirrorHost: instance.origin.replace("http://127.0.0.1", "localhost"),
    zipfS: o.zipfS,
    seed,
    connections: o.connections,
    duration,
    seen: join(o.persist, `seen-${instance.name}.json`),
  };
}
