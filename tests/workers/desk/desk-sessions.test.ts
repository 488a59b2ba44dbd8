// Desk sessions end (OWASP ASVS V3.3; issue 34, item 1): a signed cookie used to be the whole session,
// so sign-out only cleared it in the browser, a copied cookie and its CSRF token kept working for 12
// hours, and removing an editor's token or demoting them touched no session already made (the role
// was inside the cookie). Now the Newsroom keeps each session: sign-out ends it at once in the
// isolate that signs out and within DESK_SESSION_CHECK_MS in any other (an app of its own here, with
// a clock the test moves: no minute of sleeping), a removed token or Access email ends it on the next
// request, the role is the configuration's now, and the Newsroom's record is the absolute end. Real
// Newsroom, KV and assets. Ids 834101–834199.
import { createExecutionContext, runInDurableObject, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { importJWK, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../src/reader/app.ts";
import { SessionMemo } from "../../../src/reader/auth/session-check.ts";
import { deskSecret, sealSession } from "../../../src/reader/auth/session.ts";
import { createLayers } from "../../../src/reader/cache/layers.ts";
import { DESK_SESSION_CHECK_MS, DESK_SESSION_SECONDS } from "../../../src/shared/freshness/policy.ts";
import { CANONICAL, get, loadSeedContent, newsroomStub, sampleArticle, TOKEN, WAIT } from "../../support/helpers.ts";

beforeAll(loadSeedContent);

const DESK = `${CANONICAL}/desk`;
const API = `${CANONICAL}/api/v1/articles`;
const JSON_BODY = { "Content-Type": "application/json", Accept: "application/json" };
const ALICE = "test-editor-alice";
const sha256 = async (text: string) =>
  [...new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)))].map((b) => b.toString(16).padStart(2, "0")).join("");

