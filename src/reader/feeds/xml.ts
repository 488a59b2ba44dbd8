/**
 * @module
 * Just enough XML 1.0 writing for feeds: character filtering, escaping, and an element builder in
 * which a plain string is always text (escaped here) and only built elements are markup.
 */

// XML 1.0 §2.2: Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
// With the `u` flag a lone surrogate is a single code point in U+D800–U+DFFF, so it is removed as well.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
// A literal CR would be read back as LF (§2.11), and literal TAB/LF/CR in an attribute as spaces (§3.3.3);
// as character references they survive.
const SPECIAL: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  "\t": "&#9;",
  "\n": "&#10;",
  "\r": "&#13;",
};

/** Removes every character XML 1.0 does not allow, even as a character reference. */
export function xmlChars(text: string): string {
  return text.replace(NOT_XML_CHAR, "");
}

/** Text for element content; a parser gives back exactly `xmlChars(text)`. */
export function escapeXml(text: string): string {
  return xmlChars(text).replace(/[&<>"'\r]/g, (c) => SPECIAL[c]);
}

/** Text for a quoted attribute value; a parser gives back exactly `xmlChars(text)`. */
export function escapeAttr(text: string): string {
  return xmlChars(text).replace(/[&<>"'\t\n\r]/g, (c) => SPECIAL[c]);
}

/** Serialised markup. Only `el` makes these, so a string can never pass as markup by mistake. */
export interface Xml {
  readonly xml: string;
}

/** Missing children (`undefined`, `false`, `null`) are left out, so optional parts can be written inline. */
export type Content = string | Xml | undefined | false | null;

/** An element; attribute values and string children are escaped, `undefined` attributes left out. */
export function el(name: string, attrs: Record<string, string | undefined> = {}, ...content: Content[]): Xml {
  let open = name;
  for (const [key, value] of Object.entries(attrs)) if (value !== undefined) open += ` ${key}="${escapeAttr(value)}"`;
  const parts = content.filter((c): c is string | Xml => typeof c === "string" || (typeof c === "object" && c !== null));
  if (parts.length === 0) return { xml: `<${open}/>` };
  const inner = parts.map((c) => (typeof c === "string" ? escapeXml(c) : c.xml));
  const block = parts.some((c) => typeof c !== "string");
  return { xml: `<${open}>${block ? `\n${inner.join("\n")}\n` : inner.join("")}</${name}>` };
}

/** A complete document: declaration, root element, final newline. */
export function xmlDocument(root: Xml): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root.xml}\n`;
}
