/**
 * @module
 * The desk's four static pages (public/desk/*.html), written from one template by `npm run desk` so
 * their head, masthead and status line cannot drift apart; `npm run desk -- --check` compares them.
 */

const head = (title: string) => `<!doctype html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="color-scheme" content="light dark">
<title>${title} · Desk</title>
<link rel="stylesheet" href="/desk/desk.css">
<script type="module" src="/desk/desk.js"></script>
</head>
`;

const STATUS = `<p class="status" id="status" role="status" aria-live="polite"></p>
</body>
</html>
`;

const NOSCRIPT = "<noscript><p>The desk needs JavaScript.</p></noscript>";

/** A signed-in page: the masthead with the desk's menu, then `main`. */
const page = (title: string, name: string, heading: string) => `${head(title)}<body data-page="${name}">
<a class="skip" href="#main">Skip to content</a>
<header class="bar">
<a class="brand" href="/desk/">Desk</a>
<nav aria-label="Desk"><a href="/desk/">Stories</a> <a href="/desk/edit">New story</a> <a href="/" target="_blank" rel="noopener">Site</a></nav>
<span class="who" id="who"></span>
</header>
<main id="main" tabindex="-1">
${heading}
${NOSCRIPT}
</main>
${STATUS}`;

/** File name under public/desk/ → its HTML. */
export const DESK_PAGES: Record<string, string> = {
  "index.html": page("Stories", "stories", "<h1>Stories</h1>"),
  "edit.html": page("Story", "edit", '<h1 id="heading">New story</h1>'),
  "revisions.html": page("Revisions", "revisions", "<h1>Revisions</h1>"),
  "sign-in.html": `${head("Sign in")}<body data-page="sign-in">
<main id="main" class="narrow">
<h1>Sign in to the desk</h1>
<p>Sign in with your editor's token. Where the desk is behind Cloudflare Access, you are signed in as you arrive.</p>
<form id="sign-in" method="post" action="/desk/api/sign-in" novalidate>
<label for="token">Editor's token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>
${NOSCRIPT}
</main>
${STATUS}`,
};
