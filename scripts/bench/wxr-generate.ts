/**
 * @module
 * A generated WordPress export (WXR 1.2) for the import benchmark: `n` posts over a category
 * hierarchy (6 parents × 4 children), 8 authors, tags, dates over ten years in two offsets, 5 %
 * drafts and 1 % scheduled, each body a few paragraphs with links and emphasis, a heading, a list,
 * a captioned remote photo and, every tenth, a YouTube iframe. Deterministic: the same `n`, the same file.
 */

const PARENTS = ["World", "Business", "Science", "Sport", "Culture", "Opinion"];
const CHILDREN = ["Europe", "Asia", "Africa", "Americas"];

const cdata = (s: string) => `<![CDATA[${s}]]>`;
const pad = (n: number) => String(n).padStart(2, "0");

function sqlDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function body(i: number): string {
  const p = (k: number) =>
    `<p>Paragraph ${k} of story ${i}: the <a href="https://old.example/topic/${i % 97}/">council</a> said on <em>Tuesday</em> that the plan would go ahead, and <strong>residents</strong> were told to expect changes within weeks.</p>`;
  return [
    p(1),
    `<figure class="wp-block-image"><img src="https://old.example/wp-content/uploads/2020/01/photo-${i % 500}.jpg" alt="Photo ${i}"/><figcaption>Scene of story ${i} (Photo by Agency)</figcaption></figure>`,
    p(2),
    `<h2>What happens next</h2>`,
    `<ul><li>First step for ${i}</li><li>Second step</li><li>Third step</li></ul>`,
    p(3),
    i % 10 === 0 ? `<iframe src="https://www.youtube.com/embed/vid${i}" title="Video ${i}"></iframe>` : "",
    p(4),
  ].join("\n");
}

export function generateWxr(n: number, now = Date.UTC(2025, 0, 1)): string {
  const out: string[] = [
    `<?xml version="1.0" encoding="UTF-8" ?>`,
    `<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">`,
    `<channel><title>Old Example</title><link>https://old.example</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://old.example</wp:base_site_url><wp:base_blog_url>https://old.example</wp:base_blog_url>`,
  ];
  for (let a = 0; a < 8; a++)
    out.push(
      `<wp:author><wp:author_id>${a + 1}</wp:author_id><wp:author_login>${cdata(`writer${a}`)}</wp:author_login><wp:author_display_name>${cdata(`Writer Number ${a}`)}</wp:author_display_name></wp:author>`,
    );
  let term = 1;
  for (const parent of PARENTS) {
    out.push(
      `<wp:category><wp:term_id>${term++}</wp:term_id><wp:category_nicename>${parent.toLowerCase()}</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>${cdata(parent)}</wp:cat_name></wp:category>`,
    );
    for (const child of CHILDREN)
      out.push(
        `<wp:category><wp:term_id>${term++}</wp:term_id><wp:category_nicename>${parent.toLowerCase()}-${child.toLowerCase()}</wp:category_nicename><wp:category_parent>${parent.toLowerCase()}</wp:category_parent><wp:cat_name>${cdata(child)}</wp:cat_name></wp:category>`,
      );
  }
  const span = 10 * 365 * 86_400_000;
  for (let i = 1; i <= n; i++) {
    const gmt = now - span + Math.floor((span * i) / (n + 1));
    const offset = i % 2 ? 210 : -300; // +03:30 and -05:00
    const scheduled = i % 100 === 0;
    const at = scheduled ? gmt + span : gmt;
    const parent = PARENTS[i % PARENTS.length];
    const child = CHILDREN[Math.floor(i / PARENTS.length) % CHILDREN.length];
    const d = new Date(at + offset * 60_000);
    const slug = `story-number-${i}`;
    out.push(
      `<item><title>${cdata(`Story number ${i}: the council's plan`)}</title>`,
      `<link>https://old.example/${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${slug}/</link>`,
      `<dc:creator>${cdata(`writer${i % 8}`)}</dc:creator><guid isPermaLink="false">https://old.example/?p=${i}</guid>`,
      `<content:encoded>${cdata(body(i))}</content:encoded><excerpt:encoded>${cdata("")}</excerpt:encoded>`,
      `<wp:post_id>${i}</wp:post_id><wp:post_date>${sqlDate(at + offset * 60_000)}</wp:post_date><wp:post_date_gmt>${sqlDate(at)}</wp:post_date_gmt>`,
      `<wp:post_name>${slug}</wp:post_name><wp:status>${scheduled ? "future" : i % 20 === 0 ? "draft" : "publish"}</wp:status><wp:post_type>post</wp:post_type><wp:post_password></wp:post_password>`,
      `<category domain="category" nicename="${parent.toLowerCase()}-${child.toLowerCase()}">${cdata(child)}</category>`,
      `<category domain="post_tag" nicename="tag-${i % 50}">${cdata(`Tag ${i % 50}`)}</category></item>`,
    );
  }
  out.push(`</channel></rss>`);
  return out.join("\n");
}
