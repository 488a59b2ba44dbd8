/**
 * @module
 * The change channel's answer (issue 37): what the Newsroom committed in the last `CHANNEL_WINDOW_MS`,
 * each KV key it changed with the value it will hold (null: deleted), numbered in commit order. A
 * reader location learns it about once a second, well before KV's own propagation reaches it, and
 * builds from these values until KV has surely caught up; the Newsroom writes it, readers read it.
 */

/** One KV key a commit changed: its number in the channel, the value it now holds (null: deleted) and the commit's time (epoch ms). */
export interface ChannelEntry {
  n: number;
  key: string;
  value: string | null;
  at: number;
}

/**
 * `cursor`: the newest entry's number (entries may be fewer: older ones left the window); `at`: when the Newsroom answered.
 * Each key appears once, with its newest entry (an older value of a key is of no use to a reader). `from`: the answer
 * holds every key changed by an entry after `from` and nothing older (a recent answer: `recentChanges(recentMs)`); a
 * reader that has not applied every entry up to `from` needs the whole window. Absent: the whole window.
 */
export interface ChannelAnswer {
  cursor: number;
  at: number;
  entries: ChannelEntry[];
  from?: number;
}
