// Property tests for `Accept` parsing and proactive negotiation (src/reader/http/accept.ts), including a
// model check against a small reference written from RFC 9110 §12.5.1 and §5.6.6 (parameters).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { negotiate, type Offer, parseAccept } from "../../../src/reader/http/accept.ts";
import { OFFERS } from "../../../src/reader/views/represent.ts";

const RUNS = { numRuns: 1000 };

// ---------- generators ----------

const POOL: readonly Offer[] = [
  { type: "text/html", params: [["charset", "utf-8"]] },
  { type: "application/json", params: [["charset", "utf-8"]] },
  { type: "application/problem+json" },
  { type: "text/plain" },
  { type: "image/png" },
  { type: "text/html", params: [["level", "1"]] },
];
const offersArb = fc.oneof(
  fc.constant(OFFERS as readonly Offer[]),
  fc.shuffledSubarray([...POOL], { minLength: 1 }).map((o) => o as readonly Offer[]),
);

/** Characters that matter to the grammar, mixed with anything at all. */
const grammarChar = fc.constantFrom(...'/,;="*qQ. \t01259abehjlmnopstxAHJTX-+\\é\u0000\u00a0');
const hostileHeader = fc.oneof(
  fc.string({ unit: grammarChar, maxLength: 80 }),
  fc.string({ unit: "grapheme", maxLength: 60 }),
  fc.string({ unit: "binary", maxLength: 60 }),
);

const TYPES = ["text", "application", "image", "TEXT", "Application"];
const SUBTYPES = ["html", "json", "problem+json", "plain", "png", "xml", "HTML", "Json"];
const ows = fc.constantFrom("", " ", "\t", "  ");
const qvalue = fc.oneof(
  fc.constantFrom("0", "0.", "0.0", "0.000", "1", "1.", "1.0", "1.000"),
  fc.integer({ min: 1, max: 999 }).map((n) => {
    const digits = String(n).padStart(3, "0").replace(/0+$/, "");
    return `0.${digits}`;
  }),
);
const paramArb = fc.oneof(
  fc.constantFrom<[string, string]>(["charset", "utf-8"], ["charset", "UTF-8"], ["charset", '"utf-8"'], ["charset", "iso-8859-1"]),
  fc.constantFrom<[string, string]>(["Charset", "utf-8"], ["level", "1"], ["level", '"1"'], ["format", "flowed"]),
  // Quoted values may hold "," and ";" and quoted-pairs (§5.6.4); no offer has these parameters.
  fc.constantFrom<[string, string]>(["x", '"a,b"'], ["x", '"text/html, */*"'], ["y", '"1;q=1"'], ["z", '"a\\"b,c"']),
);

interface GenRange {
  type: string;
  subtype: string;
  params: [string, string][];
  q: string | undefined;
  qName: "q" | "Q";
  /** An empty parameter, allowed by `parameters = *( OWS ";" OWS [ parameter ] )` (§5.6.6). */
  emptyParam: boolean;
}
const rangeArb: fc.Arbitrary<GenRange> = fc
  .oneof(
    fc.constant(["*", "*"] as const),
    fc.tuple(fc.constantFrom(...TYPES), fc.constant("*")),
    fc.tuple(fc.constantFrom(...TYPES), fc.constantFrom(...SUBTYPES)),
  )
  .chain(([type, subtype]) =>
    fc.record({
      type: fc.constant(type),
      subtype: fc.constant(subtype),
      // Media-type parameters only on a full type/subtype, as in practice.
      params: subtype === "*" ? fc.constant([] as [string, string][]) : fc.uniqueArray(paramArb, { maxLength: 2, selector: ([n]) => n.toLowerCase() }),
      q: fc.option(qvalue, { nil: undefined }),
      qName: fc.constantFrom("q" as const, "Q" as const),
      emptyParam: fc.boolean(),
    }),
  );

/** A key that identifies a range up to case, so generated headers never name one range twice. */
function rangeKey(r: GenRange): string {
  const params = r.params.map(([n, v]) => `${n.toLowerCase()}=${unquote(v).toLowerCase()}`).sort();
  return [r.type.toLowerCase(), r.subtype.toLowerCase(), ...params].join(";");
}

function unquote(v: string): string {
  return /^".*"$/.test(v) ? v.slice(1, -1).replace(/\\(.)/g, "$1") : v;
}

function serialize(r: GenRange, sp: string): string {
  let s = `${r.type}/${r.subtype}`;
  if (r.emptyParam) s += `${sp};`;
  for (const [n, v] of r.params) s += `${sp};${sp}${n}=${v}`;
  if (r.q !== undefined) s += `${sp};${sp}${r.qName}=${r.q}`;
  return s;
}

