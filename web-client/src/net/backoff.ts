/**
 * The wait before retry `attempt` (1, 2, …): doubling from `firstMs` up to `longestMs`, spread by ±25 % so that the
 * pages that lost the server in the same instant do not all come back in the same instant.
 * @param random a number in [0, 1)
 */
export function backoffMs(attempt: number, firstMs: number, longestMs: number, random: number): number {
  const base = Math.min(longestMs, firstMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.75 + 0.5 * random));
}