const cookieOf = (res: Response, name: string) =>
  res.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${name}=`))
    ?.split(";")[0];

/** Signs in through the desk's form, as its script does. */
async function signIn(token: string): Promise<{ cookie: string; csrf: string }> {
  const pre = await get(`${DESK}/api/csrf`, { Accept: "application/json" });
  const { csrf: formCsrf } = await pre.json<{ csrf: string }>();
  const res = await get(
    `${DESK}/api/sign-in`,
    { ...JSON_BODY, Cookie: cookieOf(pre, "__Host-desk-pre")!, "X-CSRF-Token": formCsrf },
    { method: "POST", body: JSON.stringify({ token }) },
  );
  expect(res.status).toBe(200);
  const cookie = cookieOf(res, "__Host-desk")!;
  const session = await (await get(`${DESK}/api/session`, { Cookie: cookie, Accept: "application/json" })).json<{ csrf: string }>();
  return { cookie, csrf: session.csrf };
}

/** Another isolate: an app with fresh caches and a session memory whose clock the test moves; `over` changes its configuration. */
function isolate(over: Partial<Env> = {}) {
  const clock = { now: Date.now() };
  const app = createApp(createLayers(), new SessionMemo(DESK_SESSION_CHECK_MS, () => clock.now));
  const fetch = async (url: string, headers: Record<string, string>, init: RequestInit = {}) => {
    const ctx = createExecutionContext();
    const res = await app.fetch(new Request(url, { headers, redirect: "manual", ...init }), { ...env, ...over }, ctx);
    await waitOnExecutionContext(ctx);
    return res;
  };
  return { clock, fetch };
}

const sessionStatus = async (fetch: ReturnType<typeof isolate>["fetch"], cookie: string) =>
  (await fetch(`${DESK}/api/session`, { Cookie: cookie, Accept: "application/json" })).status;

const putAs = (cookie: string, csrf: string, id: number, body: object = sampleArticle(id, ["Sessions"])) =>
  get(`${API}/${id}`, { ...JSON_BODY, ...WAIT, Cookie: cookie, "X-CSRF-Token": csrf }, { method: "PUT", body: JSON.stringify(body) });

describe("desk sessions end (OWASP ASVS V3.3)", { timeout: 60_000 }, () => {
  it("after sign-out the old cookie and its CSRF token open nothing: the session API 401, a write 401 and unchanged, the desk back to sign-in", async () => {
    const { cookie, csrf } = await signIn(TOKEN);
    expect((await putAs(cookie, csrf, 834_101)).status).toBe(201);
    const out = await get(`${DESK}/api/sign-out`, { ...JSON_BODY, Cookie: cookie, "X-CSRF-Token": csrf }, { method: "POST" });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie()).toEqual(["__Host-desk=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict"]);
    // The copied cookie, replayed.
    expect((await get(`${DESK}/api/session`, { Cookie: cookie, Accept: "application/json" })).status).toBe(401);
    const replay = await putAs(cookie, csrf, 834_102);
    expect(replay.status).toBe(401);
    expect(replay.headers.get("www-authenticate")).toBe('Bearer realm="publish"');
    expect((await get(`${API}/834102`, { Accept: "application/json" })).status).toBe(404);
    expect((await get(`${DESK}/`, { Cookie: cookie })).status).toBe(303);
  });

  it(`another isolate forgets a signed-out session within DESK_SESSION_CHECK_MS (${DESK_SESSION_CHECK_MS / 1000} s, under a minute)`, async () => {
    expect(DESK_SESSION_CHECK_MS).toBeLessThanOrEqual(60_000);
    const { cookie, csrf } = await signIn(TOKEN);
    const other = isolate();
    expect(await sessionStatus(other.fetch, cookie)).toBe(200);
    expect((await get(`${DESK}/api/sign-out`, { ...JSON_BODY, Cookie: cookie, "X-CSRF-Token": csrf }, { method: "POST" })).status).toBe(204);
    // The isolate that signed out forgets at once; the other still has the answer it was given, for the bound only.
    expect((await get(`${DESK}/api/session`, { Cookie: cookie, Accept: "application/json" })).status).toBe(401);
    other.clock.now += DESK_SESSION_CHECK_MS - 1;
    expect(await sessionStatus(other.fetch, cookie)).toBe(200);
    other.clock.now += 1;
    expect(await sessionStatus(other.fetch, cookie)).toBe(401);
    const write = await other.fetch(
      `${API}/834103`,
      { ...JSON_BODY, Cookie: cookie, "X-CSRF-Token": csrf },
      { method: "PUT", body: JSON.stringify(sampleArticle(834_103)) },
    );
    expect(write.status).toBe(401);
  });

  it("removing an editor's token ends their sessions on the next request; the token restored, the session stands again until it ends", async () => {
    const { cookie, csrf } = await signIn(ALICE);
    const tokens = JSON.parse((env as Env).EDITOR_TOKENS!) as Record<string, string>;
    const { Alice: _, ...withoutAlice } = tokens;
    const removed = isolate({ EDITOR_TOKENS: JSON.stringify(withoutAlice) });
    expect(await sessionStatus(removed.fetch, cookie)).toBe(401);
    const write = await removed.fetch(
      `${API}/834111`,
      { ...JSON_BODY, Cookie: cookie, "X-CSRF-Token": csrf },
      { method: "PUT", body: JSON.stringify(sampleArticle(834_111)) },
    );
    expect(write.status).toBe(401);
    // Another token under her name (rotated) does not carry the old session either.
    const rotated = isolate({ EDITOR_TOKENS: JSON.stringify({ ...tokens, Alice: await sha256("a-new-token") }) });
    expect(await sessionStatus(rotated.fetch, cookie)).toBe(401);
    expect(await sessionStatus(isolate().fetch, cookie)).toBe(200);
  });

  it("the role is the configuration's now: an editor demoted to contributor gets a contributor's session and a 403 for publishing", async () => {
    const { cookie, csrf } = await signIn(ALICE);
    const desk = env.DESK as { roles: Record<string, string> };
    const demoted = isolate({ DESK: { ...desk, roles: { ...desk.roles, Alice: "contributor" } } as Env["DESK"] });
    const session = await demoted.fetch(`${DESK}/api/session`, { Cookie: cookie, Accept: "application/json" });
    expect(await session.json()).toMatchObject({ name: "Alice", role: "contributor" });
    const publish = await demoted.fetch(
      `${API}/834121`,
      { ...JSON_BODY, Cookie: cookie, "X-CSRF-Token": csrf },
      { method: "PUT", body: JSON.stringify(sampleArticle(834_121)) },
    );
    expect(publish.status).toBe(403);
    expect((await get(`${API}/834121`, { Accept: "application/json" })).status).toBe(404);
  });

  it("an Access session ends when its email leaves the desk's editors", async () => {
    const jwk = JSON.parse(env.TEST_ACCESS_KEY!) as { kid: string };
    const now = Math.floor(Date.now() / 1000);
    const jwt = await new SignJWT({ email: "alice@example.com", type: "app" })
      .setProtectedHeader({ alg: "RS256", kid: jwk.kid })
      .setIssuer("https://newsroom-test.cloudflareaccess.com")
      .setAudience("test-access-aud")
      .setIssuedAt(now - 60)
      .setExpirationTime(now + 600)
      .sign(await importJWK(jwk, "RS256"));
    const cookie = cookieOf(await get(`${DESK}/`, { "Cf-Access-Jwt-Assertion": jwt }), "__Host-desk")!;
    expect((await get(`${DESK}/api/session`, { Cookie: cookie, Accept: "application/json" })).status).toBe(200);
    const desk = env.DESK as { editors: Record<string, unknown> };
    const { "alice@example.com": _, ...others } = desk.editors;
    expect(await sessionStatus(isolate({ DESK: { ...desk, editors: others } as Env["DESK"] }).fetch, cookie)).toBe(401);
  });

  it("a session ends 12 hours after sign-in whatever its cookie says: the Newsroom's record is the absolute end", async () => {
    const { cookie } = await signIn(TOKEN);
    const id = (JSON.parse(atob(cookie.split("=")[1].split(".")[0].replace(/-/g, "+").replace(/_/g, "/"))) as { id: string }).id;
    const rows = await runInDurableObject(newsroomStub(), (_, state) =>
      state.storage.sql.exec<{ started: number; expires: number }>("SELECT started, expires FROM desk_session").toArray(),
    );
    // Ended 12 hours after it started (the reader sets the end, the Newsroom the start: a few ms apart).
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(Math.abs(r.expires - r.started - DESK_SESSION_SECONDS * 1000)).toBeLessThan(10_000);
    expect(DESK_SESSION_SECONDS).toBe(12 * 3600);
    // A cookie made with the desk's own key for the same session, but ending in a year, once the session's 12 hours are over.
    const forever = `__Host-desk=${await sealSession({ id, exp: Math.floor(Date.now() / 1000) + 365 * 86_400 }, deskSecret(env)!)}`;
    expect(await sessionStatus(isolate().fetch, forever)).toBe(200);
    const hash = await sha256(id);
    await runInDurableObject(newsroomStub(), (_, state) => {
      state.storage.sql.exec("UPDATE desk_session SET expires = ? WHERE id_hash = ?", Date.now() - 1, hash);
    });
    expect(await sessionStatus(isolate().fetch, forever)).toBe(401);
  });
});
