/**
 * @module
 * The nightly backup: a snapshot of the whole Newsroom in R2 (`backups/<night>.jsonl.gz`, format in
 * src/shared/snapshot-format.ts), started by the Newsroom Worker's Cron Trigger or on demand, and
 * written one bounded step per alarm (alarm.ts), so no invocation runs past the platform's CPU or
 * subrequest limits whatever the archive's size: each step reads about `PART_BYTES` of records and
 * puts them, gzipped, as one part; the last step streams the parts into the snapshot's own key
 * (snapshot-store.ts), which therefore only ever names a whole snapshot. A failed step is retried
 * with back-off; after `MAX_ATTEMPTS` the night is reported failed and its parts removed. Snapshots
 * older than the retention (site.toml) are deleted. Outcomes are Workers Logs lines
 * (`"event":"backup"`) and rows of `backup_log`.
 */

import type { BackupStatus } from "../shared/archive-answers.ts";
import { type Counts, noCounts, SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type SnapshotHeader } from "../shared/snapshot-format.ts";
import { cursorNow, PHASES, type SnapshotPhase, snapshotLines } from "./archive-pages.ts";
import { assemble, putPart, removeParts, snapshotFile, snapshotKey, tidy } from "./snapshot-store.ts";

export const BACKUP_SCHEMA = [
  // The one run under way: where it has got to (phase, the key it goes on after, the parts put and their sizes, what it has counted).
  `CREATE TABLE IF NOT EXISTS backup_run (one INTEGER PRIMARY KEY CHECK (one = 1), name TEXT NOT NULL, trigger TEXT NOT NULL, started INTEGER NOT NULL,
     phase TEXT NOT NULL, after TEXT NOT NULL, part INTEGER NOT NULL, sizes TEXT NOT NULL, counts TEXT NOT NULL, header TEXT NOT NULL,
     total INTEGER NOT NULL, attempts INTEGER NOT NULL, next_at INTEGER NOT NULL, error TEXT)`,
  `CREATE TABLE IF NOT EXISTS backup_log (name TEXT NOT NULL, outcome TEXT NOT NULL, trigger TEXT NOT NULL, started INTEGER NOT NULL,
     finished INTEGER NOT NULL, bytes INTEGER, counts TEXT, attempts INTEGER NOT NULL, error TEXT)`,
];

/** Uncompressed bytes a step reads before it puts its part (about 1 MB gzipped): well inside a step's CPU time and memory. */
export const PART_BYTES = 4 * 1024 * 1024;
/** Tries of one step before the night is given up (back-off 30 s, doubling: about half an hour in all). */
export const MAX_ATTEMPTS = 6;
export const DEFAULT_NIGHTS = 30;

interface Run {
  name: string;
  trigger: string;
  started: number;
  phase: SnapshotPhase | "assemble";
  after: string;
  part: number;
  sizes: string;
  counts: string;
  header: string;
  total: number;
  attempts: number;
  next_at: number;
  error: string | null;
  [column: string]: SqlStorageValue;
}

const log = (level: "info" | "warn" | "error", fields: Record<string, unknown>) =>
  (level === "info" ? console.log : console.error)(JSON.stringify({ level, event: "backup", ...fields }));
const COUNT: Record<SnapshotPhase, keyof Counts> = { article: "articles", old_path: "old_paths", imported: "imported", section: "sections" };

export class NightlyBackup {
  /** First back-off, doubled after each failure, and a part's size: fields, so a test need not wait half an hour or write megabytes. */
  retryMs = 30_000;
  partBytes = PART_BYTES;
  private readonly storage: DurableObjectStorage;
  private readonly bucket: () => R2Bucket;
  /** The Newsroom Worker's vars: the origin a snapshot names; BACKUP_NIGHTS, the retention (site.toml `[backups]`). */
  private readonly env: { CANONICAL_ORIGIN?: string; BACKUP_NIGHTS?: number };

  constructor(storage: DurableObjectStorage, bucket: () => R2Bucket, env: { CANONICAL_ORIGIN?: string; BACKUP_NIGHTS?: number }) {
    this.storage = storage;
    this.bucket = bucket;
    this.env = env;
  }

  private run(): Run | null {
    return this.storage.sql.exec<Run>("SELECT * FROM backup_run").toArray()[0] ?? null;
  }

  /** When the running backup's next step is due (its offer for the alarm), or null. */
  nextAlarm(): number | null {
    return this.run()?.next_at ?? null;
  }

  /** Starts a snapshot: a nightly one is named by the night of `at` (UTC) and taken once, one on demand by the second. Never two at once. */
  start(trigger: "schedule" | "request", at: number): BackupStatus {
    const sql = this.storage.sql;
    const iso = new Date(at).toISOString();
    const name = trigger === "schedule" ? iso.slice(0, 10) : `${iso.slice(0, 19).replaceAll(":", "-")}Z`;
    if (!this.run() && !sql.exec("SELECT 1 FROM backup_log WHERE name = ? AND outcome = 'complete'", name).toArray().length) {
      const site = this.env.CANONICAL_ORIGIN ?? "";
      const header: SnapshotHeader = {
        t: "snapshot",
        format: SNAPSHOT_FORMAT,
        version: SNAPSHOT_VERSION,
        site,
        name,
        trigger,
        started: iso,
        cursor: cursorNow(sql),
      };
      const total = sql.exec<{ n: number }>("SELECT count(DISTINCT id) AS n FROM revision").one().n;
      sql.exec(
        "INSERT INTO backup_run VALUES (1, ?, ?, ?, 'article', '', 0, '[]', ?, ?, ?, 0, ?, NULL)",
        name,
        trigger,
        Date.now(),
        JSON.stringify(noCounts()),
        JSON.stringify(header),
        total,
        Date.now(),
      );
      log("info", { outcome: "started", name, trigger, articles: total });
    }
    return this.status();
  }

