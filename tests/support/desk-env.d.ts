// Bindings only the tests have (vitest.config.ts): the private half of the key that signs the
// test Cloudflare Access tokens, whose public half DESK.access_jwks configures.
declare namespace Cloudflare {
  interface Env {
    TEST_ACCESS_KEY?: string;
  }
}
