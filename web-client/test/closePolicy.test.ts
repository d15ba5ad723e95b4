import { describe, expect, it } from 'vitest';
import { decideOnClose, reconnectDelayMs } from '../src/net/closePolicy';

describe('decideOnClose', () => {
  it('renews the token when the server refused it (a new login only if a fresh one is refused too)', () => {
    expect(decideOnClose(4401)).toBe('renew');
  });

  it('does not reconnect when the session was taken over elsewhere', () => {
    expect(decideOnClose(4409)).toBe('replaced');
  });

  it.each([1012, 1013, 1006, 1001, 1011, 1009, 1008, 1000])('reconnects after close code %i', (code) => {
    expect(decideOnClose(code)).toBe('reconnect');
  });
});

describe('reconnectDelayMs', () => {
  it('doubles from half a second and stops growing at 15 s', () => {
    const middle = 0.5; // no spread
    expect([1, 2, 3, 4, 5, 6, 7, 12].map((attempt) => reconnectDelayMs(attempt, middle))).toEqual([
      500, 1000, 2000, 4000, 8000, 15000, 15000, 15000,
    ]);
  });

  it('spreads each wait by a quarter either way', () => {
    expect(reconnectDelayMs(3, 0)).toBe(1500);
    expect(reconnectDelayMs(3, 0.999999)).toBe(2500);
  });
});
