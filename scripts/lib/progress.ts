/**
 * @module
 * Progress of long work (an import, a content load, an export, a backup, a restore): what is done of
 * the total, the rate and the time left, by cli-progress. On a terminal a bar redrawn in place; when
 * stdout is not a terminal (CI, a log file), a plain line every `PROGRESS_EVERY_MS` (10 s unless the
 * environment says otherwise), so a log shows the work moving without a line per item; and, in both,
 * a last line with the count and the time it took.
 */

import cliProgress from "cli-progress";

export interface Progress {
  /** `n` more done (1 unless given). */
  tick(n?: number): void;
  /** So many done in all. */
  set(done: number): void;
  /** The total, once it is known or has changed. */
  total(n: number): void;
  /** Ends the display with the last line; later calls do nothing. */
  stop(): void;
}

export interface ProgressOptions {
  /** What is counted, plural: "articles" (the default), "bytes"… */
  unit?: string;
  /** Where it is written: stdout unless given (a test gives a stream of its own). */
  stream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** A plain line this often when the stream is not a terminal. */
  everyMs?: number;
}

const count = (n: number) => Math.round(n).toLocaleString("en-US");

/** Seconds as a person reads them: `45 s`, `3 min 20 s`, `1 h 5 min`. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** Bytes in the unit that reads best. */
const bytes = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${Math.round(n)} B`);

/** The progress of `label` (e.g. "export") towards `total`; 0 when the total is not known yet. */
export function progress(label: string, total: number, options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stdout;
  const tty = stream.isTTY === true;
  const unit = options.unit ?? "articles";
  const amount = unit === "bytes" ? bytes : count;
  let finished = false;
  const format = (barOptions: object, params: { value: number; total: number; progress: number; startTime: number }) => {
    const elapsed = Math.max(0.001, (Date.now() - params.startTime) / 1000);
    const rate = params.value / elapsed;
    const of = params.total > 0 ? `${amount(params.value)}/${amount(params.total)}${unit === "bytes" ? "" : ` ${unit}`}` : `${amount(params.value)} ${unit}`;
    if (finished) return `${label}: ${of} in ${duration(elapsed)}, ${amount(rate)}${unit === "bytes" ? "" : ` ${unit}`}/s`;
    const left = rate > 0 && params.total > params.value ? `${duration(Math.ceil((params.total - params.value) / rate))} left` : "";
    const per = `${amount(rate)}/s`;
    if (tty) return [`${label} ${cliProgress.Format.BarFormat(params.progress, barOptions)} ${of}`, per, left].filter(Boolean).join(" | ");
    return `${label}: ${of}${params.total > 0 ? ` (${Math.floor(params.progress * 100)}%)` : ""}, ${[per, left].filter(Boolean).join(", ")}`;
  };
  const bar = new cliProgress.SingleBar({
    format,
    stream: stream as NodeJS.WritableStream,
    noTTYOutput: true,
    notTTYSchedule: options.everyMs ?? Number(process.env.PROGRESS_EVERY_MS ?? 10_000),
    hideCursor: tty,
    // The last render is the summary: kept on a terminal (then a new line), and not followed by an empty line elsewhere.
    clearOnComplete: !tty,
    barsize: 24,
    barCompleteChar: "█",
    barIncompleteChar: "░",
    etaBuffer: 50,
    gracefulExit: true,
  });
  let done = 0;
  bar.start(Math.max(total, 0), 0);
  return {
    tick(n = 1) {
      done += n;
      bar.update(done);
    },
    set(value) {
      done = value;
      bar.update(done);
    },
    total(n) {
      bar.setTotal(n);
    },
    stop() {
      if (finished) return;
      finished = true;
      bar.stop();
    },
  };
}

/**
 * A queue drained elsewhere (the KV keys the Newsroom still has to write), from what is told of what
 * is left: the total is the most ever left, done is that less what is left now.
 */
export function draining(label: string, options: ProgressOptions = {}): { left(n: number): void; stop(): void } {
  let most = 0;
  let shown: Progress | undefined;
  return {
    left(n) {
      // Nothing waiting from the start: nothing to show.
      if (!shown && n === 0) return;
      if (n > most) shown?.total((most = n));
      shown ??= progress(label, (most = Math.max(most, n)), { unit: "keys", ...options });
      shown.set(most - n);
    },
    stop: () => shown?.stop(),
  };
}
