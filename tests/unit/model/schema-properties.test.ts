// Property tests for the article schema (src/shared/model/schema.ts) and the source format
// (tools/content/source.ts): invalid input is rejected with errors that name the field; valid input
// round-trips through validation, JSON (as in KV) and the .md source format. Plain Node
// (vitest.unit.config.ts), so StrykerJS mutates schema.ts and source.ts against these properties.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mdText } from "../../../src/reader/render/markdown.ts";
import { type Article, slugify, validateArticle } from "../../../src/shared/model/schema.ts";
import { parseArticleSource } from "../../../tools/content/source.ts";

const RUNS = { numRuns: 300 };

// ---------- generators of valid input ----------

const ALNUM = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCXYZ0123456789");
const SAFE = fc.constantFrom(..."abcdeXYZ 019.,;:'’\"-–—é…ΩЖ中😀\u00a0<>&()?!/");
/** Text as an editor types it: ordinary characters around at least one letter or digit. */
const core = (max: number) =>
  fc
    .tuple(fc.string({ unit: SAFE, maxLength: Math.max(0, (max - 1) >> 1) }), ALNUM, fc.string({ unit: SAFE, maxLength: Math.max(0, (max - 1) >> 1) }))
    .map(([a, b, c]) => a + b + c);
/** The same with surrounding whitespace, which the schema trims. */
const padded = (max: number) =>
  fc.tuple(fc.constantFrom("", " ", "\n", " \t", "\r\n "), core(max), fc.constantFrom("", " ", "\n", "\t")).map(([a, b, c]) => a + b + c);

// Starts with a letter or digit that has an ASCII slug (section URLs need one); never "All", which is reserved.
const sectionName = fc
  .tuple(fc.constantFrom(..."ANSWZ9é"), fc.string({ unit: fc.constantFrom(..."abcxyz09 &'’-éЖ"), maxLength: 30 }))
  .map(([a, b]) => (a + b).trimEnd())
  .filter((name) => slugify(name).toLowerCase() !== "all");
const slug = fc.array(fc.string({ unit: ALNUM, minLength: 1, maxLength: 10 }), { minLength: 1, maxLength: 6 }).map((w) => w.join("-"));

const MIN = Date.UTC(1990, 0, 1);
const MAX = Date.UTC(2090, 0, 1);
function format(ms: number, style: number): string {
  const iso = new Date(ms).toISOString();
  if (style === 0) return iso.slice(0, 10);
  if (style === 1) return iso;
  if (style === 2) return iso.replace(/\.\d+Z$/, "Z");
  return iso.replace(/Z$/, "+00:00");
}
const dates = fc
  .tuple(
    fc.integer({ min: MIN, max: MAX }),
    fc.integer({ min: 0, max: 3 }),
    fc.option(fc.tuple(fc.integer({ min: 0, max: 10 * 365 * 86_400_000 }), fc.integer({ min: 0, max: 3 })), { nil: undefined }),
  )
  .map(([p, ps, mod]) => {
    const published = format(p, ps);
    // A date-only `published` means midnight UTC; modified is the same instant or later.
    const base = ps === 0 ? Date.parse(published) : p;
    return { published, modified: mod && format(base + mod[0], mod[0] === 0 ? ps : mod[1]) };
  })
  .filter(({ published, modified }) => modified === undefined || Date.parse(modified) >= Date.parse(published));

const paragraph = (max: number) => padded(max).map((text) => ({ type: "paragraph" as const, text }));
const heading = padded(300).map((text) => ({ type: "heading" as const, text }));
const figure = fc.record(
  {
    type: fc.constant("figure" as const),
    caption: padded(200),
    credit: padded(60),
    src: fc.constantFrom("https://example.com/a.jpg", "https://cdn.presstv.ir/x/y.png?w=800&h=600", "https://i.example/%20a"),
    alt: padded(100),
  },
  { requiredKeys: ["type", "caption", "credit"] },
);
type InBlock = { type: string; [k: string]: unknown };
const bodyArb = (first: fc.Arbitrary<InBlock>) =>
  fc
    .tuple(fc.array(fc.oneof(heading, figure), { maxLength: 2 }), first, fc.array(fc.oneof(paragraph(600), heading, figure), { maxLength: 5 }))
    .map(([before, first, after]) => [...before, first, ...after] as InBlock[]);

