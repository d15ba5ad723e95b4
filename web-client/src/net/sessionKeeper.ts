import { ApiError, type LoginAnswer } from './api';
import { backoffMs } from './backoff';
import { isExpired, isOver, type Session, sessionFromLogin } from './session';

/** What the game connection gets when it asks for a token. */
export type TokenAnswer =
  | { kind: 'token'; token: string }
  /** The session is over (the refresh token was refused or has expired): only a new login helps. */
  | { kind: 'signed-out' }
  /** No token can be had now (auth-service cannot be reached or is busy): try again later; the session is kept. */
  | { kind: 'unavailable' };

export interface KeeperOptions {
  /** POST /api/auth/refresh; throws an ApiError (status 401: the refresh token is no good). */
  refresh(refreshToken: string): Promise<LoginAnswer>;
  /** Keeps the renewed session (for a reload). */
  save(session: Session): void;
  now?: () => number;
  /** A number in [0, 1) that spreads the retries (tests fix it). */
  random?: () => number;
}

/** The access token is renewed this long before it expires, so that it never lapses while the page has it. */
export const RENEW_AHEAD_MS = 60_000;
/**
 * After a failed renewal (auth-service away) the next try waits this long, doubling up to the longest, each wait
 * spread by ±25 % so that the pages that lost auth-service together do not all ask again in the same instant.
 */
export const RENEW_RETRY_FIRST_MS = 2_000;
export const RENEW_RETRY_LONGEST_MS = 30_000;

/**
 * Keeps the player's session: renews the access token with the refresh token ahead of its expiry while the page
 * plays (the game connection itself stays good once it is open; only new connections need a fresh token), and on
 * demand when a connection needs one or the server refused one. A refresh token is good for one use: the server
 * takes a second use for theft and ends the whole session, so there is never more than one renewal under way.
 */
export class SessionKeeper {
  private session: Session;
  private renewing: Promise<TokenAnswer> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private over = false;
  private running = false;

  constructor(
    session: Session,
    private readonly options: KeeperOptions,
  ) {
    this.session = session;
  }

  get current(): Session {
    return this.session;
  }

  /** A token to open a connection with: the current one while it has time left (at once), else a renewed one. */
  token(): TokenAnswer | Promise<TokenAnswer> {
    if (this.over) {
      return { kind: 'signed-out' };
    }
    if (!isExpired(this.session, this.now())) {
      return { kind: 'token', token: this.session.token };
    }
    return this.renew();
  }

  /** The server refused the current token (4401: expired early, or signed with a key since retired): renew it. */
  refused(): Promise<TokenAnswer> {
    return this.renew();
  }

  /** Renews ahead of expiry from now on, retrying with growing waits while auth-service cannot be reached. */
  start(): void {
    this.running = true;
    this.schedule(this.session.expiresAt - RENEW_AHEAD_MS - this.now());
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
  }

  private renew(): Promise<TokenAnswer> {
    this.renewing ??= this.exchange().finally(() => {
      this.renewing = null;
    });
    return this.renewing;
  }

  private async exchange(): Promise<TokenAnswer> {
    if (this.over || isOver(this.session, this.now())) {
      return this.end();
    }
    clearTimeout(this.timer);
    try {
      const next = sessionFromLogin(await this.options.refresh(this.session.refreshToken), this.now());
      if (next === null) {
        throw new ApiError(200, 'bad_answer', 'The server sent a token this page cannot read.');
      }
      this.session = next;
      this.options.save(next);
      this.failures = 0;
      this.schedule(next.expiresAt - RENEW_AHEAD_MS - this.now());
      return { kind: 'token', token: next.token };
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        return this.end();
      }
      this.failures += 1;
      const random = (this.options.random ?? Math.random)();
      this.schedule(backoffMs(this.failures, RENEW_RETRY_FIRST_MS, RENEW_RETRY_LONGEST_MS, random));
      return { kind: 'unavailable' };
    }
  }

  private end(): TokenAnswer {
    this.over = true;
    clearTimeout(this.timer);
    return { kind: 'signed-out' };
  }

  private schedule(inMs: number): void {
    clearTimeout(this.timer);
    if (this.running && !this.over) {
      this.timer = setTimeout(() => void this.renew(), Math.max(0, inMs));
    }
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
