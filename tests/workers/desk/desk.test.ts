// The editors' desk (docs/desk.md): who may see /desk, and what each role may write. Sessions are
// signed cookies; Cloudflare Access tokens are verified by the Newsroom Worker's DeskAccess against the
// JWKS vitest.config.ts configures, whose private key signs the tokens here; every state-changing
// desk request needs its session's CSRF token; contributors write drafts only, through the desk and
// the API alike. Real Newsroom, KV and assets. Ids 610xxx.
import { env } from "cloudflare:workers";
import { importJWK, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { csrfToken, deskSecret, sealSession } from "../../../src/reader/auth/session.ts";
import { CANONICAL, get, loadSeedContent, sampleArticle, SEED_PATH, TOKEN, WAIT } from "../../support/helpers.ts";

beforeAll(loadSeedContent);

const DESK = `${CANONICAL}/desk`;
const API = `${CANONICAL}/api/v1/articles`;
const JSON_BODY = { "Content-Type": "application/json", Accept: "application/json" };
const TEAM = "https://newsroom-test.cloudflareaccess.com";
const AUD = "test-access-aud";

/** The `name=value` of a Set-Cookie, and its attributes. */
function cookieOf(res: Response, name: string): { pair: string; attributes: string } | undefined {
  const line = res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  if (!line) return undefined;
  const [pair, ...attributes] = line.split(";");
  return { pair, attributes: attributes.join(";").trim() };
}

/** Signs in with a token through the desk's form, as its script does: CSRF token first, then the token. */
async function signIn(token: string): Promise<{ cookie: string; csrf: string; role: string }> {
  const pre = await get(`${DESK}/api/csrf`, { Accept: "application/json" });
  const preCookie = cookieOf(pre, "__Host-desk-pre")!.pair;
  const { csrf: formCsrf } = await pre.json<{ csrf: string }>();
  const res = await get(
    `${DESK}/api/sign-in`,
    { ...JSON_BODY, Cookie: preCookie, "X-CSRF-Token": formCsrf },
    { method: "POST", body: JSON.stringify({ token }) },
  );
  expect(res.status).toBe(200);
  const cookie = cookieOf(res, "__Host-desk")!.pair;
  const session = await (await get(`${DESK}/api/session`, { Cookie: cookie, Accept: "application/json" })).json<{ csrf: string; role: string }>();
  return { cookie, csrf: session.csrf, role: session.role };
}

/** An Access token as Cloudflare Access issues one, signed with the test team's key unless told otherwise. */
async function accessToken(claims: { email?: string; aud?: string; iss?: string; exp?: number }, key = env.TEST_ACCESS_KEY!): Promise<string> {
  const jwk = JSON.parse(key) as { kid: string };
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ email: claims.email ?? "alice@example.com", type: "app" })
    .setProtectedHeader({ alg: "RS256", kid: jwk.kid })
    .setIssuer(claims.iss ?? TEAM)
    .setAudience(claims.aud ?? AUD)
    .setIssuedAt(now - 60)
    .setExpirationTime(claims.exp ?? now + 600)
    .sign(await importJWK(jwk, "RS256"));
}