type Input = Record<string, unknown>;
/** Valid input. `first` makes the first paragraph, from which a missing description is taken. */
const validInput = (first: fc.Arbitrary<InBlock> = paragraph(480)): fc.Arbitrary<Input> =>
  fc
    .record(
      {
        // A string: the schema refuses a JSON number (an id is text in every path, URL and key).
        id: fc.stringMatching(/^[1-9][0-9]{0,11}$/),
        slug,
        section: fc.array(sectionName, { minLength: 1, maxLength: 4 }),
        headline: padded(280),
        description: padded(480),
        dates,
        body: bodyArb(first),
      },
      { requiredKeys: ["id", "section", "headline", "dates", "body"] },
    )
    .map(({ dates: d, ...rest }) => ({ ...rest, published: d.published, ...(d.modified === undefined ? {} : { modified: d.modified }) }));

// ---------- the source format, written by hand from tools/content/source.ts's documentation ----------
// The body is CommonMark: its text is written with the Markdown representation's escaper, so this also
// checks that what the escaper writes, the content build reads back as the same text.

function trimmed(s: string): string {
  return s.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, "");
}
function toSource(x: Input): string {
  const lines = ["---", `id: ${x.id}`];
  if (x.slug !== undefined) lines.push(`slug: ${x.slug}`);
  lines.push(`section: ${(x.section as string[]).join(" / ")}`, `headline: ${trimmed(x.headline as string)}`);
  if (x.description !== undefined) lines.push(`description: ${trimmed(x.description as string)}`);
  lines.push(`published: ${x.published}`);
  if (x.modified !== undefined) lines.push(`modified: ${x.modified}`);
  lines.push("---", "");
  for (const b of x.body as InBlock[]) {
    if (b.type === "paragraph") lines.push(mdText(trimmed(b.text as string)));
    else if (b.type === "heading") lines.push(`## ${mdText(trimmed(b.text as string)).replace(/#$/, "\\#")}`);
    else {
      lines.push("::: figure");
      for (const k of ["caption", "credit", "src", "alt"]) if (b[k] !== undefined) lines.push(`${k}: ${trimmed(b[k] as string)}`);
      lines.push(":::");
    }
    lines.push("");
  }
  return lines.join("\n");
}

function value(x: unknown): Article {
  const r = validateArticle(x);
  if (!r.ok) throw new Error(`expected valid, got ${JSON.stringify(r.errors)}`);
  return r.value;
}

// ---------- properties ----------

describe("validateArticle on valid input", () => {
  it("accepts it", () => {
    fc.assert(
      fc.property(validInput(), (x) => {
        const r = validateArticle(x);
        expect(r.ok ? [] : r.errors).toEqual([]);
      }),
      RUNS,
    );
  });

  it("is idempotent: validating the validated value gives the same value", () => {
    fc.assert(
      fc.property(validInput(), (x) => {
        const v = value(x);
        expect(validateArticle(v)).toEqual({ ok: true, value: v });
      }),
      RUNS,
    );
  });

  it("survives JSON, as stored in KV", () => {
    fc.assert(
      fc.property(validInput(), (x) => {
        const v = value(x);
        expect(validateArticle(JSON.parse(JSON.stringify(v)))).toEqual({ ok: true, value: v });
      }),
      RUNS,
    );
  });

  it("reads the same article back from its .md source", () => {
    fc.assert(
      fc.property(validInput(), (x) => {
        const parsed = parseArticleSource(toSource(x));
        expect(parsed).toEqual({ ok: true, value: value(x) });
      }),
      RUNS,
    );
  });
});

