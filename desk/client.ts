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

interface SectionNode {
  path: string;
  sections?: SectionNode[];
}

/** Every section path the site has (`News/Iran`), parents before their subsections, from `/api/v1/sections`. */
export async function sectionPaths(): Promise<string[]> {
  const answer = await call<{ sections: SectionNode[] }>("GET", "/api/v1/sections");
  const paths: string[] = [];
  const walk = (nodes: SectionNode[]) => {
    for (const n of nodes) {
      paths.push(n.path);
      walk(n.sections ?? []);
    }
  };
  if (answer.ok) walk(answer.data.sections);
  return paths;
}

export async function signOut(): Promise<void> {
  await call("POST", "/desk/api/sign-out");
  location.assign("/desk/sign-in");
}
