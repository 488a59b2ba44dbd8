/**
 * @module
 * The desk's script (built into public/desk/desk.js by `npm run desk`): each page names itself in
 * `<body data-page>`, and this starts it. Each page's code is a chunk the page loads: the editor's,
 * with CodeMirror, only on the editor's page.
 */

import { session, signOut } from "./client.ts";
import { byId, h, say, takeFlash } from "./dom.ts";
import { signInPage } from "./sign-in-page.ts";

async function masthead(): Promise<void> {
  const who = await session();
  const out = h("button", { type: "button", class: "quiet" }, "Sign out");
  out.addEventListener("click", signOut);
  byId("who").replaceChildren(`${who.name} (${who.role}) `, out);
}

async function start(): Promise<void> {
  const page = document.body.dataset.page;
  if (page === "sign-in") {
    signInPage();
    document.body.dataset.ready = "true";
    return;
  }
  await masthead();
  // The status line under the heading, where it is read and never covers a list.
  if (page !== "edit") document.querySelector("main h1")?.after(byId("status"));
  // Each page's code is a chunk of its own: the list never loads the editor, nor the editor the list.
  if (page === "stories") await (await import("./stories-page.ts")).storiesPage();
  if (page === "edit") await (await import("./edit-page.ts")).editPage();
  if (page === "revisions") await (await import("./revisions-page.ts")).revisionsPage();
  if (page !== "edit") takeFlash();
  // The page has what it needs (the tests wait for this rather than for time).
  document.body.dataset.ready = "true";
}

start().catch((err: unknown) => {
  if (err instanceof Error && err.message === "not signed in") return;
  say(`Something went wrong: ${err instanceof Error ? err.message : String(err)}`, "error");
});
