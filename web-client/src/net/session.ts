// The logged-in player's tokens, kept in sessionStorage (docs/web-client.md, "Staying logged in", says why): a
// reload goes on playing, and the access token is renewed with the refresh token before it expires.

import type { LoginAnswer } from './api';

export interface Session {
  /** The access token: the game connection's Auth and the API's Bearer. */
  token: string;
  actorId: number;
  username: string;
  /** When the access token stops being accepted, in ms since the epoch (by this page's clock). */
  expiresAt: number;
  /** Trades for the next access token (and the next refresh token) at POST /api/auth/refresh; good for one use. */
  refreshToken: string;
  /** When the refresh token stops being accepted unless used, in ms since the epoch. */
  refreshExpiresAt: number;
}

const STORAGE_KEY = 'mmo.session';
/** Treat a token as expired a little early, so that a connection is not opened with one that lapses in flight. */
const EXPIRY_MARGIN_MS = 5_000;

/** The `sub` and `exp` claims of a JWT, read without verifying it (the server verifies; we only plan ahead). */
export function readTokenClaims(token: string): { username: string; expiresAt: number } | null {
  const payload = token.split('.')[1];
  if (payload === undefined) {
    return null;
  }
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    if (typeof claims !== 'object' || claims === null) {
      return null;
    }
    const { sub, exp } = claims as Record<string, unknown>;
    return typeof sub === 'string' && typeof exp === 'number' ? { username: sub, expiresAt: exp * 1000 } : null;
  } catch {
    return null;
  }
}

/**
 * The session a login or a refresh answered with, or null when its token cannot be read. Expiries are counted from
 * `now` with the lifetimes the server gave, so a page whose clock is off still renews in time.
 */
export function sessionFromLogin(answer: LoginAnswer, now: number): Session | null {
  const claims = readTokenClaims(answer.token);
  return (
    claims && {
      token: answer.token,
      actorId: answer.actorId,
      username: claims.username,
      expiresAt: now + answer.expiresIn * 1000,
      refreshToken: answer.refreshToken,
      refreshExpiresAt: now + answer.refreshExpiresIn * 1000,
    }
  );
}

/** Whether the access token is expired (or about to be): a connection needs a renewed one. */
export function isExpired(session: Session, now: number): boolean {
  return now >= session.expiresAt - EXPIRY_MARGIN_MS;
}

/** Whether the refresh token is expired too: only a new login helps. */
export function isOver(session: Session, now: number): boolean {
  return now >= session.refreshExpiresAt;
}

/** The stored session, or null when there is none, it cannot be read, or even its refresh token has expired. */
export function loadSession(storage: Storage, now: number): Session | null {
  const stored = storage.getItem(STORAGE_KEY);
  if (stored === null) {
    return null;
  }
  try {
    const value = JSON.parse(stored) as Partial<Session>;
    const { token, actorId, username, expiresAt, refreshToken, refreshExpiresAt } = value;
    if (
      typeof token !== 'string' ||
      typeof actorId !== 'number' ||
      typeof username !== 'string' ||
      typeof expiresAt !== 'number' ||
      typeof refreshToken !== 'string' ||
      typeof refreshExpiresAt !== 'number'
    ) {
      return null;
    }
    const session = { token, actorId, username, expiresAt, refreshToken, refreshExpiresAt };
    return isOver(session, now) ? null : session;
  } catch {
    return null;
  }
}

export function saveSession(storage: Storage, session: Session): void {
  storage.setItem(STORAGE_KEY, JSON.stringify(session));
}

export function clearSession(storage: Storage): void {
  storage.removeItem(STORAGE_KEY);
}
