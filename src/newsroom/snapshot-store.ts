/**
 * @module
 * Where snapshots live in R2 (the Newsroom Worker's `BACKUPS` bucket): a finished one at
 * `backups/<name>.jsonl.gz`, its parts meanwhile at `backups/.parts/<name>/<n>`. A part is one gzip
 * member; the snapshot is its parts one after another, streamed into its key in a single put of a
 * known length, so the key exists only once every byte is there (a gzip file may be a series of
 * members, RFC 1952 §2.2: gunzip, zcat, Node and Python read it whole).
 */

import type { Counts } from "../shared/snapshot-format.ts";

const PREFIX = "backups/";
const PARTS = `${PREFIX}.parts/`;
const NAME = /^\d{4}-\d{2}-\d{2}(T\d{2}-\d{2}-\d{2}Z)?$/;

export const snapshotKey = (name: string) => `${PREFIX}${name}.jsonl.gz`;
const partKey = (name: string, n: number) => `${PARTS}${name}/${String(n).padStart(6, "0")}`;

/** Gzips the lines and puts them as part `n`; returns the part's size in bytes. */
export async function putPart(bucket: R2Bucket, name: string, n: number, lines: string[]): Promise<number> {
  const gzipped = new Blob([lines.join("\n") + "\n"]).stream().pipeThrough(new CompressionStream("gzip"));
  const body = new Uint8Array(await new Response(gzipped).arrayBuffer());
  await bucket.put(partKey(name, n), body);
  return body.byteLength;
}

/** Streams the parts (of the sizes recorded as they were put) into the snapshot's key; returns its size. */
export async function assemble(bucket: R2Bucket, name: string, sizes: number[], counts: Counts): Promise<number> {
  const bytes = sizes.reduce((a, b) => a + b, 0);
  const { readable, writable } = new FixedLengthStream(bytes);
  const put = bucket.put(snapshotKey(name), readable, {
    httpMetadata: { contentType: "application/gzip" },
    customMetadata: { articles: String(counts.articles), revisions: String(counts.revisions), parts: String(sizes.length) },
  });
  const pump = async () => {
    for (let n = 1; n <= sizes.length; n++) {
      const part = await bucket.get(partKey(name, n));
      if (!part || part.size !== sizes[n - 1]) throw new Error(`part ${n} of ${name} is ${part ? `${part.size} bytes, not ${sizes[n - 1]}` : "missing"}`);
      await part.body.pipeTo(writable, { preventClose: true });
    }
    await writable.close();
  };
  try {
    await pump();
  } catch (err) {
    // The put then fails too: nothing is left under the snapshot's key.
    await writable.abort(err).catch(() => undefined);
    await put.catch(() => undefined);
    throw err;
  }
  await put;
  return bytes;
}

export async function removeParts(bucket: R2Bucket, name: string): Promise<void> {
  for (;;) {
    const listed = await bucket.list({ prefix: `${PARTS}${name}/`, limit: 1000 });
    if (listed.objects.length === 0) return;
    await bucket.delete(listed.objects.map((o) => o.key));
  }
}

/**
 * After snapshot `name` is complete: its parts go, snapshots dated before the newest `nights` nights
 * go, and so do parts left by a run that failed without cleaning up. Returns how many snapshots went.
 */
export async function tidy(bucket: R2Bucket, name: string, nights: number): Promise<number> {
  await removeParts(bucket, name);
  const cutoff = new Date(Date.now() - (nights - 1) * 86_400_000).toISOString().slice(0, 10);
  const listed = await bucket.list({ prefix: PREFIX, delimiter: "/", limit: 1000 });
  const old = listed.objects
    .map((o) => o.key)
    .filter((key) => NAME.test(key.slice(PREFIX.length, -".jsonl.gz".length)) && key.slice(PREFIX.length, PREFIX.length + 10) < cutoff);
  if (old.length) await bucket.delete(old);
  const stray = await bucket.list({ prefix: PARTS, delimiter: "/", limit: 1000 });
  for (const prefix of stray.delimitedPrefixes) await removeParts(bucket, prefix.slice(PARTS.length, -1));
  return old.length;
}

/** A finished snapshot's bytes, or null (also for a name that is not a snapshot's). */
export async function snapshotFile(bucket: R2Bucket, name: string): Promise<{ size: number; body: ReadableStream } | null> {
  if (!NAME.test(name)) return null;
  const object = await bucket.get(snapshotKey(name));
  return object && { size: object.size, body: object.body };
}
