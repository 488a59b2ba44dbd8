/**
 * @module
 * The desk's one script (built into public/desk/desk.js by `npm run desk`): each page names itself
 * in `<body data-page>`, and this starts it.
 */

import { session, signOut } from "./client.ts";
import { byId, h, say } from "./dom.ts";
import { editPage } from "./edit-page.ts";
import { revisionsPage } from "./revisions-page.ts";
import { signInPage } from "./sign-in-page.ts";
import { storiesPage } from "./stories-page.ts";

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
  if (page === "stories") await storiesPage();
  if (page === "edit") await editPage();
  if (page === "revisions") await revisionsPage();
  // The page has what it needs (the tests wait for this rather than for time).
  document.body.dataset.ready = "true";
}

start().catch((err: unknown) => {
  if (err instanceof Error && err.message === "not signed in") return;
  say(`Something went wrong: ${err instanceof Error ? err.message : String(err)}`, "error");
});
