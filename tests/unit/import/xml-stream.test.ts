// A WordPress export read as it streams (tools/import/xml-stream.ts, wxr.ts's wxrHeader and wxrParts):
// the same items as the whole file parsed at once, however the file is cut into chunks; an `</item>`
// inside CDATA, a comment or an attribute value is text; an item over the limit is given by its size
// alone and the rest go on; a file cut short is an error. Plain Node.
import { describe, expect, it } from "vitest";
import { parseWxr, wxrHeader, wxrParts } from "../../../tools/import/wxr.ts";
import { type Piece, xmlPieces, XmlStreamError } from "../../../tools/import/xml-stream.ts";
import crazyCdata from "../../support/fixtures/import/wordpress-importer/crazy-cdata.xml?raw";
import smallExport from "../../support/fixtures/import/wordpress-importer/small-export.xml?raw";
import themeUnitTest from "../../support/fixtures/import/wordpress-importer/theme-unit-test-data.xml?raw";
import validWxr11 from "../../support/fixtures/import/wordpress-importer/valid-wxr-1.1.xml?raw";
import utf8Challenges from "../../support/fixtures/import/wordpress-importer/wxr-utf-8-challenges.xml?raw";

const LIMITS = { maxItem: 1 << 20, maxHeader: 1 << 20 };
const OPTIONS = { section: "News", pages: true };

/** `text` in chunks of `size` characters. */
const chunked = (text: string, size: number) => Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));

async function pieces(text: string, size: number, limits = LIMITS): Promise<Piece[]> {
  const out: Piece[] = [];
  for await (const piece of xmlPieces(chunked(text, size), limits)) out.push(piece);
  return out;
}

const TRICKY = [
  `<?xml version="1.0"?><!-- an </item> in a comment --><!DOCTYPE rss [ <!ENTITY x "</item>"> ]>`,
  `<rss><channel><title>T</title>`,
  `<item><title><![CDATA[a ]]]]><![CDATA[> b </item> <item>]]></title><guid a="x > </item>">1</guid></item>`,
  `<?pi </item> ?>`,
  `<item/>`,
  `<item><item>nested</item><x>y</x></item>`,
  `<item ><description>&lt;/item&gt;</description></item >`,
  `</channel></rss>`,
].join("\n");

describe("the stream splitter", () => {
  it.each([1, 2, 3, 5, 7, 64, 100_000])("finds the same header and items in chunks of %i characters", async (size) => {
    expect(await pieces(TRICKY, size)).toEqual([
      { kind: "header", text: TRICKY.slice(0, TRICKY.indexOf("<item>")) },
      { kind: "item", text: `<item><title><![CDATA[a ]]]]><![CDATA[> b </item> <item>]]></title><guid a="x > </item>">1</guid></item>` },
      { kind: "item", text: "<item/>" },
      { kind: "item", text: "<item><item>nested</item><x>y</x></item>" },
      { kind: "item", text: "<item ><description>&lt;/item&gt;</description></item >" },
    ]);
  });

  it("gives an item over the limit by its length and first characters, and goes on with the next", async () => {
    const big = `<item><title>Huge one</title><content><![CDATA[${"x".repeat(5000)}]]></content></item>`;
    const got = await pieces(`<rss><channel>${big}<item>next</item></channel></rss>`, 333, { maxItem: 1000, maxHeader: 1000 });
    expect(got).toEqual([
      { kind: "header", text: "<rss><channel>" },
      { kind: "oversized", length: big.length, head: expect.stringMatching(/^<item><title>Huge one<\/title><content><!\[CDATA\[x{900,}$/) },
      { kind: "item", text: "<item>next</item>" },
    ]);
  });

  it.each([
    ["inside an item", "<rss><channel><item><title>cut"],
    ["inside a CDATA section", "<rss><channel><item><![CDATA[cut"],
  ])("a file cut short %s is an error, not a lost item", async (_, text) => {
    await expect(pieces(text, 4)).rejects.toThrow(XmlStreamError);
  });

  it("a header over its limit is an error", async () => {
    await expect(pieces(`<rss><channel>${"<x/>".repeat(100)}<item/>`, 16, { maxItem: 100, maxHeader: 200 })).rejects.toThrow(/header/);
  });
});

describe("a WordPress export read as it streams", () => {
  it.each([
    ["small-export.xml", smallExport],
    ["theme-unit-test-data.xml", themeUnitTest],
    ["valid-wxr-1.1.xml", validWxr11],
    ["crazy-cdata.xml", crazyCdata],
    ["wxr-utf-8-challenges.xml", utf8Challenges],
  ])("%s gives the items, sections and ignored entries the whole file does", async (_, xml) => {
    const whole = parseWxr(xml, OPTIONS);
    const stream = xmlPieces(chunked(xml, 4096), LIMITS);
    const first = await stream.next();
    const channel = !first.done && first.value.kind === "header" ? wxrHeader(first.value.text) : undefined;
    expect(channel?.title).toBe(whole.title);
    const parts = [];
    for await (const part of wxrParts(channel!, stream, OPTIONS, 3)) parts.push(part);
    expect(parts.flatMap((p) => p.items)).toEqual(whole.items);
    expect(parts.at(-1)!.sections).toEqual(whole.sections);
    const ignored: Record<string, number> = {};
    for (const p of parts) for (const [k, n] of Object.entries(p.ignored)) ignored[k] = (ignored[k] ?? 0) + n;
    expect(ignored).toEqual(whole.ignored);
    expect(parts.every((p) => p.items.length <= 3)).toBe(true);
  });

  it("an oversized item is refused with its size and title; the items around it are read", async () => {
    const huge = `<item><title><![CDATA[The huge one]]></title><content:encoded><![CDATA[${"<p>x</p>".repeat(300)}]]></content:encoded></item>`;
    const xml = smallExport.replace("<item>", `${huge}<item>`);
    const stream = xmlPieces(chunked(xml, 1000), { maxItem: 2000, maxHeader: 1 << 20 });
    const first = await stream.next();
    const parts = [];
    for await (const part of wxrParts(wxrHeader((first.value as { text: string }).text)!, stream, OPTIONS)) parts.push(part);
    const items = parts.flatMap((p) => p.items);
    expect(items).toHaveLength(parseWxr(smallExport, OPTIONS).items.length + 1);
    expect(items[0]).toMatchObject({
      label: 'item 1 "The huge one"',
      refused: expect.stringMatching(/^the item is 0\.0 MB of XML, over what one item may be/),
    });
  });

  it("an RSS feed's header is not a WordPress export's", () => {
    expect(wxrHeader(`<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title>`)).toBeUndefined();
  });
});
