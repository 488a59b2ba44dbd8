/**
 * @module
 * Telling the world (issue 38): IndexNow for the canonical URLs of articles whose public page changed
 * (published, corrected, updated, taken down — IndexNow wants removed URLs too) and a WebSub publisher
 * ping for each feed that changed. Both are off by default (site.toml `[indexnow]`, `[websub]`).
 * The commit's own transaction only queues the URLs in SQLite (`enqueue`), so a write's answer never
 * waits for a ping and no committed change can miss its ping; the Newsroom's one alarm (alarm.ts)
 * sends them after a short coalescing delay (a burst of publishes is one IndexNow POST), outside the
 * alarm's own work (`step` runs in `waitUntil`). A 429, a 5xx or a network error is retried with
 * exponential back-off, then dropped with a log line; outcomes are counted (`status`).
 */

import { ARTICLE_PREFIX } from "../shared/model/documents.ts";
import { INDEX_PREFIX } from "../shared/model/index-tree.ts";
import { articlePath } from "../shared/model/paths.ts";
import type { Article } from "../shared/model/schema.ts";

/** What the Newsroom Worker's `[vars]` say (newsroom.wrangler.toml, written by `npm run site`). */
export interface PingsEnv {
  CANONICAL_ORIGIN?: string;
  /** Empty (the default): no IndexNow. */
  INDEXNOW_KEY?: string;
  INDEXNOW_ENDPOINT?: string;
  /** Empty (the default): no WebSub. */
  WEBSUB_HUB?: string;
}

export interface PingConfig {
  origin: string;
  key: string;
  endpoint: string;
  hub: string;
  /** How long a queued URL waits for others to share its request. */
  delayMs: number;
  /** The first retry's wait; each next one waits twice as long. */
  backoffMs: number;
  /** Attempts before a URL is dropped. */
  attempts: number;
}

/** IndexNow's key: 8 to 128 of a-z, A-Z, 0-9 and `-` (https://www.indexnow.org/documentation). */
export const INDEXNOW_KEY_FORMAT = /^[a-zA-Z0-9-]{8,128}$/;
export const DEFAULT_INDEXNOW_ENDPOINT = "https://api.indexnow.org/indexnow";
/** IndexNow takes at most 10,000 URLs a request. */
export const INDEXNOW_BATCH = 10_000;
/** A sent URL is left alone this long (a step in flight, or one lost with its isolate, is retried after it). */
const LEASE_MS = 60_000;
const TIMEOUT_MS = 10_000;

export function pingConfig(env: PingsEnv): PingConfig {
  const key = env.INDEXNOW_KEY ?? "";
  return {
    origin: env.CANONICAL_ORIGIN ?? "",
    key: INDEXNOW_KEY_FORMAT.test(key) ? key : "",
    endpoint: env.INDEXNOW_ENDPOINT || DEFAULT_INDEXNOW_ENDPOINT,
    hub: env.WEBSUB_HUB ?? "",
    delayMs: 3_000,
    backoffMs: 5_000,
    attempts: 5,
  };
}

type Kind = "indexnow" | "websub";
type Outcome = "sent" | "retried" | "dropped" | "rejected";

export interface PingStatus {
  /** URLs waiting, by kind. */
  pending: Record<Kind, number>;
  /** Requests by `<kind>.<outcome>` (`sent`, `retried`, `dropped` after the last attempt, `rejected`: a 4xx), and `<kind>.urls` sent. */
  counts: Record<string, number>;
}

