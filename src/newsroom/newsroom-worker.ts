/**
 * @module
 * The Newsroom Worker (newsroom.wrangler.toml): it hosts the one Durable Object that writes
 * (newsroom.ts), which the reader Worker calls through its `NEWSROOM` binding. It serves no request
 * of its own. Its Cron Trigger starts the nightly backup (nightly-backup.ts), which the object then
 * writes step by step from its alarm; the second trigger of the night retries a night that failed
 * (a night already complete is not taken again). It also verifies Cloudflare Access tokens for the
 * desk (`DeskAccess`, bound by the reader as `ACCESS`), so the JOSE library is not in the reader's bundle.
 */

import type { Newsroom, NewsroomEnv } from "./newsroom.ts";

export { Newsroom } from "./newsroom.ts";

export default {
  fetch: () => new Response("Not Found", { status: 404 }),
  async scheduled(controller, env) {
    const room = env.NEWSROOM.get(env.NEWSROOM.idFromName("newsroom"));
    const status = await room.startBackup("schedule", controller.scheduledTime);
    console.log(JSON.stringify({ level: "info", event: "backup", outcome: "triggered", cron: controller.cron, running: status.running?.name ?? null }));
  },
} satisfies ExportedHandler<NewsroomEnv & { NEWSROOM: DurableObjectNamespace<Newsroom> }>;
export { DeskAccess } from "./desk-access.ts";
