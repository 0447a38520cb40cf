/**
 * Serialised answers of pure views of the loaded dataset, kept in memory: the same question is computed and
 * stringified once. Bounded; the oldest entry leaves first.
 */
export function viewCache(limit = 5000) {
  const cache = new Map<string, string>();
  return (key: string, build: () => unknown): string => {
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const json = JSON.stringify(build());
    if (cache.size >= limit) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    cache.set(key, json);
    return json;
  };
}
export type ViewCache = ReturnType<typeof viewCache>;
