/**
 * @module
 * A large XML export read as it streams, so memory holds one item at a time whatever the file's size
 * (`npm run import` of a 50 MB WordPress export): the text before the first `<item>` (a channel's
 * header: title, authors, categories), then each `<item>…</item>` as a string of its own, for
 * xml-read.ts to parse. Only element boundaries are found here, one character at a time across chunk
 * boundaries: CDATA sections, comments, processing instructions, declarations and quoted attribute
 * values are passed over whole, so an `</item>` inside a body's CDATA is text. An item longer than
 * `maxItem` characters is not kept: its length and first characters are given instead, for the report.
 */

export type Piece = { kind: "header"; text: string } | { kind: "item"; text: string } | { kind: "oversized"; length: number; head: string };

export interface StreamLimits {
  /** Characters of one item kept; a longer one is given as `oversized`. */
  maxItem: number;
  /** Characters before the first item; more is an error (a header is kilobytes). */
  maxHeader: number;
}

export class XmlStreamError extends Error {}

// What the scanner is inside of.
const TEXT = 0;
const LT = 1;
const BANG = 2;
const CDATA = 3;
const COMMENT = 4;
const PI = 5;
const DECLARATION = 6;
const TAG = 7;
/** A tag longer than this is no tag of an export: the file is not what it claims. */
const MAX_TAG = 1 << 20;
/** Characters of an oversized item kept for its report. */
const HEAD = 2000;

/** Text gathered from many chunks without copying it more than once. */
class Gathered {
  parts: string[] = [];
  length = 0;
  over = false;
  head = "";
  private readonly max: number;
  constructor(max: number) {
    this.max = max;
  }
  add(text: string): void {
    if (!text) return;
    this.length += text.length;
    if (this.over) return;
    this.parts.push(text);
    if (this.length > this.max) {
      this.head = this.parts.join("").slice(0, HEAD);
      this.parts = [];
      this.over = true;
    }
  }
  text(): string {
    return this.parts.join("");
  }
}

/** The pieces of an XML text given in chunks, `element` (`item`) being what it is made of. */
export async function* xmlPieces(chunks: AsyncIterable<string> | Iterable<string>, limits: StreamLimits, element = "item"): AsyncGenerator<Piece> {
  let state = TEXT;
  let seen = ""; // the markup since `<` (a tag's text, or the start of a declaration)
  let match = 0; // characters of a terminator (`]]>`, `-->`, `?>`) seen
  let quote = ""; // the open quote of an attribute value or a declaration's literal
  let bracket = 0; // a DOCTYPE's internal subset
  let depth = 0; // `element`s open
  let header: Gathered | null = new Gathered(limits.maxHeader);
  let item: Gathered | null = null;
  let last = "";
  for await (const chunk of chunks) {
    let from = 0; // where the text not yet gathered starts in this chunk
    const gather = (to: number) => {
      (item ?? header)?.add(chunk.slice(from, to));
      from = to;
      if (header?.over) throw new XmlStreamError(`its header (before the first <${element}>) is over ${limits.maxHeader} characters`);
    };
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk[i];
      if (state === TEXT) {
        if (ch === "<") {
          state = LT;
          seen = "<";
        }
      } else if (state === LT) {
        seen += ch;
        state = ch === "!" ? BANG : ch === "?" ? PI : ch === ">" ? TEXT : TAG;
        match = 0;
      } else if (state === BANG) {
        seen += ch;
        if (seen === "<![CDATA[") state = CDATA;
        else if (seen === "<!--") state = COMMENT;
        else if (!"<![CDATA[".startsWith(seen) && !"<!--".startsWith(seen)) {
          state = ch === ">" ? TEXT : DECLARATION;
          bracket = ch === "[" ? 1 : 0;
        }
      } else if (state === CDATA || state === COMMENT) {
        const dash = state === CDATA ? "]" : "-";
        if (ch === dash) match = Math.min(match + 1, 2);
        else if (ch === ">" && match === 2) state = TEXT;
        else match = 0;
      } else if (state === PI) {
        if (ch === ">" && match === 1) state = TEXT;
        else match = ch === "?" ? 1 : 0;
      } else if (state === DECLARATION) {
        if (quote) quote = ch === quote ? "" : quote;
        else if (ch === '"' || ch === "'") quote = ch;
        else if (ch === "[") bracket++;
        else if (ch === "]") bracket--;
        else if (ch === ">" && bracket <= 0) state = TEXT;
      } else {
        seen += ch;
        if (seen.length > MAX_TAG) throw new XmlStreamError(`a tag of over ${MAX_TAG} characters: not an export`);
        if (quote) quote = ch === quote ? "" : quote;
        else if (ch === '"' || ch === "'") quote = ch;
        else if (ch === ">") {
          state = TEXT;
          const m = /^<(\/?)([^\s/>]+)/.exec(seen);
          if (!m || m[2] !== element) continue;
          if (!m[1]) {
            const empty = seen.endsWith("/>");
            if (depth === 0) {
              // An item begins with this tag: the header ends before it.
              gather(i + 1);
              if (header) {
                const text = header.text();
                yield { kind: "header", text: text.slice(0, text.length - seen.length) };
                header = null;
              }
              item = new Gathered(limits.maxItem);
              item.add(seen);
            }
            if (!empty) depth++;
            if (!empty || depth > 0) continue;
          } else if (depth > 0) depth--;
          else continue; // a stray end tag: nothing to close
          if (depth > 0) continue;
          gather(i + 1);
          const done: Gathered = item!;
          item = null;
          yield done.over ? { kind: "oversized", length: done.length, head: done.head } : { kind: "item", text: done.text() };
        }
      }
    }
    gather(chunk.length);
    last = chunk;
  }
  if (depth > 0 || state !== TEXT)
    throw new XmlStreamError(`it ends inside ${depth > 0 ? `an <${element}>` : "markup"} (${JSON.stringify(last.slice(-40))}): cut short?`);
  if (header) yield { kind: "header", text: header.text() };
}
