/** How long until `check` holds (checked every few milliseconds), or Infinity if it has not within `limitMs`. */
export async function timeUntil(check: () => Promise<boolean>, limitMs: number): Promise<number> {
  const start = performance.now();
  while (performance.now() - start < limitMs) {
    if (await check()) return performance.now() - start;
    await new Promise((r) => setTimeout(r, 2));
  }
  return Infinity;
}
