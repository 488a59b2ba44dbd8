/**
 * @module
 * Numbers the Newsroom keeps about itself in its SQLite (`meta`): the version of what it derived
 * (newsroom.ts) and how far back the log of recent writes reaches (write-log.ts).
 */

export const META_SCHEMA = ["CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)"];

export function getMeta(sql: SqlStorage, key: string): number | undefined {
  return sql.exec<{ value: number }>("SELECT value FROM meta WHERE key = ?", key).toArray()[0]?.value;
}

export function setMeta(sql: SqlStorage, key: string, value: number): void {
  sql.exec("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value);
}
