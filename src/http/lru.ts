/**
 * @module
 * A bounded in-isolate cache. Entries stay fresh until `freshUntil`; after that they are kept as a
 * stale fallback (served only when storage fails) until evicted, least recently used first.
 */

export interface Timed {
  /** Epoch ms until which the value may be served without asking storage. */
  freshUntil: number;
}

export class LruCache<V extends Timed> {
  readonly #map = new Map<string, V>();
  readonly maxEntries: number;
  constructor(maxEntries: number) {
    this.maxEntries = maxEntries;
  }

  get(key: string): V | undefined {
    const value = this.#map.get(key);
    if (value !== undefined) {
      // Map keeps insertion order: re-inserting marks the entry most recently used.
      this.#map.delete(key);
      this.#map.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.#map.delete(key);
    this.#map.set(key, value);
    if (this.#map.size > this.maxEntries) this.#map.delete(this.#map.keys().next().value as string);
  }

  delete(key: string): void {
    this.#map.delete(key);
  }

  clear(): void {
    this.#map.clear();
  }

  get size(): number {
    return this.#map.size;
  }
}
