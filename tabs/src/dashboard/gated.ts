/**
 * Privacy-gated results as the API sends them: released with the number of people behind them, or suppressed with
 * the threshold k and no number at all. The tab never invents a number for a suppressed result (no 0, no blank):
 * every place that shows one shows `suppressionText(k)` instead.
 */
export type Gated<T> =
  | { suppressed: false; k: number; n: number; value: T }
  | { suppressed: true; k: number; reason: string; message: string };

/** The short text a suppressed cell reads, with the k of that very result (a tenant may raise k above 5). */
export function suppressionText(k: number): string {
  return `Fewer than ${k} responses`;
}

/** The released value, or undefined when the result is suppressed. */
export function released<T>(result: Gated<T>): T | undefined {
  return result.suppressed ? undefined : result.value;
}
