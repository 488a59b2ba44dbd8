/**
 * @module
 * The breaking-news banner in the Newsroom (issue 38): set and cleared in a commit like any change, as
 * the read-model document `v1:banner` (shared/model/banner.ts), so it reaches KV through the outbox,
 * every location through the change channel, and purges every page built from it. The model holds it
 * (no table of its own: a rebuild keeps it, rebuild.ts), and its expiry is an offer to the alarm
 * (alarm.ts), which removes it then, so it clears itself with no request.
 */

import { BANNER_KEY, bannerExpiry, type BannerDocument, validateBanner } from "../shared/model/banner.ts";
import type { BannerResult } from "../shared/model/banner.ts";
import type { Articles } from "./articles.ts";
import type { ReadModel } from "./read-model/outbox.ts";
import type { Drainer } from "./read-model/drain.ts";

type Transact = (work: (articles: Articles) => Promise<BannerDocument | null>) => Promise<{ value: BannerDocument | null; commit: number; keys: string[] }>;

/**
 * Sets (`input`) or clears (null) the banner in one commit (`transact`: the Newsroom's, in its serial queue); a bad
 * banner is a 422 and nothing changes. `drainer` says how many of the commit's keys KV still lacks (after `Prefer: wait`'s `waitMs`).
 */
export async function changeBanner(
  input: unknown,
  editor: string,
  now: number,
  transact: Transact,
  drainer: Pick<Drainer, "until">,
  waitMs = 0,
): Promise<BannerResult> {
  const checked = input === null ? null : validateBanner(input, now);
  if (checked && !checked.ok) return { status: 422, errors: checked.errors };
  const { value, commit, keys } = await transact(async ({ model }) => {
    if (!checked) {
      await model.delete(BANNER_KEY);
      return null;
    }
    const doc: BannerDocument = { v: 1, ...checked.value, editor, set: new Date(now).toISOString() };
    await model.put(BANNER_KEY, JSON.stringify(doc));
    return doc;
  });
  return { status: value ? 200 : 204, banner: value, commit, keys, pending: await drainer.until(commit, keys, waitMs) };
}

/** The alarm's offer: the banner's expiry, or null when there is none. */
export const bannerDue = (model: ReadModel): number | null => bannerExpiry(model.value(BANNER_KEY));

/** Inside the alarm's commit: removes a banner whose expiry has come. */
export async function expireBanner(model: ReadModel, now: number): Promise<void> {
  const at = bannerDue(model);
  if (at !== null && at <= now) await model.delete(BANNER_KEY);
}
