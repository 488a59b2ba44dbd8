/**
 * @module
 * Two editors' saves merged field by field. A save refused because a colleague saved first (412) is
 * compared with the version the editor started from (the base) and the colleague's (theirs): a field
 * only one side changed takes that side's value, a field both changed alike keeps it, and a field both
 * changed differently is a conflict, shown side by side for the editor to choose. With no conflict
 * the merged story is saved over theirs, with `If-Match`, so nothing either wrote is lost.
 */

/** A story as fields: the form's texts, and the state the save asks for (`status`). */
export type Fields = Record<string, string>;

export type Merged = { merged: Fields; theirs: string[]; conflicts: string[] };

/**
 * `mine` and `theirs`, both made from `base`: the merged fields, those taken from theirs, and those both
 * changed differently (in the merged fields, those hold mine until the editor chooses).
 */
export function mergeFields(base: Fields, mine: Fields, theirs: Fields): Merged {
  const merged: Fields = {};
  const taken: string[] = [];
  const conflicts: string[] = [];
  for (const key of new Set([...Object.keys(base), ...Object.keys(mine), ...Object.keys(theirs)])) {
    const [b, m, t] = [base[key] ?? "", mine[key] ?? "", theirs[key] ?? ""];
    merged[key] = m;
    if (m === t || t === b) continue;
    if (m === b) {
      merged[key] = t;
      taken.push(key);
    } else conflicts.push(key);
  }
  return { merged, theirs: taken, conflicts };
}
