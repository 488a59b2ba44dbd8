/**
 * @module
 * Cloudflare Access for the desk: verifies the `Cf-Access-Jwt-Assertion` JWT (RFC 7519) with jose —
 * its signature against the team's published keys (`<team>/cdn-cgi/access/certs`, a JWKS, RFC 7517),
 * its audience (the Access application's tag), its issuer (the team) and its expiry — and answers the
 * email it asserts. It runs in the Newsroom Worker as an RPC entrypoint (`DeskAccess`), which the
 * reader binds as `ACCESS`: jose is about 7 KiB gzipped, and the reader's bundle, which every cold
 * start on every location pays for, never needs it; a desk sign-in calls it once per session.
 */

import { WorkerEntrypoint } from "cloudflare:workers";
import { createLocalJWKSet, createRemoteJWKSet, type JWTVerifyGetKey, jwtVerify } from "jose";

export interface AccessSettings {
  team: string;
  aud: string;
  /** A JWKS (JSON) to use instead of fetching the team's. */
  jwks?: string;
}

const remote = new Map<string, JWTVerifyGetKey>();

function keysFor(settings: AccessSettings): JWTVerifyGetKey {
  if (settings.jwks) return createLocalJWKSet(JSON.parse(settings.jwks));
  let keys = remote.get(settings.team);
  // jose caches the fetched JWKS and refetches it when a token names a key it does not hold (rotation).
  if (!keys) remote.set(settings.team, (keys = createRemoteJWKSet(new URL("/cdn-cgi/access/certs", settings.team))));
  return keys;
}

/** The email an Access JWT asserts, or null when anything about it is not right (never an exception). */
export async function verifyAccess(jwt: string, settings: AccessSettings): Promise<string | null> {
  if (!settings.team || !settings.aud || jwt.length > 8192) return null;
  try {
    const { payload } = await jwtVerify(jwt, keysFor(settings), {
      audience: settings.aud,
      issuer: settings.team.replace(/\/+$/, ""),
      algorithms: ["RS256", "ES256"],
      requiredClaims: ["exp", "email"],
    });
    return typeof payload.email === "string" ? payload.email : null;
  } catch {
    return null;
  }
}

export class DeskAccess extends WorkerEntrypoint {
  verify(jwt: string, settings: AccessSettings): Promise<string | null> {
    return verifyAccess(jwt, settings);
  }
}
