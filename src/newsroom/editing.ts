/**
 * @module
 * What one editor's write does, decided inside the Newsroom's serial queue: its preconditions
 * (RFC 9110 §13.1, resolved to versions), its date, and its commit. `dateModified` only ever moves
 * forward for an article readers have seen: a version that gives no `modified`, or one no later than
 * the version readers saw last (a restored revision, a draft republished, a removed id written again),
 * is dated now. Sending the article exactly as it is stored makes no new version.
 */

import { type Article, dateValue, type FieldError, validateArticle } from "../shared/model/schema.ts";
import { type ArticleRow, Articles } from "./articles.ts";
import { publicationState, revision } from "./history.ts";
import { existingSpelling } from "./sections.ts";
import type { Conditions, Edited } from "../shared/newsroom-api.ts";
import { tagOf } from "./version-tag.ts";
import { dropCopy } from "./working-copy.ts";
import { applyLiveChange, keptLive, type LiveChange, type LiveRefusal } from "./live-updates.ts";

export type EditInput =
  /** `id` null: a new article, named by the Newsroom. */
  | { kind: "upsert"; id: string | null; input: Record<string, unknown>; editor: string }
  | { kind: "delete"; id: string; editor: string }
  /** `status`: what the restored version is (else the story's state now; a removed story's: a draft). */
  | { kind: "restore"; id: string; version: number; editor: string; status?: string }
  /** A live story's update posted, edited or deleted (live-updates.ts): the article's next version. */
  | { kind: "live"; id: string; change: LiveChange; editor: string };

type Transact = <T>(work: (articles: Articles) => Promise<T>) => Promise<{ value: T; commit: number; keys: string[] }>;

