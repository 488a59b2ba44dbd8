/**
 * @module
 * The desk's calls: the same API as apps and curl, authenticated by the desk session's cookie
 * (`SameSite=Strict`, so only pages of this origin send it) and, for every state-changing request,
 * the session's CSRF token in `X-CSRF-Token`. A missing session sends the editor to sign-in.
 */

export interface Who {
  name: string;
  role: "editor" | "contributor";
  csrf: string;
}

export interface Answer<T = unknown> {
  status: number;
  ok: boolean;
  data: T;
  headers: Headers;
}

let who: Who | null = null;

/** The signed-in editor (asked once per page); without a session, off to sign-in. */
export async function session(): Promise<Who> {
  if (who) return who;
  const res = await fetch("/desk/api/session", { headers: { Accept: "application/json" }, credentials: "same-origin" });
  if (res.status === 401) {
    location.assign(`/desk/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`);
    throw new Error("not signed in");
  }
  who = (await res.json()) as Who;
  return who;
}

/** A call to the API. `body` is sent as JSON unless it is a Blob (a photo). */
export async function call<T = unknown>(method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { Accept: "application/json", ...options.headers };
  if (method !== "GET" && method !== "HEAD") headers["X-CSRF-Token"] = (await session()).csrf;
  let body: BodyInit | undefined;
  if (options.body instanceof Blob) {
    body = options.body;
    headers["Content-Type"] = options.body.type || "application/octet-stream";
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["Content-Type"] = "application/json";
  }
  const res = await fetch(path, { method, headers, body, credentials: "same-origin" });
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = text;
  }
  return { status: res.status, ok: res.ok, data: data as T, headers: res.headers };
}

interface Problem {
  title?: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}

/** What a refused call says, for the editor: the detail, and each field with its message. */
export function problemText(answer: Answer): string {
  const p = (answer.data ?? {}) as Problem;
  const fields = (p.errors ?? []).map((e) => `${e.field}: ${e.message}`);
  return [p.detail ?? p.title ?? `The server answered ${answer.status}.`, ...fields].join(" ");
}

/** An article as the editor's view answers it (`GET /api/v1/articles/<id>?preview=1`). */
export interface EditorView {
  id: string;
  url: string;
  headline: string;
  status: "draft" | "published";
  scheduled: boolean;
  publishAt?: string;
  datePublished: string;
  version: number;
  editor: string;
  changed: string;
  etag: string;
  source: import("./article-text.ts").StoredArticle;
  /** This editor's autosaved working copy, when there is one. */
  workingCopy?: { version: number; etag: string; text: Record<string, string>; saved: string };
}

export async function editorView(id: string): Promise<Answer<EditorView>> {
  return call<EditorView>("GET", `/api/v1/articles/${encodeURIComponent(id)}?preview=1`);
}

export interface Vocabulary {
  sections: string[][];
  authors: { name: string; url?: string }[];
  tags: string[];
}

let words: Promise<Vocabulary> | undefined;

/** The sections, bylines and tags the stories use (drafts too), once per page. */
export function vocabulary(): Promise<Vocabulary> {
  words ??= call<Vocabulary>("GET", "/desk/api/vocabulary").then((a) => (a.ok ? a.data : { sections: [], authors: [], tags: [] }));
  return words;
}

interface SectionNode {
  name: string;
  sections?: SectionNode[];
}

/**
 * Every section the stories use, as names joined by ` / ` (`News / Iran`), sorted: the site's public
 * ones (`/api/v1/sections`) and those only drafts or scheduled stories use yet, and each one's parents.
 */
export function sectionNames(): Promise<string[]> {
  sections ??= readSections();
  return sections;
}

let sections: Promise<string[]> | undefined;

async function readSections(): Promise<string[]> {
  const [answer, known] = await Promise.all([call<{ sections: SectionNode[] }>("GET", "/api/v1/sections"), vocabulary()]);
  const names = new Set<string>();
  const walk = (nodes: SectionNode[], above: string[]) => {
    for (const n of nodes) {
      names.add([...above, n.name].join(" / "));
      walk(n.sections ?? [], [...above, n.name]);
    }
  };
  if (answer.ok) walk(answer.data.sections, []);
  for (const section of known.sections) section.forEach((_, i) => names.add(section.slice(0, i + 1).join(" / ")));
  return [...names].sort((a, b) => a.localeCompare(b));
}

export async function signOut(): Promise<void> {
  await call("POST", "/desk/api/sign-out");
  location.assign("/desk/sign-in");
}
