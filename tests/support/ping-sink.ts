/**
 * @module
 * A vitest globalSetup (vitest.config.ts): a real local HTTP endpoint, in Node, that the Newsroom's
 * IndexNow and WebSub pings (src/newsroom/pings.ts) reach in tests/workers/write/pings.test.ts, which
 * runs inside workerd and so cannot listen itself. Every POST is recorded; `GET /received?prefix=`
 * lists those whose path starts with `prefix`. A path with `/fail-once/` answers its first POST 503
 * (a retry must come later), every other POST 200 (IndexNow) or 204 (a hub). Its origin reaches the
 * tests as `inject("pingSink")`. Port: PING_SINK_PORT, or one the system picks.
 */

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

interface Received {
  path: string;
  contentType: string;
  body: string;
  at: number;
}

/** What vitest hands a globalSetup, as far as this needs it (`TestProject.provide`). */
interface Project {
  provide(key: "pingSink", value: string): void;
}

export default async function setup(project: Project): Promise<() => Promise<void>> {
  const received: Received[] = [];
  const failed = new Set<string>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://sink");
    if (req.method === "GET" && url.pathname === "/received") {
      const prefix = url.searchParams.get("prefix") ?? "/";
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(received.filter((r) => r.path.startsWith(prefix))));
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ path: url.pathname, contentType: req.headers["content-type"] ?? "", body: Buffer.concat(chunks).toString("utf8"), at: Date.now() });
      if (url.pathname.includes("/fail-once/") && !failed.has(url.pathname)) {
        failed.add(url.pathname);
        res.writeHead(503).end();
      } else res.writeHead(url.pathname.startsWith("/hub/") ? 204 : 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(Number(process.env.PING_SINK_PORT ?? 0), "127.0.0.1", resolve));
  project.provide("pingSink", `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