/** A grammatical `Accept` value with distinct ranges, plus the ranges it was made from. */
const wellFormed = fc
  .tuple(fc.uniqueArray(rangeArb, { minLength: 1, maxLength: 6, selector: rangeKey }), ows, ows)
  .map(([ranges, sp, listSp]) => ({ ranges, header: ranges.map((r) => serialize(r, sp)).join(`${listSp},${listSp}`) }));

// ---------- reference: RFC 9110 §12.5.1 ----------

interface RefRange {
  type: string;
  subtype: string;
  params: Map<string, string>;
  q: number;
}

/** The ranges of a header known to be grammatical (made by `wellFormed`). */
function refParse(ranges: GenRange[]): RefRange[] {
  return ranges.map((r) => ({
    // "The type and subtype tokens are case-insensitive." (§8.3.1)
    type: r.type.toLowerCase(),
    subtype: r.subtype.toLowerCase(),
    // "Parameter names are case-insensitive. … A parameter value … can be transmitted either as a
    // token or within a quoted-string. The quoted and unquoted values are equivalent." (§5.6.6)
    // charset values are case-insensitive (§8.3.2); the generator uses only case-free other values.
    params: new Map(r.params.map(([n, v]) => [n.toLowerCase(), unquote(v).toLowerCase()])),
    // "If no "q" parameter is present, the default weight is 1." (§12.4.2)
    q: r.q === undefined ? 1 : Number(r.q),
  }));
}

/** How specific a range is when it matches the offer, else -1: `*\/*` < `type/*` < `type/subtype` < with parameters. */
function refSpecificity(range: RefRange, offer: Offer): number {
  const [type, subtype] = offer.type.split("/");
  if (range.type !== "*" && range.type !== type) return -1;
  if (range.subtype !== "*" && range.subtype !== subtype) return -1;
  const has = new Map(offer.params ?? []);
  for (const [n, v] of range.params) if (has.get(n) !== v) return -1;
  if (range.type === "*") return 0;
  if (range.subtype === "*") return 1;
  return 2 + range.params.size;
}

/**
 * "Media ranges can be overridden by more specific media ranges or specific media types. If more
 * than one media range applies to a given type, the most specific reference has precedence."
 * A type matched by no range is not acceptable (q=0).
 */
function refQuality(ranges: RefRange[], offer: Offer): { q: number; spec: number } {
  let best = { q: 0, spec: -1 };
  for (const r of ranges) {
    const spec = refSpecificity(r, offer);
    if (spec > best.spec) best = { q: r.q, spec };
  }
  return best;
}

// ---------- properties ----------

