// Edge cases that mutation testing (npm run test:mutation) showed no other test pinned: each block
// names the module, each case the behaviour a surviving mutant had changed. Plain Node.
import { describe, expect, it } from "vitest";
import { ConfigError, matchHost, normalizePath, parseHostTable, redirectStatus, safePath, unroutedHosts } from "../../../src/reader/site/hosts.ts";

const ORIGIN = "https://www.presstv.ir";
// Built per call, inside each test, so its construction is covered by the tests that use it (Stryker's per-test coverage).
const table = () =>
  parseHostTable(ORIGIN, {
    "www.presstv.ir": "canonical",
    "presstv.co.uk": "redirect",
    "mirror.example": "mirror",
    "*.workers.dev": "mirror",
  });

describe("parseHostTable", () => {
  it.each([
    [{ "www.presstv.ir": "canonical", "Bad.Host": "mirror" }, /"Bad.Host" is not a lower-case host name/],
    [{ "www.presstv.ir": "canonical", "a.example": "proxy" }, /"a.example" has policy "proxy"/],
    [{ "www.presstv.ir": "canonical", "a.example:8080": "mirror" }, /"a.example:8080"/],
    [{ "www.presstv.ir": "canonical", "a.example.": "mirror" }, /"a.example."/],
    [{ "www.presstv.ir": "canonical", "other.example": "canonical" }, /"other.example" is "canonical" but CANONICAL_ORIGIN names www.presstv.ir/],
    [{ "presstv.co.uk": "redirect" }, /"www.presstv.ir" \(the host of CANONICAL_ORIGIN\) must be listed as "canonical"/],
    [["www.presstv.ir"], /HOSTS must be a table/],
  ])("rejects %j naming the host", (hosts, message) => {
    expect(() => parseHostTable(ORIGIN, hosts)).toThrow(ConfigError);
    expect(() => parseHostTable(ORIGIN, hosts)).toThrow(message);
  });

  it.each(["http://www.presstv.ir", "https://www.presstv.ir/news", "www.presstv.ir", "https://www.presstv.ir/"])("rejects CANONICAL_ORIGIN %j", (origin) => {
    expect(() => parseHostTable(origin, { "www.presstv.ir": "canonical" })).toThrow(/CANONICAL_ORIGIN/);
  });
});

describe("matchHost", () => {
  const m = (url: string) => matchHost(new URL(url), table());
  it("matches case-insensitively, ignoring trailing dots and ports", () => {
    expect(m("https://WWW.PRESSTV.IR/")).toEqual({ policy: "canonical", origin: ORIGIN });
    expect(m("https://www.presstv.ir./")).toEqual({ policy: "canonical", origin: ORIGIN });
    expect(m("https://presstv.co.uk:443/x")?.policy).toBe("redirect");
  });
  it("gives a mirror its own origin, built from the matched name", () => {
    expect(m("https://Mirror.Example./x")).toEqual({ policy: "mirror", origin: "https://mirror.example" });
    expect(m("http://edge-news.dev.workers.dev:8787/")).toEqual({ policy: "mirror", origin: "http://edge-news.dev.workers.dev:8787" });
  });
  it("has no implicit www or wildcard", () => {
    expect(m("https://presstv.ir/")).toBeUndefined();
    expect(m("https://www.presstv.co.uk/")).toBeUndefined();
    expect(m("https://workers.dev/")).toBeUndefined();
    expect(m("https://evil.example/")).toBeUndefined();
    expect(m("https://www.presstv.ir.evil.example/")).toBeUndefined();
    expect(m("http://[::1]/")).toBeUndefined();
  });
});