  status(): BackupStatus {
    const run = this.run();
    const recent = this.storage.sql.exec<Record<string, string | number | null>>("SELECT * FROM backup_log ORDER BY finished DESC LIMIT 10").toArray();
    return {
      running: run && {
        ...pick(run, ["name", "trigger", "phase", "total", "attempts", "error"]),
        started: iso(run.started),
        parts: run.part,
        articles: JSON.parse(run.counts).articles,
      },
      recent: recent.map((r) => ({
        ...pick(r, ["name", "outcome", "trigger", "attempts", "bytes", "error"]),
        started: iso(r.started as number),
        finished: iso(r.finished as number),
        ...(r.bytes !== null && { key: snapshotKey(r.name as string) }),
        ...(r.counts !== null && { counts: JSON.parse(r.counts as string) }),
      })),
    } as BackupStatus;
  }

  /** One step of the running backup, if one is due: a part, or the assembly at the end. Never throws. */
  async step(now = Date.now()): Promise<void> {
    const run = this.run();
    if (!run || run.next_at > now) return;
    try {
      await (run.phase === "assemble" ? this.finish(run) : this.part(run));
    } catch (err) {
      await this.failed(run, err);
    }
  }

  private async part(run: Run): Promise<void> {
    const counts = JSON.parse(run.counts) as Counts;
    const n = run.part + 1;
    const lines = [...(n === 1 ? [run.header] : []), JSON.stringify({ t: "part", n })];
    let { phase, after } = run;
    for (let bytes = 0; bytes < this.partBytes && phase !== "assemble";) {
      const page = snapshotLines(this.storage.sql, phase, after, phase === "article" ? 50 : 500);
      for (const line of page.lines) bytes += line.length;
      lines.push(...page.lines);
      counts[COUNT[phase]] += page.lines.length;
      counts.revisions += page.revisions;
      after = page.next ?? "";
      if (page.next === null) phase = PHASES[PHASES.indexOf(phase) + 1] ?? "assemble";
    }
    if (phase === "assemble")
      lines.push(JSON.stringify({ t: "end", parts: n, counts, cursor: cursorNow(this.storage.sql), finished: new Date().toISOString() }));
    const sizes = [...JSON.parse(run.sizes), await putPart(this.bucket(), run.name, n, lines)];
    this.storage.sql.exec(
      "UPDATE backup_run SET phase = ?, after = ?, part = ?, sizes = ?, counts = ?, attempts = 0, next_at = ?, error = NULL",
      phase,
      after,
      n,
      JSON.stringify(sizes),
      JSON.stringify(counts),
      Date.now(),
    );
  }

  /** The parts into the snapshot's own key; then the run is logged complete, and snapshots past the retention go. */
  private async finish(run: Run): Promise<void> {
    const sizes = JSON.parse(run.sizes) as number[];
    const counts = JSON.parse(run.counts) as Counts;
    const bytes = await assemble(this.bucket(), run.name, sizes, counts);
    this.end(run, "complete", run.attempts + 1, bytes);
    log("info", { outcome: "complete", name: run.name, key: snapshotKey(run.name), bytes, parts: sizes.length, ...counts, ms: Date.now() - run.started });
    const nights = Number(this.env.BACKUP_NIGHTS ?? DEFAULT_NIGHTS);
    await tidy(this.bucket(), run.name, nights).then(
      (deleted) => deleted && log("info", { outcome: "retention", deleted, nights }),
      (err: unknown) => log("warn", { outcome: "retention failed", error: String(err) }),
    );
  }

  /** After a failed step: again later, or, past `MAX_ATTEMPTS`, the night is failed and its parts go. */
  private async failed(run: Run, err: unknown): Promise<void> {
    const attempts = run.attempts + 1;
    const error = String(err).slice(0, 500);
    const fields = { name: run.name, phase: run.phase, part: run.part + 1, attempts, error };
    if (attempts < MAX_ATTEMPTS) {
      const at = Date.now() + this.retryMs * 2 ** (attempts - 1);
      this.storage.sql.exec("UPDATE backup_run SET attempts = ?, next_at = ?, error = ?", attempts, at, error);
      return log("warn", { outcome: "retry", ...fields, at: iso(at) });
    }
    this.end(run, "failed", attempts, null, error);
    log("error", { outcome: "failed", ...fields });
    await removeParts(this.bucket(), run.name).catch(() => undefined);
  }

  /** The run ends: its row goes and its outcome is logged (the newest 100 kept), in one transaction. */
  private end(run: Run, outcome: string, attempts: number, bytes: number | null, error: string | null = null): void {
    this.storage.transactionSync(() => {
      const sql = this.storage.sql;
      sql.exec("DELETE FROM backup_run");
      const counts = bytes === null ? null : run.counts;
      sql.exec(
        "INSERT INTO backup_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        run.name,
        outcome,
        run.trigger,
        run.started,
        Date.now(),
        bytes,
        counts,
        attempts,
        error,
      );
      sql.exec("DELETE FROM backup_log WHERE rowid NOT IN (SELECT rowid FROM backup_log ORDER BY finished DESC LIMIT 100)");
    });
  }

  file(name: string): Promise<{ size: number; body: ReadableStream } | null> {
    return snapshotFile(this.bucket(), name);
  }
}

const iso = (ms: number) => new Date(ms).toISOString();
const pick = (row: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.filter((k) => row[k] !== null).map((k) => [k, row[k]]));
