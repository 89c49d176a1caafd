/**
 * Prints one `[stats] {json}` line every `intervalMs` with what `read` returns, plus the process's
 * memory, for benchmarks (npm run bench reads the store's fsync counters from it). Off unless the
 * operator sets STATS_LOG_SECONDS: the figures stay on the server's own console, never on the network.
 * Returns the function that stops it; an interval of 0 logs nothing.
 */
export function logStatsEvery(
  intervalMs: number,
  read: () => Record<string, unknown>,
  print: (line: string) => void = console.log,
): () => void {
  if (intervalMs <= 0) return () => undefined;
  const timer = setInterval(() => {
    const memory = process.memoryUsage();
    const mb = (bytes: number) => Math.round(bytes / 1024) / 1024;
    print(
      `[stats] ${JSON.stringify({ t: Date.now(), ...read(), memoryMB: { rss: mb(memory.rss), heapUsed: mb(memory.heapUsed), external: mb(memory.external), arrayBuffers: mb(memory.arrayBuffers) } })}`,
    );
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
