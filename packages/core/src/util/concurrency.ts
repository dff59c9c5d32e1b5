// One concurrency limiter: checks over many worktrees must not start hundreds of gits at once.

/**
 * `Promise.all(items.map(fn))` with at most `limit` calls running at once (at least one), results
 * in input order. The first rejection rejects the whole, as Promise.all does.
 * @example const statuses = await mapLimit(worktrees, 8, (w) => getStatus(w.path));
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => R | Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      out[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return out;
}