describe("signing in to the desk", { timeout: 60_000 }, () => {
  it("every desk page without a session redirects to sign-in; nothing under /desk is cacheable", async () => {
    for (const path of ["/", "/edit?id=610001", "/revisions?id=1", "/nowhere"]) {
      const res = await get(DESK + path);
      expect(res.status).toBe(303);
      expect(res.headers.get("Location")).toBe(`/desk/sign-in?next=${encodeURIComponent(path === "/nowhere" ? "/desk/nowhere" : "/desk" + path)}`);
      expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    }
    const form = await get(`${DESK}/sign-in`);
    expect(form.status).toBe(200);
    expect(form.headers.get("Cache-Control")).toBe("private, no-store");
    expect(form.headers.get("Content-Security-Policy")).toContain("script-src 'self'; style-src 'self'");
    expect(form.headers.get("Content-Security-Policy")).not.toContain("unsafe-inline");
    expect(await form.text()).toContain('<script type="module" src="/desk/desk.js"></script>');
  });

  it("a token signs in: an HttpOnly, Secure, SameSite=Strict session cookie, then the desk", async () => {
    const pre = await get(`${DESK}/api/csrf`, { Accept: "application/json" });
    const { csrf } = await pre.json<{ csrf: string }>();
    const preCookie = cookieOf(pre, "__Host-desk-pre")!;
    const res = await get(
      `${DESK}/api/sign-in`,
      { ...JSON_BODY, Cookie: preCookie.pair, "X-CSRF-Token": csrf },
      { method: "POST", body: JSON.stringify({ token: TOKEN }) },
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ name: "newsroom", role: "editor" });
    const session = cookieOf(res, "__Host-desk")!;
    expect(session.attributes).toBe("Path=/; Max-Age=43200; HttpOnly; Secure; SameSite=Strict");
    const desk = await get(`${DESK}/`, { Cookie: session.pair });
    expect(desk.status).toBe(200);
    expect(await desk.text()).toContain('src="/desk/desk.js"');
  });

  it("sign-in without the form's CSRF token is a 403; a wrong token a 401; neither sets a session", async () => {
    const noCsrf = await get(`${DESK}/api/sign-in`, JSON_BODY, { method: "POST", body: JSON.stringify({ token: TOKEN }) });
    expect(noCsrf.status).toBe(403);
    expect(cookieOf(noCsrf, "__Host-desk")).toBeUndefined();
    const pre = await get(`${DESK}/api/csrf`, { Accept: "application/json" });
    const { csrf } = await pre.json<{ csrf: string }>();
    const wrong = await get(
      `${DESK}/api/sign-in`,
      { ...JSON_BODY, Cookie: cookieOf(pre, "__Host-desk-pre")!.pair, "X-CSRF-Token": csrf, "CF-Connecting-IP": "198.51.100.61" },
      { method: "POST", body: JSON.stringify({ token: "not-a-token" }) },
    );
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("Content-Type")).toBe("application/problem+json");
    expect(cookieOf(wrong, "__Host-desk")).toBeUndefined();
  });

  it("the sign-in form posts, never a GET with the token; a form the browser sent itself is sent back unread, a token in the address dropped", async () => {
    const form = await (await get(`${DESK}/sign-in`)).text();
    expect(form).toContain('<form id="sign-in" method="post" action="/desk/api/sign-in" novalidate>');
    // Enter before the desk's script has run (or without it): the browser posts the form itself.
    const posted = await get(
      `${DESK}/api/sign-in`,
      { "Content-Type": "application/x-www-form-urlencoded", Accept: "text/html" },
      { method: "POST", body: `token=${TOKEN}` },
    );
    expect(posted.status).toBe(303);
    expect(posted.headers.get("location")).toBe("/desk/sign-in?again");
    expect(posted.headers.getSetCookie()).toEqual([]);
    // An old page's GET: answered without the token in the address it leaves.
    const got = await get(`${DESK}/sign-in?next=%2Fdesk%2Fedit&token=${TOKEN}`);
    expect(got.status).toBe(303);
    expect(got.headers.get("location")).toBe("/desk/sign-in");
    expect(got.headers.get("cache-control")).toBe("private, no-store");
  });

  it("a forged or expired session cookie is no session: back to sign-in", async () => {
    const { cookie } = await signIn(TOKEN);
    const [name, value] = cookie.split("=");
    const [body, signature] = value.split(".");
    const forgedBody = btoa(JSON.stringify({ id: "x".repeat(24), exp: 9999999999 })).replace(/=+$/, "");
    const expired = await sealSession({ id: "n".repeat(24), exp: Math.floor(Date.now() / 1000) - 1 }, deskSecret(env)!);
    for (const bad of [`${forgedBody}.${signature}`, `${body}.${signature.slice(0, -2)}AA`, expired]) {
      const res = await get(`${DESK}/`, { Cookie: `${name}=${bad}` });
      expect(res.status).toBe(303);
      expect((await get(`${DESK}/api/session`, { Cookie: `${name}=${bad}`, Accept: "application/json" })).status).toBe(401);
    }
  });

  it("DESK_SECRET signs sessions: a cookie signed with the fallback key (PUBLISH_TOKEN) opens nothing once it is set", async () => {
    expect((env as Env).DESK_SECRET).toBe("test-desk-secret");
    const { cookie } = await signIn(TOKEN);
    const [name, value] = cookie.split("=");
    const session = JSON.parse(atob(value.split(".")[0].replace(/-/g, "+").replace(/_/g, "/"))) as { id: string; exp: number };
    const withShared = `${name}=${await sealSession(session, TOKEN)}`;
    expect((await get(`${DESK}/api/session`, { Cookie: withShared, Accept: "application/json" })).status).toBe(401);
    const withDesk = `${name}=${await sealSession(session, (env as Env).DESK_SECRET!)}`;
    expect((await get(`${DESK}/api/session`, { Cookie: withDesk, Accept: "application/json" })).status).toBe(200);
  });

  it("Cloudflare Access: a valid token for a desk editor opens the desk and makes a session", async () => {
    const res = await get(`${DESK}/`, { "Cf-Access-Jwt-Assertion": await accessToken({}) });
    expect(res.status).toBe(200);
    const cookie = cookieOf(res, "__Host-desk")!;
    const session = await (await get(`${DESK}/api/session`, { Cookie: cookie.pair, Accept: "application/json" })).json<{ name: string; role: string }>();
    expect(session).toMatchObject({ name: "Alice", role: "editor" });
  });

  it("Access tokens expired, for another audience or issuer, signed by another key, or for a stranger → sign-in", async () => {
    const other = (await crypto.subtle.generateKey(
      { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
      true,
      ["sign", "verify"],
    )) as CryptoKeyPair;
    const otherJwk = { ...(await crypto.subtle.exportKey("jwk", other.privateKey)), kid: "test-access-key" };
    const now = Math.floor(Date.now() / 1000);
    const bad = [
      await accessToken({ exp: now - 5 }),
      await accessToken({ aud: "another-app" }),
      await accessToken({ iss: "https://elsewhere.cloudflareaccess.com" }),
      await accessToken({}, JSON.stringify(otherJwk)),
      await accessToken({ email: "stranger@example.com" }),
      "not.a.jwt",
    ];
    for (const jwt of bad) {
      const res = await get(`${DESK}/`, { "Cf-Access-Jwt-Assertion": jwt });
      expect(res.status).toBe(303);
      expect(cookieOf(res, "__Host-desk")).toBeUndefined();
    }
  });

  it("public pages never carry a desk cookie or the desk's script, signed in or not", async () => {
    const { cookie } = await signIn(TOKEN);
    for (const path of ["/", SEED_PATH, "/search?q=idlib"]) {
      const res = await get(CANONICAL + path, { Cookie: cookie });
      expect(res.status).toBe(200);
      expect(res.headers.getSetCookie()).toEqual([]);
      expect(await res.text()).not.toContain("/desk/desk.js");
    }
  });
});