describe("parseAccept", () => {
  it("never throws and yields only well-formed ranges", () => {
    fc.assert(
      fc.property(hostileHeader, (header) => {
        const ranges = parseAccept(header);
        // at most one range per comma-separated element, so the loop below walks a bounded list
        expect(ranges.length).toBeLessThanOrEqual(header.split(",").length);
        for (const r of ranges) {
          expect(r.type).toMatch(/^[!#$%&'*+.^_`|~0-9a-z-]+$/);
          expect(r.subtype).toMatch(/^[!#$%&'*+.^_`|~0-9a-z-]+$/);
          expect(r.q).toBeGreaterThanOrEqual(0);
          expect(r.q).toBeLessThanOrEqual(1);
          if (r.type === "*") expect(r.subtype).toBe("*");
        }
      }),
      RUNS,
    );
  });

  it("reads every range of a grammatical header with its parameters and q", () => {
    fc.assert(
      fc.property(wellFormed, ({ ranges, header }) => {
        const parsed = parseAccept(header);
        const ref = refParse(ranges);
        expect(parsed.map((r) => [r.type, r.subtype, r.params, r.q])).toEqual(ref.map((r) => [r.type, r.subtype, [...r.params], r.q]));
      }),
      RUNS,
    );
  });
});

describe("negotiate", () => {
  it("never throws on any header and returns one of the offers or null", () => {
    fc.assert(
      fc.property(fc.option(hostileHeader, { nil: undefined }), offersArb, (header, offers) => {
        const chosen = negotiate(header, offers);
        expect(chosen === null || offers.includes(chosen)).toBe(true);
      }),
      RUNS,
    );
  });

  it("accepts anything when the header is absent, empty or has no valid range", () => {
    fc.assert(
      fc.property(fc.constantFrom(undefined, null, "", " ", ",", ";", "html", "text", "/", "*/html", ";q=1", "text/html;q=2"), offersArb, (header, offers) => {
        expect(negotiate(header, offers)).toBe(offers[0]);
      }),
    );
  });

  it("does not depend on the order of the comma-separated parts", () => {
    // Without quotes, every comma separates list elements (with them, moving parts changes the quoting).
    const permuted = hostileHeader
      .map((h) => h.replace(/"/g, ""))
      .chain((header) => {
        const parts = header.split(",");
        return fc.tuple(
          fc.constant(header),
          fc.shuffledSubarray(parts, { minLength: parts.length, maxLength: parts.length }).map((p) => p.join(",")),
        );
      });
    fc.assert(
      fc.property(permuted, offersArb, ([header, shuffled], offers) => {
        expect(negotiate(shuffled, offers)).toBe(negotiate(header, offers));
      }),
      RUNS,
    );
  });

  it("does not depend on the order of ranges that share one q", () => {
    const sameQ = fc.tuple(wellFormed, qvalue).chain(([{ ranges }, q]) => {
      const withQ = ranges.map((r) => ({ ...r, q }));
      return fc.tuple(
        fc.constant(withQ.map((r) => serialize(r, "")).join(", ")),
        fc.shuffledSubarray(withQ, { minLength: withQ.length, maxLength: withQ.length }).map((rs) => rs.map((r) => serialize(r, "")).join(", ")),
      );
    });
    fc.assert(
      fc.property(sameQ, offersArb, ([a, b], offers) => {
        expect(negotiate(b, offers)).toBe(negotiate(a, offers));
      }),
      RUNS,
    );
  });

  it("honours q: with each offer named exactly, the highest q wins and q=0 refuses", () => {
    const arb = fc
      .shuffledSubarray(["text/html", "application/json", "text/plain", "image/png"], { minLength: 1 })
      .chain((types) => fc.tuple(fc.constant(types), fc.uniqueArray(fc.integer({ min: 0, max: 1000 }), { minLength: types.length, maxLength: types.length })));
    fc.assert(
      fc.property(arb, ([types, qs]) => {
        const offers = types.map((type) => ({ type }));
        const header = types.map((t, i) => `${t};q=${qs[i] / 1000}`).join(", ");
        const best = Math.max(...qs);
        const chosen = negotiate(header, offers);
        if (best === 0) expect(chosen).toBeNull();
        else expect(chosen).toBe(offers[qs.indexOf(best)]);
      }),
      RUNS,
    );
  });

  it("agrees with the RFC 9110 reference: the chosen offer has the highest q, null when every q is 0", () => {
    fc.assert(
      fc.property(wellFormed, offersArb, ({ ranges, header }, offers) => {
        const ref = refParse(ranges);
        const qs = offers.map((o) => refQuality(ref, o).q);
        const best = Math.max(...qs);
        const chosen = negotiate(header, offers);
        if (best === 0) expect(chosen).toBeNull();
        else {
          expect(chosen).not.toBeNull();
          expect(qs[offers.indexOf(chosen as Offer)]).toBe(best);
        }
      }),
      RUNS,
    );
  });

  it("breaks ties as documented: the more specifically named offer, then offer order", () => {
    fc.assert(
      fc.property(wellFormed, offersArb, ({ ranges, header }, offers) => {
        const ref = refParse(ranges);
        let expected: Offer | null = null;
        let bestQ = 0;
        let bestSpec = -1;
        for (const o of offers) {
          const { q, spec } = refQuality(ref, o);
          if (q > bestQ || (q === bestQ && q > 0 && spec > bestSpec)) [expected, bestQ, bestSpec] = [o, q, spec];
        }
        expect(negotiate(header, offers)).toBe(expected);
      }),
      RUNS,
    );
  });

  it("picks JSON for app-style headers and HTML for browser headers", () => {
    const html = OFFERS[0];
    const json = OFFERS[1];
    for (const h of [
      "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
      "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
      "*/*",
    ])
      expect(negotiate(h, OFFERS)).toBe(html);
    for (const h of ["application/json", "application/json, */*", "application/json, text/plain, */*", "application/*", "application/json;charset=utf-8"])
      expect(negotiate(h, OFFERS)).toBe(json);
    expect(negotiate("application/json;q=0, text/html;q=0", OFFERS)).toBeNull();
    expect(negotiate("image/png", OFFERS)).toBeNull();
  });
});

describe("RFC 9110 grammar corners", () => {
  // §5.6.6 `parameters = *( OWS ";" OWS [ parameter ] )` allows an empty parameter.
  it("keeps a range that has an empty parameter (`application/json;` asks for JSON)", () => {
    const json = OFFERS[1];
    expect(negotiate("application/json;", OFFERS)).toBe(json);
    expect(negotiate("application/json ; ", OFFERS)).toBe(json);
    expect(negotiate("application/json;;q=0.9, text/html;q=0.5", OFFERS)).toBe(json);
  });

  // A quoted-string may hold "," (§5.6.4); list elements are split only outside quoted strings (§5.6.1).
  it("does not split on a comma inside a quoted parameter value", () => {
    expect(parseAccept('application/json;x="a,b"')).toEqual([{ type: "application", subtype: "json", params: [["x", "a,b"]], q: 1 }]);
    // Only application/json;x="…" is named, and no offer has that parameter: nothing is acceptable.
    expect(negotiate('application/json;x=", text/html, "', OFFERS)).toBeNull();
  });
});
