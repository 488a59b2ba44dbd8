/**
 * @module
 * Every freshness number the service uses, each named once: how long each cache layer trusts a
 * copy, what KV and the Cache API are asked to keep, the margins renewal allows for KV's delays, and
 * the `Cache-Control` of every kind of response (RFC 9111, RFC 5861). Readers, the Newsroom and the
 * routes import these; no other module writes a TTL or a `Cache-Control`. The README's promises are
 * pinned by tests that state the values as literals, so a change here fails a test until the docs
 * change with it (docs/caching.md).
 */

// ---------------------------------------------------------------------------------------------
// The layers a read looks in (milliseconds)

/** This isolate's memory trusts a finished copy, a memo (menu, listing heads, article records) and a purge record this long. */
export const ISOLATE_TTL = 10_000;
/** This location's Cache API copy is trusted this long. */
export const EDGE_TTL = 30_000;
/** A missing article is remembered this briefly in the isolate, so a newly published one shows up soon. */
export const MISS_TTL = 5_000;
/** How long the Cache API keeps a copy (seconds), as a fallback for when KV fails. */
export const EDGE_KEEP_SECONDS = 86_400;
/** How long the Cache API keeps a purge record (seconds): longer than any copy it judges. */
export const PURGE_KEEP_SECONDS = 2 * EDGE_KEEP_SECONDS;
/** What the Cache API is told of a copy it keeps, and of a purge record. */
export const EDGE_COPY_CACHE = `public, max-age=${EDGE_KEEP_SECONDS}`;
export const PURGE_RECORD_CACHE = `public, max-age=${PURGE_KEEP_SECONDS}`;

// ---------------------------------------------------------------------------------------------
// KV (`cacheTtl` and `expirationTtl` are seconds)

/** KV's own edge cache for records, roots and documents; KV caches misses too, and 60 is its minimum. */
export const READ_CACHE_TTL = 60;
/** Index nodes never change once written, so KV may cache them far longer. */
export const NODE_CACHE_TTL = 3_600;
/** A replaced index node stays readable this long for readers that still hold an older root. */
export const GARBAGE_TTL = 86_400;
/** A KV read slower than this is a failure: a cached copy or a 503 instead of waiting. */
export const READ_TIMEOUT_MS = 3_000;
/** The write log is read with a shorter timeout: without it a copy is rebuilt, which is never wrong. */
export const LOG_READ_TIMEOUT_MS = 1_000;

// ---------------------------------------------------------------------------------------------
// Renewal by the write log (cache/renewal.ts, write/write-log.ts)

/**
 * How much older than a read now the values a copy was built from may be: KV's 60 s propagation and
 * 60 s read cache, 10 s a memo may hold a value before the build, 10 s for the copy of the log a memo
 * was renewed by, 10 s for clocks.
 */
export const KV_LAG_MS = 150_000;
/** A copy is renewed at most this long after it was built: it bounds how long pages of a previous deploy are served. */
export const RENEW_MAX_MS = 5 * 60_000;
/** The log lists completed writes this long: longer than `RENEW_MAX_MS` plus `KV_LAG_MS`. */
export const WRITE_LOG_WINDOW_MS = 10 * 60_000;

// ---------------------------------------------------------------------------------------------
// The change channel (cache/channel.ts, read-model/channel-log.ts)

/** A location asks the channel at most this often: the Cache API holds each answer for one such period. */
export const CHANNEL_POLL_MS = 1_000;
/** An answer the Newsroom does not give within this long counts as the channel being down (readers keep today's bound). */
export const CHANNEL_TIMEOUT_MS = 3_000;
/**
 * The longest a request waits for its isolate to catch up (cache/channel.ts), by a timer of its own: a poll's
 * timeout and one poll period. Work another request started and never settles (that request was cancelled, and
 * its I/O with it) is given up after this long, so it neither holds the requests waiting on it nor the next poll.
 */
export const CHANNEL_WAIT_MS = CHANNEL_TIMEOUT_MS + CHANNEL_POLL_MS;
/**
 * An isolate serves what it learned from the channel only this long after the Newsroom gave the newest answer it
 * applied (two poll periods); past it, a request first catches up (cache/channel.ts), as a value learned before an
 * idle gap may be older than what the location's KV holds by then.
 */
