/**
 * @module
 * A TCP port on 127.0.0.1 that nothing listens on: one the system just handed out and took back (it
 * may be taken again before it is used; the commands and tests that start servers on it run alone).
 */
import { createServer } from "node:net";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
