/**
 * @module
 * The one pattern of an article id, and of a revision number. An id is 1 to 12 digits without a
 * leading zero: it stands in article paths (`/Detail/…/<id>/<slug>`), API paths, KV keys and the
 * importers' old paths (an imported WordPress post keeps its number as its id, so `?p=123` is one).
 */

/** The pattern's source, for regexes that embed it (an article path). */
export const ID_SOURCE = "[1-9][0-9]{0,11}";
/** A whole article id. */
export const ARTICLE_ID = new RegExp(`^${ID_SOURCE}$`);
/** A whole revision number (1 to 9 digits, no leading zero). */
export const VERSION_NUMBER = /^[1-9][0-9]{0,8}$/;