function nowSeconds(now: number): string {
  return new Date(Math.floor(now / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

/**
 * The latest `modified` of an article's earlier versions, if readers have ever seen it (its change log
 * has a public change) and do not see it now: a draft or a removed article coming back. Else null.
 */
function seenBefore(sql: SqlStorage, id: string, current: ArticleRow | null): number | null {
  if (current?.listed) return null;
  if (sql.exec("SELECT 1 FROM change WHERE id = ? AND public = 1 LIMIT 1", id).toArray().length === 0) return null;
  const dates = sql.exec<{ m: string | null }>("SELECT json_extract(data, '$.modified') AS m FROM revision WHERE id = ? AND kind = 'upsert'", id).toArray();
  return Math.max(...dates.map((r) => (r.m ? dateValue(r.m) : NaN)).filter((t) => !Number.isNaN(t)), 0);
}

/**
 * The fields with their `modified`: as given when that moves the date readers last saw forward, else
 * now. That date is the visible version's, or (`seen`) the latest of an article readers saw before, so
 * a draft republished or a removed id written again is never dated back to `published`.
 */
function dated(fields: Record<string, unknown>, current: ArticleRow | null, previous: Article | null, seen: number | null, now: number, touch: boolean) {
  if (!touch && !current?.listed && seen === null) return fields;
  const given = typeof fields.modified === "string" ? dateValue(fields.modified) : NaN;
  const floor = current?.listed && previous ? dateValue(previous.modified) : seen;
  if (!touch && floor !== null && given > floor) return fields;
  const published = typeof fields.published === "string" ? dateValue(fields.published) : NaN;
  return { ...fields, modified: published > now ? fields.published : nowSeconds(now) };
}

async function failedPrecondition(current: ArticleRow | null, c: Conditions): Promise<boolean> {
  if (c.ifAbsent && current) return true;
  if ((c.ifPresent || c.ifVersion !== undefined || c.ifTags) && !current) return true;
  if (c.ifVersion !== undefined && current!.version !== c.ifVersion) return true;
  return c.ifTags !== undefined && !c.ifTags.includes(await tagOf(JSON.parse(current!.data) as Article));
}

const listedSection = (row: ArticleRow | null): string[] | null => (row?.listed ? (JSON.parse(row.listed) as Article).section : null);

/**
 * A write without `published` keeps the story's publication time, or takes the time of the save; a
 * draft saved so is `undated` (its time not chosen), and its placeholder time is kept until it is.
 */
function withTime(fields: Record<string, unknown>, previous: Article | null, now: number): Record<string, unknown> {
  if (fields.published !== undefined) return fields;
  const draft = fields.status === "draft";
  const keep = previous !== null && (previous.undated ? draft : previous.status !== "draft");
  return { ...fields, published: keep ? previous.published : nowSeconds(now), ...(draft && !(keep && !previous.undated) && { undated: true }) };
}

/** The restored revision's text in the story's state (or `status`); a removed story's state is a draft. */
function restored(old: Article, previous: Article | null, status: string | undefined, now: number): Record<string, unknown> {
  const { modified: _, status: __, undated: ___, published, ...rest } = old;
  const draft = (status ?? (previous ? (previous.status ?? "published") : "draft")) === "draft";
  const time = !draft && previous?.undated ? nowSeconds(now) : (previous ?? old).published;
  return { ...rest, published: time, ...(draft && { status: "draft", undated: previous?.undated }) };
}

/** Runs one write: checks, then commits through `transact`. */
export async function edit(
  sql: SqlStorage,
  input: EditInput,
  conditions: Conditions,
  transact: Transact,
): Promise<Edited | { status: 403 | 404 | 412 } | LiveRefusal | { status: 422; errors: FieldError[] }> {
  const articles = new Articles(sql);
  const id = input.id ?? articles.nextId();
  const current = articles.row(id);
  const previous = current ? (JSON.parse(current.data) as Article) : null;
  const now = Date.now();
  let fields = input.kind === "upsert" ? withTime(keptLive(input.input, previous), previous, now) : {};
  if (await failedPrecondition(current, conditions)) return { status: 412 };
  const drafting = input.kind === "upsert" || input.kind === "live";
  if (conditions.draftOnly && (!drafting || (current && current.status !== "draft"))) return { status: 403 };
  let n: number | undefined;
  if (input.kind === "live") {
    if (!previous) return { status: 404 };
    const applied = applyLiveChange(previous, input.change, now);
    if (!("fields" in applied)) return applied;
    ({ fields, n } = applied);
  }

  if (input.kind === "delete") {
    if (!current) return { status: 404 };
    const { value, commit, keys } = await transact(async (a) => {
      dropCopy(sql, id, null);
      return a.remove([current], input.editor, "api", now);
    });
    return { status: 204, id, article: null, previous, version: value[0], tag: "", state: null, commit, keys };
  }

  if (input.kind === "restore") {
    if (input.status && !/^(draft|published)$/.test(input.status))
      return { status: 422, errors: [{ field: "status", message: 'must be "draft" or "published"' }] };
    const old = revision(sql, id, input.version);
    if (!old?.article) return { status: 404 };
    fields = keptLive(restored(old.article, previous, input.status, now), previous);
  }

  if (input.kind === "upsert" && current && previous) {
    // The article exactly as stored (undated means its current date): no new version.
    const same = validateArticle({ ...fields, id, modified: fields.modified ?? previous.modified });
    if (same.ok && JSON.stringify({ ...same.value, section: existingSpelling(sql, same.value.section, listedSection(current)) }) === current.data)
      return {
        status: 200,
        id,
        article: previous,
        previous,
        version: current.version,
        tag: await tagOf(previous),
        state: publicationState(current, now),
        commit: 0,
        keys: [],
      };
  }

  const seen = input.kind === "restore" ? null : seenBefore(sql, id, current);
  const checked = validateArticle({ ...dated(fields, current, previous, seen, now, input.kind === "restore"), id });
  if (!checked.ok) return { status: 422, errors: checked.errors };
  const article = { ...checked.value, section: existingSpelling(sql, checked.value.section, listedSection(current)) };
  const { value, commit, keys } = await transact((a) => {
    dropCopy(sql, id, input.editor);
    return a.upsert([{ article, current, origin: "api" }], input.editor, now);
  });
  const state = publicationState({ status: article.status ?? "published", publish_at: dateValue(article.published) }, now);
  const status = input.kind === "live" ? (input.change.kind === "post" ? 201 : input.change.kind === "edit" ? 200 : 204) : current ? 200 : 201;
  return { status, id, article, previous, version: value[0], tag: await tagOf(article), state, commit, keys, ...(n !== undefined && { n }) };
}