// Each mutation makes exactly one field invalid; the errors must include that field.
const MUTATIONS: [string, unknown[]][] = [
  ["id", ["0", "01", "abc", "", " 1", "1234567890123", -1, 0, 1.5, 42, null, [], "１２"]],
  ["headline", ["", "   ", "\n\t", "x".repeat(301), "a\u0000b", "a\u0085b", "a\nb", 42, null]],
  ["slug", ["a--b", "-a", "a-", "a b", "é", "x".repeat(101), "", 5, null]],
  ["section", [[], ["a", "b", "c", "d", "e"], "News", [""], ["a/b"], [42], ["x".repeat(61)], ["-x"], null]],
  ["published", ["2020-02-30", "2020-13-01", "20200227", "2020-02-27T25:00:00Z", "2020-02-27T10:00:00", "2020-02-27 10:00:00Z", "", 1582761600000, null]],
  ["description", ["", " ", "x".repeat(501), "a\u0007b", 1, null]],
  [
    "body",
    [
      [],
      "text",
      null,
      [{ type: "heading", text: "only a heading" }],
      [{ type: "paragraph", text: "ok" }, { type: "video" }],
      [{ type: "paragraph", text: "" }],
      [
        { type: "paragraph", text: "ok" },
        { type: "figure", caption: "c" },
      ],
      [
        { type: "paragraph", text: "ok" },
        { type: "figure", caption: "c", credit: "d", src: "http://example.com/a.jpg" },
      ],
      [
        { type: "paragraph", text: "ok" },
        { type: "figure", caption: "c", credit: "d", src: "javascript:alert(1)" },
      ],
      [
        { type: "paragraph", text: "ok" },
        { type: "figure", caption: "c", credit: "d", src: 'https://x/"onerror="' },
      ],
      [{ type: "paragraph", text: "ok" }, "str"],
      [{ type: "paragraph", text: "x".repeat(20_001) }],
      Array.from({ length: 1001 }, () => ({ type: "paragraph", text: "p" })),
    ],
  ],
];

describe("validateArticle on invalid input", () => {
  const mutated = fc
    .tuple(validInput(), fc.constantFrom(...MUTATIONS))
    .chain(([x, [field, bad]]) => fc.constantFrom(...bad).map((b) => ({ x: { ...x, [field]: b }, field })));

  it("rejects one bad field and names it", () => {
    fc.assert(
      fc.property(mutated, ({ x, field }) => {
        const r = validateArticle(x);
        expect(r.ok, `${field}=${JSON.stringify(x[field])?.slice(0, 80)}`).toBe(false);
        if (r.ok) return;
        expect(
          r.errors.some((e) => e.field === field || e.field.startsWith(`${field}[`) || e.field.startsWith(`${field}.`)),
          JSON.stringify(r.errors),
        ).toBe(true);
      }),
      RUNS,
    );
  });

  it("rejects a modified date before published, naming modified", () => {
    const r = validateArticle({
      id: "1",
      section: ["News"],
      headline: "h",
      published: "2020-02-27T10:00:00Z",
      modified: "2020-02-27",
      body: [{ type: "paragraph", text: "p" }],
    });
    expect(r).toEqual({ ok: false, errors: [{ field: "modified", message: "must not be before published" }] });
  });

  it("rejects unknown fields by name", () => {
    fc.assert(
      fc.property(
        validInput(),
        fc
          .string({ minLength: 1 })
          .filter((k) => !["id", "slug", "section", "headline", "description", "published", "modified", "body", "__proto__"].includes(k)),
        fc.anything(),
        (x, key, v) => {
          const r = validateArticle({ ...x, [key]: v });
          expect(r.ok).toBe(false);
          if (!r.ok) expect(r.errors).toContainEqual({ field: key, message: "is not a known field" });
        },
      ),
      RUNS,
    );
  });

  it("never throws on anything, and every error has a field and a message", () => {
    const almost = fc
      .tuple(validInput(), fc.constantFrom("id", "slug", "section", "headline", "description", "published", "modified", "body"), fc.anything())
      .map(([x, k, v]) => ({ ...x, [k]: v }));
    fc.assert(
      fc.property(fc.oneof(fc.anything(), almost, fc.object()), (input) => {
        const r = validateArticle(input);
        if (r.ok) {
          expect(validateArticle(r.value)).toEqual(r);
          return;
        }
        expect(r.errors.length).toBeGreaterThan(0);
        const isObject = typeof input === "object" && input !== null && !Array.isArray(input);
        for (const e of r.errors) {
          expect(typeof e.message).toBe("string");
          expect(e.message.length).toBeGreaterThan(0);
          // Only a non-object as a whole has no field to name (or an unknown key that is "").
          if (isObject) expect(e.field.length > 0 || Object.hasOwn(input as object, e.field), JSON.stringify(e)).toBe(true);
        }
      }),
      RUNS,
    );
  });
});

