/**
 * @module
 * Recognising embeds in imported HTML: an iframe's player URL, a WordPress embed block's URL or a
 * bare URL on its own line (WordPress turns those into players) becomes the page URL of the video
 * or post, for an embed block (a link card). And WordPress shortcodes (`[gallery ids="1,2"]`,
 * `[caption]…[/caption]`) in text: found so they can be dropped and counted, never shown as text.
 */

import { providerOf } from "../../src/shared/model/blocks.ts";

/** Providers whose page URLs WordPress embeds when they stand alone on a line. */
const KNOWN = new Set(["YouTube", "Vimeo", "X", "Instagram", "Facebook", "TikTok", "Telegram"]);

function parse(src: string, base?: string): URL | undefined {
  const absolute = src.startsWith("//") ? `https:${src}` : src;
  try {
    return new URL(absolute, base);
  } catch {
    return undefined;
  }
}

/** The page URL (https) of an embedded video or post, from a player's `src` or a page URL; undefined when it is neither. */
export function embedUrl(src: string, base?: string): string | undefined {
  const u = parse(src.trim(), base);
  if (!u || !/^https?:$/.test(u.protocol)) return undefined;
  const host = u.hostname.replace(/^www\./, "");
  const segments = u.pathname.split("/").filter(Boolean);
  if ((host === "youtube.com" || host === "youtube-nocookie.com") && segments[0] === "embed" && segments[1])
    return `https://www.youtube.com/watch?v=${encodeURIComponent(segments[1])}`;
  if (host === "player.vimeo.com" && segments[0] === "video" && /^\d+$/.test(segments[1] ?? "")) return `https://vimeo.com/${segments[1]}`;
  if (host === "platform.twitter.com" && /^\d+$/.test(u.searchParams.get("id") ?? "")) return `https://x.com/i/status/${u.searchParams.get("id")}`;
  u.protocol = "https:";
  const url = u.href;
  return KNOWN.has(providerOf(url)) && (segments.length > 0 || u.search) ? url : undefined;
}

/** Shortcodes WordPress and common plugins register; any other `[name key=value]` counts as one too. */
const SHORTCODES = new Set([
  "caption",
  "wp_caption",
  "gallery",
  "embed",
  "audio",
  "video",
  "playlist",
  "youtube",
  "vimeo",
  "tweet",
  "contact-form",
  "contact-form-7",
  "wpforms",
  "ad",
  "more",
]);
// Text, not HTML: the HTML parser has already made the tree; this looks inside its text nodes.
const SHORTCODE = /\[(\/)?([a-z][a-z0-9_-]*)((?:\s[^\]]*)?)\]/gi;

/** Text with its shortcode tags taken out (what they enclose stays), and how many there were. */
export function withoutShortcodes(text: string): { text: string; count: number } {
  let count = 0;
  const out = text.replace(SHORTCODE, (whole, _close: string | undefined, name: string, attrs: string) => {
    if (!SHORTCODES.has(name.toLowerCase()) && !attrs.includes("=")) return whole;
    count++;
    return " ";
  });
  return { text: count ? out : text, count };
}
