// The logged-in player's token, kept in localStorage so that a reload or a dropped connection goes on playing
// until the token expires.

export interface Session {
  token: string;
  actorId: number;
  username: string;
  /** When the token stops being accepted, in ms since the epoch (its JWT `exp`). */
  expiresAt: number;
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

export function sessionFromToken(token: string, actorId: number): Session | null {
  const claims = readTokenClaims(token);
  return claims && { token, actorId, ...claims };
}

export function isExpired(session: Session, now: number): boolean {
  return now >= session.expiresAt - EXPIRY_MARGIN_MS;
}

/** The stored session, or null when there is none or it has expired. */
export function loadSession(storage: Storage, now: number): Session | null {
  const stored = storage.getItem(STORAGE_KEY);
  if (stored === null) {
    return null;
  }
  try {
    const { token, actorId } = JSON.parse(stored) as Partial<Session>;
    const session = typeof token === 'string' && typeof actorId === 'number' ? sessionFromToken(token, actorId) : null;
    return session && !isExpired(session, now) ? session : null;
  } catch {
    return null;
  }
}

export function saveSession(storage: Storage, session: Session): void {
  storage.setItem(STORAGE_KEY, JSON.stringify({ token: session.token, actorId: session.actorId }));
}

export function clearSession(storage: Storage): void {
  storage.removeItem(STORAGE_KEY);
}