describe("parseArticleSource on invalid input", () => {
  it("never throws, and every error names a line or a field", () => {
    const noisy = fc
      .tuple(
        validInput(),
        fc.array(fc.tuple(fc.nat(), fc.oneof(fc.string(), fc.constantFrom("---", ":::", "::: figure", "# h", "## ", "id: 2", "nope", "caption: c", ""))), {
          maxLength: 4,
        }),
      )
      .map(([x, edits]) => {
        const lines = toSource(x).split("\n");
        for (const [at, line] of edits) lines.splice(at % (lines.length + 1), 0, line);
        return lines.join("\n");
      });
    fc.assert(
      fc.property(fc.oneof(fc.string(), noisy), (source) => {
        const r = parseArticleSource(source);
        if (r.ok) {
          expect(validateArticle(r.value)).toEqual(r);
          return;
        }
        for (const e of r.errors) expect(e.field).toMatch(/^(line \d+|front matter|(line \d+: )?[a-z]+(\[\d+\])?(\.[a-z]+(\[\d+\])?)*)$/);
      }),
      RUNS,
    );
  });

  it("names the line of a syntax error", () => {
    const ok = toSource({ id: "7", section: ["News"], headline: "H", published: "2020-01-01", body: [{ type: "paragraph", text: "P" }] });
    const cases: [string, string][] = [
      [ok.replace(/^---\n/, ""), "line 1"],
      [ok.replace("id: 7", "id: 7\nid: 8"), "line 3"],
      [ok.replace("id: 7", "id: 7\nauthor: me"), "line 3"],
      [ok.replace("id: 7", "id: 7\nnot a pair"), "line 3"],
      [`${ok}# title\n`, "line 9"],
      [`${ok}::: figure\ncaption: c\n`, "line 9"],
      [`${ok}::: figure\nsize: big\n:::\n`, "line 10"],
      ["---\nid: 7\n", "front matter"],
    ];
    for (const [source, field] of cases) {
      const r = parseArticleSource(source);
      expect(r.ok, source).toBe(false);
      if (!r.ok)
        expect(
          r.errors.map((e) => e.field),
          source,
        ).toContain(field);
    }
  });
});

// ---------- regression: a description taken from a long first paragraph ----------

// Without `description`, it comes from the first paragraph (up to 20 000 characters), while a given
// one may have at most 500. It once was the whole paragraph: the value did not validate again, and
// `readArticle`, which re-validates what it reads from KV, answered 503 for such an article.
describe("an article without description and a first paragraph over 500 characters", () => {
  it("round-trips through validation and JSON", () => {
    const long = fc.tuple(fc.string({ unit: SAFE, minLength: 500, maxLength: 5000 }), ALNUM).map(([a, b]) => ({ type: "paragraph", text: a + b }));
    fc.assert(
      fc.property(
        validInput(long).map(({ description, ...x }) => x),
        (x) => {
          const v = value(x);
          expect(validateArticle(JSON.parse(JSON.stringify(v)))).toEqual({ ok: true, value: v });
        },
      ),
      RUNS,
    );
  });

  // Its served counterpart ("is served after the content build accepted it") is in schema-integration, in workerd.
});
