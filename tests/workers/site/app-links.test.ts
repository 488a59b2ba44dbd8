// App links from APP_LINKS through the Worker: the two well-known documents, or 404 when none is configured.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../src/reader/app.ts";
import { CANONICAL, get, loadSeedContent } from "../../support/helpers.ts";

beforeAll(loadSeedContent);

describe("app links", () => {
  const apps = {
    android: [
      { package: "ir.presstv.app", sha256: ["14:6D:E9:83:C5:73:06:50:D8:EE:B9:95:2F:34:FC:64:16:A0:83:42:E6:1D:BE:A8:8A:04:96:B2:3F:CF:44:E5"] },
      { package: "not a package", sha256: [] },
    ],
    ios: ["ABCDE12345.ir.presstv.app", "bad id"],
    ios_store_id: "123456789",
  };

  it("are 404 when wrangler.toml configures no app", async () => {
    for (const path of ["/.well-known/assetlinks.json", "/.well-known/apple-app-site-association"]) expect((await get(CANONICAL + path)).status).toBe(404);
  });

  it("are generated from APP_LINKS, leaving out entries that are not well formed; pages offer the iOS app", async () => {
    const app = createApp();
    const testEnv = { ...env, APP_LINKS: apps };
    const android = await app.fetch(new Request(`${CANONICAL}/.well-known/assetlinks.json`), testEnv);
    expect(android.status).toBe(200);
    expect(android.headers.get("content-type")).toBe("application/json");
    expect(await android.json()).toEqual([
      {
        relation: ["delegate_permission/common.handle_all_urls"],
        target: { namespace: "android_app", package_name: "ir.presstv.app", sha256_cert_fingerprints: apps.android[0].sha256 },
      },
    ]);
    const ios = await app.fetch(new Request(`${CANONICAL}/.well-known/apple-app-site-association`), testEnv);
    const aasa = await ios.json<{ applinks: { details: { appIDs: string[]; components: object[] }[] } }>();
    expect(aasa.applinks.details[0].appIDs).toEqual(["ABCDE12345.ir.presstv.app"]);
    expect(aasa.applinks.details[0].components[0]).toEqual({ "/": "/Detail/*" });
    const page = await (await app.fetch(new Request(`${CANONICAL}/`, { headers: { Accept: "text/html" } }), testEnv)).text();
    expect(page).toContain('<meta name="apple-itunes-app" content="app-id=123456789"/>');
  });
});
