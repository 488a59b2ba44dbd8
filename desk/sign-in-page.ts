/**
 * @module
 * Sign-in with an editor's token (where Cloudflare Access is not in front of the desk): the form's
 * CSRF token first (bound to a short pre-session cookie), then the token; the session is an
 * `HttpOnly` cookie the script never sees. The form itself posts (never a GET with the token in the
 * URL): submitted before this script runs, the desk answers with this page again, `?again`.
 */

import { nextPage } from "../src/reader/auth/next-page.ts";
import { byId, say } from "./dom.ts";

export function signInPage(): void {
  const form = byId<HTMLFormElement>("sign-in");
  // The form posted before this script ran (its token never goes into a URL): the desk sent it back here.
  if (new URLSearchParams(location.search).has("again")) say("The page had not finished loading: type your token again and sign in.", "error");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const token = byId<HTMLInputElement>("token").value;
    if (!token) return say("Type your editor's token.", "error");
    say("Signing in…");
    const pre = await fetch("/desk/api/csrf", { headers: { Accept: "application/json" }, credentials: "same-origin" });
    if (!pre.ok) return say("The desk cannot sign anyone in: it has no secret configured.", "error");
    const { csrf } = (await pre.json()) as { csrf: string };
    const res = await fetch("/desk/api/sign-in", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify({ token }),
    });
    if (res.status === 429) return say("Too many wrong tokens from here: wait a minute and try again.", "error");
    if (!res.ok) return say("That is not an editor's token.", "error");
    location.assign(nextPage(new URLSearchParams(location.search).get("next")));
  });
}
