/**
 * A bounded cache that is emptied by change notifications and never re-fills with a value that was
 * read before an invalidation it raced with.
 */
export class InvalidatingCache<V> {
  readonly #entries = new Map<string, V>();
  #epoch = 0;

  constructor(private readonly maxEntries: number) {}

  /**
   * Returns the cached value for `key`, or loads it; `bypass` reads through without caching, and a
   * loaded value is kept only when `keep` accepts it (values that may still change are not).
   */
  async get(key: string, load: () => Promise<V>, bypass = false, keep: (value: V) => boolean = () => true): Promise<V> {
    if (!bypass && this.#entries.has(key)) return this.#entries.get(key) as V;
    const epoch = this.#epoch;
    const value = await load();
    // An invalidation that happened while we were loading may concern this very value: do not keep it.
    if (!bypass && epoch === this.#epoch && keep(value)) {
      if (this.#entries.size >= this.maxEntries) this.#entries.delete(this.#entries.keys().next().value as string);
      this.#entries.set(key, value);
    }
    return value;
  }

  invalidate(key: string): void {
    this.#epoch++;
    this.#entries.delete(key);
  }

  clear(): void {
    this.#epoch++;
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}
