/**
 * @module
 * The Newsroom's one alarm, which every part that needs waking shares (a Durable Object has one).
 * Each part offers the time it next needs it, or null: the drain (now while KV lacks a committed
 * change; after a failed pass, its back-off; a paced key's next second; the next replaced index
 * node due for deletion) and the articles (the next scheduled publication). The Newsroom, its one
 * owner, sets the earliest offer: after each commit inside the commit's transaction (only ever
 * earlier than an alarm already set), and at the end of each alarm.
 */

/** A part's offer: epoch ms, or null when it needs no alarm. */
export type AlarmOffer = number | null;

/** The earliest of the offers, or null when no part needs the alarm. */
export function earliest(offers: readonly AlarmOffer[]): number | null {
  let at: number | null = null;
  for (const offer of offers) if (offer !== null && (at === null || offer < at)) at = offer;
  return at;
}
