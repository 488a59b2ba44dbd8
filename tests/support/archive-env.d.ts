// What the tests reach that the reader Worker's generated Env does not type: the Newsroom Worker's
// snapshot bucket (newsroom.wrangler.toml, bound for the tests in vitest.config.ts), and Node's gunzip,
// which the test runtime has (a snapshot is several gzip members; DecompressionStream reads only the first).
declare namespace Cloudflare {
  interface Env {
    BACKUPS: R2Bucket;
    BACKUP_NIGHTS: number;
  }
}
declare module "node:zlib" {
  export function gunzipSync(data: Uint8Array): Uint8Array;
}
