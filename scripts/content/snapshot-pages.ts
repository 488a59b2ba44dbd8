/**
 * @module
 * A snapshot's records grouped into the pages a restore sends (`POST /api/v1/admin/restore/<token>`):
 * at most `MAX_RECORDS` records and about `maxBytes` of JSON each, well under the endpoint's 16 MiB.
 * An article too large for one page (many long revisions) goes as several records, each with some of
 * its revisions; the Newsroom puts them together. Pure: the restore script and the tests share it.
 */

import type { ArticleRecord, DataRecord } from "../../src/shared/snapshot-format.ts";

export const MAX_RECORDS = 2000;
export const PAGE_BYTES = 4 * 1024 * 1024;

export class RestorePages {
  private page: DataRecord[] = [];
  private bytes = 0;
  private readonly maxBytes: number;

  constructor(maxBytes = PAGE_BYTES) {
    this.maxBytes = maxBytes;
  }

  /** Adds a record; returns the pages it completed (none, one, or more for a large article). */
  add(record: DataRecord): DataRecord[][] {
    const done: DataRecord[][] = [];
    for (const piece of this.pieces(record)) {
      const size = JSON.stringify(piece).length;
      if (this.page.length && (this.bytes + size > this.maxBytes || this.page.length >= MAX_RECORDS)) done.push(this.take());
      this.page.push(piece);
      this.bytes += size;
    }
    return done;
  }

  /** The last page, if anything is left. */
  flush(): DataRecord[][] {
    return this.page.length ? [this.take()] : [];
  }

  private take(): DataRecord[] {
    const page = this.page;
    this.page = [];
    this.bytes = 0;
    return page;
  }

  /** An article record cut into pieces of at most about `maxBytes`, a whole revision each at least. */
  private pieces(record: DataRecord): DataRecord[] {
    if (record.t !== "article" || JSON.stringify(record).length <= this.maxBytes) return [record];
    const out: ArticleRecord[] = [];
    let piece: ArticleRecord = { ...record, revisions: [] };
    let bytes = 0;
    for (const revision of record.revisions) {
      const size = JSON.stringify(revision).length;
      if (piece.revisions.length && bytes + size > this.maxBytes) {
        out.push(piece);
        piece = { ...record, revisions: [] };
        bytes = 0;
      }
      piece.revisions.push(revision);
      bytes += size;
    }
    out.push(piece);
    return out;
  }
}
