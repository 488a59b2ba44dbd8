// A small strict XML 1.0 + Namespaces checker for the tests (workerd has no DOMParser): a subset —
// no DOCTYPE, no processing instructions after the declaration — that also returns a tree to assert on.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: (XmlElement | string)[];
}

const XML_CHAR = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
const NAME = /[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/y;
const REFERENCE = /&(?:(amp|lt|gt|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));/y;
const PREDEFINED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function parseXml(input: string): XmlElement {
  if (!XML_CHAR.test(input)) throw new Error("document contains a character XML 1.0 does not allow");
  const doc = input.replace(/\r\n?/g, "\n"); // §2.11 end-of-line handling
  let i = 0;
  const fail = (message: string): never => {
    throw new Error(`${message} at offset ${i}: ${JSON.stringify(doc.slice(i, i + 30))}`);
  };
  const sticky = (re: RegExp): string | undefined => {
    re.lastIndex = i;
    const m = re.exec(doc);
    if (!m) return undefined;
    i += m[0].length;
    return m[0];
  };
  const expectText = (s: string) => (doc.startsWith(s, i) ? (i += s.length) : fail(`expected ${JSON.stringify(s)}`));
  const space = () => sticky(/[ \t\n]*/y) ?? "";

  function decode(raw: string): string {
    let out = "";
    for (let at = 0; at < raw.length;) {
      const amp = raw.indexOf("&", at);
      if (amp < 0) return out + raw.slice(at);
      out += raw.slice(at, amp);
      REFERENCE.lastIndex = amp;
      const m = REFERENCE.exec(raw);
      if (!m) throw new Error(`bad reference ${JSON.stringify(raw.slice(amp, amp + 12))}`);
      if (m[1]) out += PREDEFINED[m[1]];
      else {
        const code = parseInt(m[2] ?? m[3], m[2] ? 10 : 16);
        const ch = code <= 0x10ffff ? String.fromCodePoint(code) : "";
        if (!ch || !XML_CHAR.test(ch) || (code >= 0xd800 && code <= 0xdfff)) throw new Error(`reference to illegal character ${m[0]}`);
        out += ch;
      }
      at = amp + m[0].length;
    }
    return out;
  }

  function misc() {
    for (;;) {
      space();
      if (doc.startsWith("<!--", i)) comment();
      else return;
    }
  }
  function comment() {
    const end = doc.indexOf("-->", i + 4);
    if (end < 0 || doc.slice(i + 4, end).includes("--")) fail("bad comment");
    i = end + 3;
  }

  function element(outer: Record<string, string>): XmlElement {
    expectText("<");
    const name = sticky(NAME) ?? fail("expected element name");
    const attrs: Record<string, string> = {};
    for (;;) {
      const ws = space();
      if (doc.startsWith("/>", i) || doc.startsWith(">", i)) break;
      if (!ws) fail("expected whitespace before attribute");
      const key = sticky(NAME) ?? fail("expected attribute name");
      if (Object.hasOwn(attrs, key)) fail(`duplicate attribute ${key}`);
      space();
      expectText("=");
      space();
      const quote = doc[i];
      if (quote !== '"' && quote !== "'") fail("attribute value must be quoted");
      const end = doc.indexOf(quote, i + 1);
      if (end < 0) fail("unterminated attribute value");
      const raw = doc.slice(i + 1, end);
      if (raw.includes("<")) fail("'<' in attribute value");
      attrs[key] = decode(raw.replace(/[\t\n]/g, " ")); // §3.3.3 attribute-value normalisation
      i = end + 1;
    }
    const scope = { ...outer };
    for (const [key, value] of Object.entries(attrs)) {
      if (key === "xmlns") scope[""] = value;
      else if (key.startsWith("xmlns:")) scope[key.slice(6)] = value || fail(`empty namespace for ${key}`);
    }
    const prefixOf = (q: string) => (q.includes(":") ? q.slice(0, q.indexOf(":")) : undefined);
    for (const q of [name, ...Object.keys(attrs)]) {
      const prefix = prefixOf(q);
      if (prefix !== undefined && prefix !== "xmlns" && !(prefix in scope)) fail(`undeclared prefix ${prefix}`);
    }
    const node: XmlElement = { name, attrs, children: [] };
    if (doc.startsWith("/>", i)) {
      i += 2;
      return node;
    }
    expectText(">");
    for (;;) {
      if (i >= doc.length) fail(`unclosed <${name}>`);
      if (doc.startsWith("</", i)) {
        i += 2;
        if (sticky(NAME) !== name) fail(`end tag does not match <${name}>`);
        space();
        expectText(">");
        return node;
      }
      if (doc.startsWith("<!--", i)) comment();
      else if (doc.startsWith("<![CDATA[", i)) {
        const end = doc.indexOf("]]>", i);
        if (end < 0) fail("unterminated CDATA");
        node.children.push(doc.slice(i + 9, end));
        i = end + 3;
      } else if (doc.startsWith("<?", i) || doc.startsWith("<!", i)) fail("unexpected markup");
      else if (doc.startsWith("<", i)) node.children.push(element(scope));
      else {
        const end = doc.indexOf("<", i) < 0 ? doc.length : doc.indexOf("<", i);
        const raw = doc.slice(i, end);
        if (raw.includes("]]>")) fail("']]>' in text");
        try {
          node.children.push(decode(raw));
        } catch (e) {
          fail((e as Error).message);
        }
        i = end;
      }
    }
  }

  sticky(/<\?xml version="1\.0"(?: encoding="UTF-8")?[ \n]*\?>/y);
  misc();
  if (doc.startsWith("<!DOCTYPE", i)) fail("DOCTYPE not accepted");
  const root = element({ xml: "http://www.w3.org/XML/1998/namespace" });
  misc();
  if (i !== doc.length) fail("content after the root element");
  return root;
}

export const kids = (e: XmlElement, name: string) => e.children.filter((c): c is XmlElement => typeof c !== "string" && c.name === name);
export const elements = (e: XmlElement) => e.children.filter((c): c is XmlElement => typeof c !== "string");
export function one(e: XmlElement, name: string): XmlElement {
  const found = kids(e, name);
  if (found.length !== 1) throw new Error(`<${e.name}> has ${found.length} <${name}>, expected 1`);
  return found[0];
}
export const text = (e: XmlElement): string => e.children.map((c) => (typeof c === "string" ? c : text(c))).join("");
export const textOf = (e: XmlElement, name: string) => text(one(e, name));
