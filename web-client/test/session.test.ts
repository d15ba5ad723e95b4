import { describe, expect, it } from 'vitest';
import type { LoginAnswer } from '../src/net/api';
import {
  clearSession,
  isExpired,
  isOver,
  loadSession,
  readTokenClaims,
  saveSession,
  sessionFromLogin,
} from '../src/net/session';
import { jwt, MemoryStorage } from './fakes';

const NOW = 1_800_000_000_000;
const answer = (overrides: Partial<LoginAnswer> = {}): LoginAnswer => ({
  token: jwt({ sub: 'alice', exp: 1_900_000_000, actorId: 7 }),
  expiresIn: 900,
  actorId: 7,
  refreshToken: 'r'.repeat(64),
  refreshExpiresIn: 30 * 24 * 3600,
  ...overrides,
});

describe('session', () => {
  it('reads the username and expiry from the token, including non-ASCII names and base64url characters', () => {
    expect(readTokenClaims(jwt({ sub: 'Zoë_?>>', exp: 1_900_000_000, actorId: 7 }))).toEqual({
      username: 'Zoë_?>>',
      expiresAt: 1_900_000_000_000,
    });
    expect(readTokenClaims('not-a-jwt')).toBeNull();
    expect(readTokenClaims(jwt({ sub: 'alice' }))).toBeNull();
  });

  it("counts both expiries from the lifetimes the server gave, by this page's clock (not the token's exp)", () => {
    const session = sessionFromLogin(answer(), NOW);
    expect(session).toEqual({
      token: answer().token,
      actorId: 7,
      username: 'alice',
      expiresAt: NOW + 900_000,
      refreshToken: 'r'.repeat(64),
      refreshExpiresAt: NOW + 30 * 24 * 3600 * 1000,
    });
    expect(sessionFromLogin(answer({ token: 'unreadable' }), NOW)).toBeNull();
  });

  it('takes the access token for expired a few seconds early, and the session as over when the refresh token is', () => {
    const session = sessionFromLogin(answer(), NOW)!;
    expect(isExpired(session, NOW + 900_000 - 6_000)).toBe(false);
    expect(isExpired(session, NOW + 900_000 - 4_000)).toBe(true);
    expect(isOver(session, NOW + 900_000)).toBe(false);
    expect(isOver(session, session.refreshExpiresAt)).toBe(true);
  });

  it('keeps a session across a reload, also once its access token expired, until its refresh token does', () => {
    const storage = new MemoryStorage();
    const session = sessionFromLogin(answer(), NOW)!;
    saveSession(storage, session);
    expect(loadSession(storage, NOW + 60_000)).toEqual(session);
    expect(loadSession(storage, NOW + 3_600_000)).toEqual(session); // the keeper renews it
    expect(loadSession(storage, session.refreshExpiresAt)).toBeNull();
    clearSession(storage);
    expect(loadSession(storage, NOW)).toBeNull();
  });

  it("ignores a stored value it cannot read, or one without a refresh token (an older version's)", () => {
    const storage = new MemoryStorage();
    storage.setItem('mmo.session', '{broken');
    expect(loadSession(storage, NOW)).toBeNull();
    storage.setItem('mmo.session', JSON.stringify({ token: jwt({ sub: 'alice', exp: 1_900_000_000 }), actorId: 7 }));
    expect(loadSession(storage, NOW)).toBeNull();
  });
});
