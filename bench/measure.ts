/** Runs `fn` after a warm-up and returns its latency percentiles in milliseconds. */
export async function measure(fn: () => Promise<unknown>, iterations = 50, warmup = 5): Promise<{ p50: number; p95: number; mean: number }> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
  return { p50: at(0.5), p95: at(0.95), mean: times.reduce((a, b) => a + b, 0) / times.length };
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;