export const PINGS_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS ping (kind TEXT NOT NULL, url TEXT NOT NULL, added INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
     next_at INTEGER, PRIMARY KEY (kind, url))`,
  "CREATE TABLE IF NOT EXISTS ping_count (name TEXT PRIMARY KEY, n INTEGER NOT NULL)",
];

type Row = { url: string; attempts: number };

export class Pings {
  config: PingConfig;
  private readonly storage: DurableObjectStorage;

  constructor(storage: DurableObjectStorage, env: PingsEnv) {
    this.storage = storage;
    this.config = pingConfig(env);
    for (const statement of PINGS_SCHEMA) storage.sql.exec(statement);
  }

  private get sql(): SqlStorage {
    return this.storage.sql;
  }

  /** Inside a commit's transaction: queues what its KV `keys` (`value`: each one's new value, null when deleted) change for the world. */
  enqueue(keys: Iterable<string>, value: (key: string) => string | null, now = Date.now()): void {
    const { origin, key, hub } = this.config;
    if (!origin || (!key && !hub)) return;
    for (const k of keys) {
      if (key && k.startsWith(ARTICLE_PREFIX)) {
        const path = this.pathOf(k.slice(ARTICLE_PREFIX.length), value(k));
        if (path) this.add("indexnow", origin + path, now);
      } else if (hub && k.startsWith(INDEX_PREFIX) && k.endsWith(":meta")) {
        // A listing changed: its feeds did. The site's and the sections' (named by hash or by `@`: none of ours).
        const scope = k.slice(INDEX_PREFIX.length, -":meta".length);
        if (scope.startsWith("#") || scope.startsWith("@")) continue;
        for (const format of ["rss", "atom"]) this.add("websub", `${origin}${scope === "all" ? "" : `/${scope}`}/${format}.xml`, now);
      }
    }
  }

  /** The article's canonical path: from its new record, or (taken down: its row is gone) from its last revision with a text. */
  private pathOf(id: string, value: string | null): string | null {
    try {
      const data =
        value ??
        this.sql.exec<{ data: string }>("SELECT data FROM revision WHERE id = ? AND data IS NOT NULL ORDER BY version DESC LIMIT 1", id).toArray()[0]?.data;
      return data ? articlePath(JSON.parse(data) as Article) : null;
    } catch {
      return null;
    }
  }

  private add(kind: Kind, url: string, now: number): void {
    this.sql.exec("INSERT INTO ping (kind, url, added) VALUES (?, ?, ?) ON CONFLICT (kind, url) DO NOTHING", kind, url, now);
  }

  /** The alarm's offer (alarm.ts): when the first queued URL is due. */
  due(): number | null {
    return this.sql.exec<{ at: number | null }>("SELECT min(coalesce(next_at, added + ?)) AS at FROM ping", this.config.delayMs).one().at;
  }

  /** Sends what is due: one IndexNow request (up to 10,000 URLs) and a WebSub ping per feed; then offers the alarm the next due time. */
  async step(now = Date.now()): Promise<void> {
    const { key, hub, origin, endpoint } = this.config;
    // Turned off since they were queued: forgotten.
    if (!key) this.sql.exec("DELETE FROM ping WHERE kind = 'indexnow'");
    if (!hub) this.sql.exec("DELETE FROM ping WHERE kind = 'websub'");
    const urls = key ? this.take("indexnow", INDEXNOW_BATCH, now) : [];
    const feeds = hub ? this.take("websub", 100, now) : [];
    const sends: Promise<void>[] = [];
    if (urls.length) {
      const host = new URL(origin).host;
      const body = JSON.stringify({ host, key, keyLocation: `${origin}/${key}.txt`, urlList: urls.map((r) => r.url) });
      sends.push(this.send("indexnow", urls, () => post(endpoint, "application/json; charset=utf-8", body)));
    }
    for (const feed of feeds) {
      const body = new URLSearchParams({ "hub.mode": "publish", "hub.url": feed.url }).toString();
      sends.push(this.send("websub", [feed], () => post(hub, "application/x-www-form-urlencoded", body)));
    }
    await Promise.all(sends);
    const at = this.due();
    const current = await this.storage.getAlarm();
    if (at !== null && (current === null || current > at)) await this.storage.setAlarm(at);
  }

  /** The due URLs of `kind`, oldest first, leased (set aside for LEASE_MS) before any request goes. */
  private take(kind: Kind, limit: number, now: number): Row[] {
    const rows = this.sql
      .exec<Row>(
        "SELECT url, attempts FROM ping WHERE kind = ? AND coalesce(next_at, added + ?) <= ? ORDER BY added LIMIT ?",
        kind,
        this.config.delayMs,
        now,
        limit,
      )
      .toArray();
    for (const r of rows) this.sql.exec("UPDATE ping SET next_at = ? WHERE kind = ? AND url = ?", now + LEASE_MS, kind, r.url);
    return rows;
  }

  private async send(kind: Kind, rows: Row[], request: () => Promise<Response>): Promise<void> {
    let status = 0;
    let error: string | undefined;
    try {
      const res = await request();
      status = res.status;
      await res.body?.cancel();
    } catch (err) {
      error = String(err);
    }
    const transient = status === 0 || status === 429 || status >= 500;
    const at = Date.now();
    let outcome: Outcome = status >= 200 && status < 300 ? "sent" : transient ? "retried" : "rejected";
    let dropped = 0;
    for (const r of rows) {
      const attempts = r.attempts + 1;
      if (outcome === "retried" && attempts < this.config.attempts)
        this.sql.exec(
          "UPDATE ping SET attempts = ?, next_at = ? WHERE kind = ? AND url = ?",
          attempts,
          at + this.config.backoffMs * 2 ** (attempts - 1),
          kind,
          r.url,
        );
      else {
        if (outcome === "retried") dropped++;
        this.sql.exec("DELETE FROM ping WHERE kind = ? AND url = ?", kind, r.url);
      }
    }
    if (dropped === rows.length) outcome = outcome === "retried" ? "dropped" : outcome;
    this.count(`${kind}.${outcome}`, 1);
    if (outcome === "sent") this.count(`${kind}.urls`, rows.length);
    const line = JSON.stringify({ level: outcome === "sent" ? "info" : "warn", event: `${kind} ping ${outcome}`, status, urls: rows.length, error });
    if (outcome === "sent") console.log(line);
    else console.warn(line);
  }

  private count(name: string, n: number): void {
    this.sql.exec("INSERT INTO ping_count (name, n) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET n = n + excluded.n", name, n);
  }

  status(): PingStatus {
    const pending = { indexnow: 0, websub: 0 };
    for (const r of this.sql.exec<{ kind: Kind; n: number }>("SELECT kind, count(*) AS n FROM ping GROUP BY kind")) pending[r.kind] = r.n;
    const counts: Record<string, number> = {};
    for (const r of this.sql.exec<{ name: string; n: number }>("SELECT name, n FROM ping_count")) counts[r.name] = r.n;
    return { pending, counts };
  }
}

function post(url: string, type: string, body: string): Promise<Response> {
  return fetch(url, { method: "POST", headers: { "Content-Type": type }, body, signal: AbortSignal.timeout(TIMEOUT_MS) });
}
