import { describe, expect, it } from 'vitest';
import { clearSession, isExpired, loadSession, readTokenClaims, saveSession, sessionFromToken } from '../src/net/session';

/** An unsigned JWT with these claims: the client only reads them, the server verifies. */
const jwt = (claims: object): string =>
  ['{"alg":"RS256"}', JSON.stringify(claims)].map(base64url).join('.') + '.sig';

function base64url(text: string): string {
  const binary = String.fromCharCode(...new TextEncoder().encode(text));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

const EXP_S = 1_900_000_000;

describe('session', () => {
  it('reads the username and expiry from the token, including non-ASCII names and base64url characters', () => {
    expect(readTokenClaims(jwt({ sub: 'Zoë_?>>', exp: EXP_S, actorId: 7 })))
      .toEqual({ username: 'Zoë_?>>', expiresAt: EXP_S * 1000 });
    expect(readTokenClaims('not-a-jwt')).toBeNull();
    expect(readTokenClaims(jwt({ sub: 'alice' }))).toBeNull();
  });

  it('keeps a session across a reload until the token expires', () => {
    const storage = new MemoryStorage();
    const session = sessionFromToken(jwt({ sub: 'alice', exp: EXP_S }), 7);
    expect(session).not.toBeNull();
    saveSession(storage, session!);
    expect(loadSession(storage, EXP_S * 1000 - 60_000)).toEqual(session);
    // Taken for expired a few seconds early, so that no connection starts with a token about to lapse.
    expect(isExpired(session!, EXP_S * 1000 - 6_000)).toBe(false);
    expect(isExpired(session!, EXP_S * 1000 - 4_000)).toBe(true);
    expect(loadSession(storage, EXP_S * 1000)).toBeNull();
    clearSession(storage);
    expect(loadSession(storage, 0)).toBeNull();
  });

  it('ignores a stored value it cannot read', () => {
    const storage = new MemoryStorage();
    storage.setItem('mmo.session', '{broken');
    expect(loadSession(storage, 0)).toBeNull();
    storage.setItem('mmo.session', JSON.stringify({ token: 'x.y.z', actorId: 7 }));
    expect(loadSession(storage, 0)).toBeNull();
  });
});
