/**
 * @module
 * What one editor's write does, decided inside the Newsroom's serial queue: its preconditions
 * (RFC 9110 §13.1, resolved to versions), its date, and its commit. `dateModified` only ever moves
 * forward for an article readers can see: a version that gives no `modified`, or one no later than
 * the version readers see (a restored revision), is dated now. Sending the article exactly as it is
 * stored makes no new version.
 */

import { type Article, dateValue, type FieldError, validateArticle } from "../model/schema.ts";
import { type ArticleRow, Articles } from "./articles.ts";
import { type PublicationState, publicationState, revision } from "./history.ts";
import { existingSpelling } from "./sections.ts";

export interface Conditions {
  /** `If-Match` with an entity tag, which the Worker resolved to the version it names: only that version. */
  ifVersion?: number;
  /** `If-Match: *`: only if the article exists. */
  ifPresent?: boolean;
  /** `If-None-Match: *`: only if it does not. */
  ifAbsent?: boolean;
  /** A contributor's write: only over an article that does not exist or is a draft (never one readers see or will see). */
  draftOnly?: boolean;
}

export type EditInput =
  /** `id` null: a new article, named by the Newsroom. */
  | { kind: "upsert"; id: string | null; input: Record<string, unknown>; editor: string }
  | { kind: "delete"; id: string; editor: string }
  | { kind: "restore"; id: string; version: number; editor: string };

export interface Edited {
  status: 200 | 201 | 204;
  id: string;
  /** The new version (null after a removal). */
  article: Article | null;
  previous: Article | null;
  version: number;
  state: PublicationState | null;
  /** The commit that made it (0 when nothing changed), and the KV keys it changed. */
  commit: number;
  keys: string[];
}

export type EditResult = (Edited & { pending: number; timing: string }) | { status: 403 | 404 | 412 } | { status: 422; errors: FieldError[] };

type Transact = <T>(work: (articles: Articles) => Promise<T>) => Promise<{ value: T; commit: number; keys: string[] }>;

function nowSeconds(now: number): string {
  return new Date(Math.floor(now / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

/** The fields with their `modified`: as given when that moves the visible article's date forward, else now. */
function dated(fields: Record<string, unknown>, current: ArticleRow | null, previous: Article | null, now: number, touch: boolean): Record<string, unknown> {
  if (!touch && !current?.listed) return fields;
  const given = typeof fields.modified === "string" ? dateValue(fields.modified) : NaN;
  if (!touch && previous && given > dateValue(previous.modified)) return fields;
  const published = typeof fields.published === "string" ? dateValue(fields.published) : NaN;
  return { ...fields, modified: published > now ? fields.published : nowSeconds(now) };
}

function failedPrecondition(current: ArticleRow | null, c: Conditions): boolean {
  if (c.ifAbsent && current) return true;
  if ((c.ifPresent || c.ifVersion !== undefined) && !current) return true;
  return c.ifVersion !== undefined && current!.version !== c.ifVersion;
}

const listedSection = (row: ArticleRow | null): string[] | null => (row?.listed ? (JSON.parse(row.listed) as Article).section : null);

/** Runs one write: checks, then commits through `transact`. */
export async function edit(
  sql: SqlStorage,
  input: EditInput,
  conditions: Conditions,
  transact: Transact,
): Promise<Edited | { status: 403 | 404 | 412 } | { status: 422; errors: FieldError[] }> {
  const articles = new Articles(sql);
  const id = input.id ?? articles.nextId();
  const current = articles.row(id);
  if (failedPrecondition(current, conditions)) return { status: 412 };
  if (conditions.draftOnly && (input.kind !== "upsert" || (current && current.status !== "draft"))) return { status: 403 };
  const previous = current ? (JSON.parse(current.data) as Article) : null;
  const now = Date.now();

  if (input.kind === "delete") {
    if (!current) return { status: 404 };
    const { value, commit, keys } = await transact((a) => a.remove([current], input.editor, "api", now));
    return { status: 204, id, article: null, previous, version: value[0], state: null, commit, keys };
  }

  let fields: Record<string, unknown>;
  if (input.kind === "restore") {
    const old = revision(sql, id, input.version);
    if (!old?.article) return { status: 404 };
    const { modified: _, ...rest } = old.article;
    fields = rest;
  } else fields = input.input;

  if (input.kind === "upsert" && current && previous) {
    // The article exactly as stored (undated means its current date): no new version.
    const same = validateArticle({ ...fields, id, modified: fields.modified ?? previous.modified });
    if (same.ok && JSON.stringify({ ...same.value, section: existingSpelling(sql, same.value.section, listedSection(current)) }) === current.data)
      return { status: 200, id, article: previous, previous, version: current.version, state: publicationState(current, now), commit: 0, keys: [] };
  }

  const checked = validateArticle({ ...dated(fields, current, previous, now, input.kind === "restore"), id });
  if (!checked.ok) return { status: 422, errors: checked.errors };
  const article = { ...checked.value, section: existingSpelling(sql, checked.value.section, listedSection(current)) };
  const { value, commit, keys } = await transact((a) => a.upsert([{ article, current, origin: "api" }], input.editor, now));
  const state = publicationState({ status: article.status ?? "published", publish_at: dateValue(article.published) }, now);
  return { status: current ? 200 : 201, id, article, previous, version: value[0], state, commit, keys };
}
