/**
 * @module
 * What the Newsroom answers to the archive's calls of NewsroomApi (export pages, snapshots, restores): kept apart
 * from the interface so the shapes of issue 39's work read in one place (backups.md).
 */

import type { EditorialItem } from "./editorial.ts";
import type { Counts } from "./snapshot-format.ts";

/** A page of the archive: `next` is the `after` of the next page (null at the end). */
export interface ArchivePage {
  total: number;
  items: EditorialItem[];
  next: string | null;
}

export interface BackupOutcome {
  name: string;
  outcome: "complete" | "failed";
  trigger: "schedule" | "request";
  started: string;
  finished: string;
  attempts: number;
  /** A complete snapshot's R2 key and size. */
  key?: string;
  bytes?: number;
  counts?: Counts;
  error?: string;
}

export interface BackupStatus {
  /** The snapshot being taken: its parts written, articles read of `total`, and failed attempts at its current step. */
  running: {
    name: string;
    trigger: "schedule" | "request";
    started: string;
    phase: string;
    parts: number;
    articles: number;
    total: number;
    attempts: number;
    error?: string;
  } | null;
  /** The latest outcomes, newest first. */
  recent: BackupOutcome[];
}

/** Why the Newsroom did nothing, for the reader to answer as a problem. */
export interface Refusal {
  status: 400 | 404 | 409 | 422;
  detail: string;
}

export type RestoreAnswer = { status: 200 | 201 | 202; token: string; staged: Counts; cursor?: number; moved?: number; total?: number } | Refusal;