describe("safePath", () => {
  it.each([
    ["/", "/"],
    ["/a/b", "/a/b"],
    ["//evil.example/x", "/evil.example/x"],
    ["/\\evil.example", "/evil.example"],
    ["\\\\evil.example", "/evil.example"],
    ["///x", "/x"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
  ])("%j → %j", (input, output) => {
    expect(safePath(input)).toBe(output);
    expect(new URL(ORIGIN + safePath(input)).origin).toBe(ORIGIN);
  });
});

it("redirects GET/HEAD with 301 and other methods with 308", () => {
  expect(redirectStatus("GET")).toBe(301);
  expect(redirectStatus("HEAD")).toBe(301);
  expect(redirectStatus("POST")).toBe(308);
  expect(redirectStatus("DELETE")).toBe(308);
});

describe("unroutedHosts (deploy check)", () => {
  it("names every public host without a route", () => {
    expect(
      unroutedHosts({ "www.presstv.ir": "canonical", "news.example": "mirror", localhost: "mirror", "*.workers.dev": "mirror" }, [
        { pattern: "www.presstv.ir" },
      ]),
    ).toEqual(['HOSTS: "news.example" has no route in wrangler.toml (add { pattern = "news.example", custom_domain = true })']);
  });
  it("accepts zone routes written with a path", () => {
    expect(unroutedHosts({ "www.presstv.ir": "canonical" }, ["www.presstv.ir/*"])).toEqual([]);
  });
});

describe("normalizePath (RFC 3986 §6.2.2.2)", () => {
  it.each([
    ["/%64etail/2020", "/detail/2020"],
    ["/Detail/%31%30", "/Detail/10"],
    ["/a%2Fb", "/a%2Fb"],
    ["/a%2fb", "/a%2Fb"],
    ["/%3Cscript%3E", "/%3Cscript%3E"],
    ["/%7e%2D%5F%2E", "/~-_."],
    ["/%zz", "/%zz"],
  ])("%j → %j", (input, output) => {
    expect(normalizePath(input)).toBe(output);
  });
});

// From edges-unit.test.ts: Edge cases that mutation testing (npm run test:mutation) showed no other test pinned: each block names the module, each case the behaviour a surviving mutant had changed. Plain Node.
describe("edge cases mutation testing found no test pinning", () => {
  describe("http/hosts", () => {
    const ORIGIN = "https://www.presstv.ir";
    const base = { "www.presstv.ir": "canonical" };

    it("names its error class", () => {
      expect(new ConfigError("x").name).toBe("ConfigError");
    });

    it("says which setting is wrong, in one message", () => {
      expect(() => parseHostTable("not a url", base)).toThrow(
        'Invalid host configuration in wrangler.toml:\n- CANONICAL_ORIGIN "not a url" is not a URL\n- HOSTS: "www.presstv.ir" is "canonical" but CANONICAL_ORIGIN names no host',
      );
    });

    it.each(["http://www.presstv.ir", "https://www.presstv.ir/news", "https://www.presstv.ir/", "https://WWW.presstv.ir"])(
      "rejects CANONICAL_ORIGIN %j as not an https origin",
      (origin) => {
        expect(() => parseHostTable(origin, base)).toThrow(`CANONICAL_ORIGIN ${JSON.stringify(origin)} must be an https origin with no path`);
      },
    );

    it.each([["x"], [null], [42], [["www.presstv.ir"]]])("rejects HOSTS %j as not a table", (hosts) => {
      expect(() => parseHostTable(ORIGIN, hosts)).toThrow(ConfigError);
      expect(() => parseHostTable(ORIGIN, hosts)).toThrow("HOSTS must be a table of host = policy");
    });

    it.each(["news.x", "[::1]", "[2001:db8::1]", "*.a.example", "a-b.example", `${"a".repeat(63)}.example`])("accepts host name %j", (host) => {
      expect(() => parseHostTable(ORIGIN, { ...base, [host]: "mirror" })).not.toThrow();
    });

    it.each(["a[::1]", "[::1]x", "[zz]", "[]", "-a.example", "a-.example", "a..example", "a.*.example", "a_b.example", `${"a".repeat(64)}.example`])(
      "rejects host name %j",
      (host) => {
        expect(() => parseHostTable(ORIGIN, { ...base, [host]: "mirror" })).toThrow(`"${host}" is not a lower-case host name`);
      },
    );

    // Built inside each test, so Stryker's per-test coverage sees the construction.
    const table = () => parseHostTable(ORIGIN, { ...base, "presstv.co.uk": "redirect", "*.workers.dev": "mirror", "m.example": "mirror" });

    it("matches hosts exactly or by a written wildcard, ignoring any number of trailing dots", () => {
      expect(matchHost(new URL("https://www.presstv.ir../"), table())?.policy).toBe("canonical");
      expect(matchHost(new URL("https://evil.example/"), table())).toBeUndefined();
      expect(matchHost(new URL("https://workers.dev/"), table())).toBeUndefined();
      expect(matchHost(new URL("https://a.workers.dev/"), table())).toEqual({ policy: "mirror", origin: "https://a.workers.dev" });
      expect(matchHost(new URL("http://m.example:8080/"), table())).toEqual({ policy: "mirror", origin: "http://m.example:8080" });
    });

    it("sends redirect hosts to the configured origin whatever the request's scheme and port", () => {
      expect(matchHost(new URL("http://presstv.co.uk:8443/x"), table())).toEqual({ policy: "redirect", origin: ORIGIN });
    });

    it("folds only leading slashes and backslashes", () => {
      expect(safePath("/a//b")).toBe("/a//b");
      expect(safePath("/\\/a\\b")).toBe("/a\\b");
    });

    it("needs a route for every public host: a trailing / or /* on a route pattern is ignored", () => {
      expect(unroutedHosts({ "a.example": "redirect", "b.example": "redirect" }, ["a.example/", { pattern: "b.example/*" }])).toEqual([]);
      expect(unroutedHosts({ "a.example": "redirect" }, ["a.example/x"])).toHaveLength(1);
    });

    it.each(["xlocalhost", "localhost.evil", "127.0.0.1.evil", "x*.workers.dev", "*.workers.dev.evil"])(
      "needs a route for %j, which only looks local",
      (host) => {
        expect(unroutedHosts({ [host]: "mirror" }, [])).toEqual([
          `HOSTS: "${host}" has no route in wrangler.toml (add { pattern = "${host}", custom_domain = true })`,
        ]);
      },
    );

    it.each([[null], ["ab"], [undefined]])("finds no hosts in HOSTS %j", (hosts) => {
      expect(unroutedHosts(hosts, [])).toEqual([]);
    });
  });
});
