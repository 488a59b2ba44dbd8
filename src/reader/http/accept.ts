/**
 * @module
 * Proactive content negotiation on `Accept` (RFC 9110 §12.5.1).
 */

interface MediaRange {
  type: string;
  subtype: string;
  /** Parameters other than q, lower-cased names; a range with parameters matches only a representation that has them. */
  params: [string, string][];
  q: number;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// RFC 9110 §12.4.2: qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/** Splits on `sep` outside quoted strings (RFC 9110 §5.6.4), honouring backslash escapes. */
function split(text: string, sep: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted && ch === "\\") i++;
    else if (ch === '"') quoted = !quoted;
    else if (ch === sep && !quoted) {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(text.slice(from));
  return parts;
}

/** Parses `Accept`; malformed ranges are skipped rather than failing the whole field. */
export function parseAccept(header: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const part of split(header, ",")) {
    const [range, ...rawParams] = split(part, ";").map((s) => s.trim());
    const slash = range.indexOf("/");
    const type = range.slice(0, slash).toLowerCase();
    const subtype = range.slice(slash + 1).toLowerCase();
    if (slash < 0 || !TOKEN.test(type) || !TOKEN.test(subtype) || (type === "*" && subtype !== "*")) continue;
    let q = 1;
    let valid = true;
    const params: [string, string][] = [];
    for (const p of rawParams) {
      if (p === "") continue; // `parameters = *( OWS ";" OWS [ parameter ] )` allows empty ones
      const eq = p.indexOf("=");
      const name = p.slice(0, eq).trim().toLowerCase();
      let value = p.slice(eq + 1).trim();
      if (eq < 1 || !TOKEN.test(name)) {
        valid = false;
        break;
      }
      if (name === "q") {
        if (!QVALUE.test(value)) {
          valid = false;
          break;
        }
        q = Number(value);
        break; // what follows q are accept-ext parameters (RFC 7231), not media type parameters
      }
      if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1).replace(/\\(.)/g, "$1");
      params.push([name, value.toLowerCase()]);
    }
    if (valid) ranges.push({ type, subtype, params, q });
  }
  return ranges;
}

export interface Offer {
  /** `type/subtype`, lower case. */
  type: string;
  /** Parameters the representation carries, e.g. `[["charset", "utf-8"]]`. */
  params?: [string, string][];
}

function specificity(range: MediaRange, offer: Offer): number {
  const [type, subtype] = offer.type.split("/");
  if (range.type === "*") return 0;
  if (range.type !== type) return -1;
  if (range.subtype === "*") return 1;
  if (range.subtype !== subtype) return -1;
  if (range.params.length === 0) return 2;
  const has = offer.params ?? [];
  return range.params.every(([n, v]) => has.some(([hn, hv]) => hn === n && hv === v)) ? 2 + range.params.length : -1;
}

/**
 * Picks the offer the client prefers. Each offer gets the q of the most specific range that
 * matches it (so `application/json;q=0, *\/*` refuses JSON). The highest q wins; between equal q
 * the offer named more specifically wins (so `application/json, *\/*` gets JSON), then offer order.
 * No header, an empty one, or one with no valid range accepts anything. Returns `null` when every
 * offer has q=0 or matches nothing: the caller answers 406.
 */
export function negotiate<T extends Offer>(header: string | null | undefined, offers: readonly T[]): T | null {
  const ranges = header ? parseAccept(header) : [];
  if (ranges.length === 0) return offers[0] ?? null;
  let best: T | null = null;
  let bestQ = 0;
  let bestSpec = -1;
  for (const offer of offers) {
    let q = 0;
    let spec = -1;
    for (const range of ranges) {
      const s = specificity(range, offer);
      if (s >= 0 && (s > spec || (s === spec && range.q > q))) {
        spec = s;
        q = range.q;
      }
    }
    if (q > bestQ || (q === bestQ && q > 0 && spec > bestSpec)) {
      best = offer;
      bestQ = q;
      bestSpec = spec;
    }
  }
  return best;
}

const memo = new WeakMap<readonly Offer[], Map<string, Offer | null>>();

/**
 * `negotiate` remembered per offer list and `Accept` value: clients send a handful of distinct
 * values, so the hot path parses each once per isolate (at most 256 kept per list).
 */
export function negotiateCached<T extends Offer>(header: string | null | undefined, offers: readonly T[]): T | null {
  let known = memo.get(offers);
  if (!known) memo.set(offers, (known = new Map()));
  const key = header ?? "";
  let result = known.get(key);
  if (result === undefined) {
    result = negotiate(header, offers);
    if (known.size >= 256) known.clear();
    known.set(key, result);
  }
  return result as T | null;
}