export const CHANNEL_TRUST_MS = 2 * CHANNEL_POLL_MS;
/** The channel keeps, and a reader builds from, a change's values this long: until KV has surely caught up everywhere. */
export const CHANNEL_WINDOW_MS = KV_LAG_MS;
/**
 * A poll's answer holds the keys changed in this last while (`ChannelAnswer.from`): a busy isolate polls every period,
 * so three periods leave room for a late one. An isolate that has not polled for longer (new, or idle) reads the whole
 * window once, also coalesced through the Cache API.
 */
export const CHANNEL_RECENT_MS = 3 * CHANNEL_POLL_MS;
/** What the Cache API is told of a channel answer (one poll period, rounded up). */
export const CHANNEL_ANSWER_CACHE = "public, max-age=2";
/** The location's latest answer, which a new isolate learns before its first answer: as long as its entries matter. */
export const CHANNEL_LATEST_CACHE = `public, max-age=${CHANNEL_WINDOW_MS / 1000}`;

// ---------------------------------------------------------------------------------------------
// What responses tell browsers and shared caches

/**
 * Articles: every browser and shared cache revalidates before each use (`no-cache`), which the ETag
 * answers with a 304 and no body, so a correction or takedown the edge serves is what a returning
 * reader sees; no `stale-while-revalidate` (Chromium would show the old page once more), and a copy
 * may stand in a day if the origin fails.
 */
export const ARTICLE_CACHE = "public, no-cache, stale-if-error=86400";
/** Listings, feeds, sitemaps, robots.txt and the API's documents: a browser keeps them 5 s (a reload in a burst costs nothing), then revalidates. */
export const LISTING_CACHE = "public, max-age=5, stale-if-error=86400";
/** `/api/v1/banner` (issue 38): revalidated after 5 s like a listing, but never kept past an error, which could outlive the banner's expiry. */
export const BANNER_CACHE = "public, max-age=5";
/**
 * A live story's updates (`…/updates?since=`, issue 38), which its page's script and apps poll every 2 s:
 * browsers revalidate each time (`max-age=0`, answered 304 by the ETag), a shared cache in front may keep
 * an answer 1 s, so a location's readers cost the Worker about one request a second. The Worker's own
 * layers keep it as the article page, fresh by the same purge (the article's record): an update reaches
 * them as fast as a correction does.
 */
export const LIVE_UPDATES_CACHE = "public, max-age=0, s-maxage=1, stale-if-error=60";
/** A 404: short, so an article published after a miss appears within a minute. */
export const MISS_CACHE = "public, max-age=30, s-maxage=60";
/** A removed article's 410: as short as a 404's, so an article restored by its editors is back as soon. */
export const GONE_CACHE = MISS_CACHE;
/** A redirect that only the host table decides. */
export const REDIRECT_CACHE = "public, max-age=3600";
/**
 * A redirect to an article's canonical path, which a slug or date correction changes: kept short, or
 * a browser holding "new → old" from a cache that had not seen the correction yet could loop.
 */
export const CONTENT_REDIRECT_CACHE = "public, max-age=60";
/** Site furniture (icons, manifest): a day. */
export const FURNITURE_CACHE = "public, max-age=86400";
/** Photos and renditions are named by their bytes: a year, immutable. */
export const MEDIA_CACHE = "public, max-age=31536000, immutable";
/** The web fonts (public/assets/fonts/) are named by their bytes too: a new subset is a new URL. */
export const FONT_CACHE = MEDIA_CACHE;
/** Errors that must not be kept (405, 406, 5xx). */
export const NO_STORE = "no-store";
/** Editors' answers, previews and the desk: theirs alone, never stored by any cache. */
export const PRIVATE = "private, no-store";

// ---------------------------------------------------------------------------------------------
// The desk's sessions (src/reader/auth/, src/newsroom/desk-sessions.ts)

/** A desk session ends this long after sign-in (seconds), however active: its absolute lifetime (OWASP ASVS V3.3). */
export const DESK_SESSION_SECONDS = 12 * 3600;
/** The sign-in form's CSRF token (its pre-session cookie) lasts this long (seconds). */
export const DESK_SIGN_IN_SECONDS = 30 * 60;
/**
 * An isolate trusts the Newsroom's answer about a session this long (ms): a sign-out in another
 * isolate ends the session here within it (the isolate that signs out forgets at once). A removed
 * token and a role change take effect on the next request, since both are read from the configuration.
 */
export const DESK_SESSION_CHECK_MS = 30_000;

/** How long a browser may cache a CORS preflight's answer (seconds). */
export const PREFLIGHT_MAX_AGE_SECONDS = 86_400;
/** `Strict-Transport-Security` from the canonical host: a year. */
export const HSTS = "max-age=31536000";
