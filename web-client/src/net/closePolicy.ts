import { backoffMs } from './backoff';
// What the client does when the game connection closes, by close code (docs/protocol.md).

/** The token was refused (bad or expired): renew it; if a fresh one is refused too, only a new login helps. */
export const CLOSE_UNAUTHORIZED = 4401;
/** The same actor logged in elsewhere: reconnecting would take the session back and start a tug of war. */
export const CLOSE_REPLACED = 4409;

export type CloseDecision = 'renew' | 'replaced' | 'reconnect';

export function decideOnClose(code: number): CloseDecision {
  switch (code) {
    case CLOSE_UNAUTHORIZED:
      return 'renew';
    case CLOSE_REPLACED:
      return 'replaced';
    default:
      // 1012 (restart), 1013 (try again later: the world or auth is away), 1006 (dropped) and anything else: the
      // session is still good, so it is kept
      return 'reconnect';
  }
}

const FIRST_RETRY_MS = 500;
const LONGEST_RETRY_MS = 15_000;

/**
 * The wait before reconnect attempt `attempt` (1, 2, …): doubling from half a second up to 15 s, spread by ±25 %
 * so that the players of a restarted gateway do not all come back in the same instant.
 * @param random a number in [0, 1)
 */
export function reconnectDelayMs(attempt: number, random: number): number {
  return backoffMs(attempt, FIRST_RETRY_MS, LONGEST_RETRY_MS, random);
}