describe("desk writes", { timeout: 60_000 }, () => {
  it("a write with the session cookie but without its CSRF token is a 403 and changes nothing; with it, it commits", async () => {
    const { cookie, csrf } = await signIn(TOKEN);
    const body = JSON.stringify(sampleArticle(610001, ["Newsdesk"]));
    const refused = await get(`${API}/610001`, { ...JSON_BODY, Cookie: cookie }, { method: "PUT", body });
    expect(refused.status).toBe(403);
    const wrong = await get(
      `${API}/610001`,
      { ...JSON_BODY, Cookie: cookie, "X-CSRF-Token": await csrfToken("another", deskSecret(env)!) },
      { method: "PUT", body },
    );
    expect(wrong.status).toBe(403);
    expect((await get(`${API}/610001`, { Accept: "application/json" })).status).toBe(404);
    const ok = await get(`${API}/610001`, { ...JSON_BODY, ...WAIT, Cookie: cookie, "X-CSRF-Token": csrf }, { method: "PUT", body });
    expect(ok.status).toBe(201);
    expect((await get(`${API}/610001`, { Accept: "application/json" })).status).toBe(200);
  });
});

describe("roles", { timeout: 60_000 }, () => {
  const CAROL = { Authorization: "Bearer test-editor-carol" };
  const put = (id: number, article: object, headers: Record<string, string>) =>
    get(`${API}/${id}`, { ...JSON_BODY, ...WAIT, ...headers }, { method: "PUT", body: JSON.stringify(article) });

  it("a contributor writes drafts, and nothing else: publishing, deleting, restoring and loading are 403", async () => {
    const draft = await put(610101, { ...sampleArticle(610101, ["Newsdesk"]), status: "draft" }, CAROL);
    expect(draft.status).toBe(201);
    expect(draft.headers.get("Newsroom-Status")).toBe("draft");
    const publish = await put(610102, sampleArticle(610102, ["Newsdesk"]), CAROL);
    expect(publish.status).toBe(403);
    expect(((await publish.json()) as { detail: string }).detail).toMatch(/drafts only/);
    expect((await get(`${API}/610102`, { Accept: "application/json" })).status).toBe(404);
    expect((await get(`${API}/610101`, { ...CAROL, "X-HTTP-Method": "DELETE" }, { method: "DELETE" })).status).toBe(403);
    expect((await get(`${API}/610101/revisions/1/restore`, CAROL, { method: "POST" })).status).toBe(403);
    const load = await get(`${CANONICAL}/api/v1/admin/content`, { ...JSON_BODY, ...CAROL }, { method: "POST", body: JSON.stringify({ articles: [] }) });
    expect(load.status).toBe(403);
  });

  it("a contributor's draft over an article readers see is refused, and the article is unchanged", async () => {
    expect((await put(610201, sampleArticle(610201, ["Newsdesk"]), { Authorization: `Bearer ${TOKEN}` })).status).toBe(201);
    const before = await (await get(`${API}/610201`, { Accept: "application/json" })).text();
    const res = await put(610201, { ...sampleArticle(610201, ["Newsdesk"]), headline: "Taken down", status: "draft" }, CAROL);
    expect(res.status).toBe(403);
    expect(await (await get(`${API}/610201`, { Accept: "application/json" })).text()).toBe(before);
  });

  it("the role comes with an Access session too", async () => {
    const res = await get(`${DESK}/`, { "Cf-Access-Jwt-Assertion": await accessToken({ email: "carl@example.com" }) });
    const cookie = cookieOf(res, "__Host-desk")!.pair;
    const session = await (
      await get(`${DESK}/api/session`, { Cookie: cookie, Accept: "application/json" })
    ).json<{ name: string; role: string; csrf: string }>();
    expect(session).toMatchObject({ name: "Carl", role: "contributor" });
    const publish = await put(610301, sampleArticle(610301, ["Newsdesk"]), { Cookie: cookie, "X-CSRF-Token": session.csrf });
    expect(publish.status).toBe(403);
  });
});
