import { describe, expect, it } from "vitest";
import { ConfigError, matchHost, normalizePath, parseHostTable, redirectStatus, safePath, unroutedHosts } from "../src/http/hosts.ts";

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
