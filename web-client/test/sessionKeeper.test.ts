import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, type LoginAnswer } from '../src/net/api';
import { type Session, sessionFromLogin } from '../src/net/session';
import { RENEW_AHEAD_MS, RENEW_RETRY_FIRST_MS, SessionKeeper } from '../src/net/sessionKeeper';
import { jwt } from './fakes';

const START = 1_800_000_000_000;
const LIFETIME_S = 900;

/** Plays POST /api/auth/refresh: each refresh token is good once and is traded for the next. */
class FakeAuth {
  readonly asked: string[] = [];
  next = 1;
  /** What the next calls do instead of answering: a status to fail with (0: the network), or a pending answer. */
  failures: number[] = [];
  hold: Promise<void> | null = null;

  readonly refresh = async (refreshToken: string): Promise<LoginAnswer> => {
    this.asked.push(refreshToken);
    if (this.hold) {
      await this.hold;
    }
    const failure = this.failures.shift();
    if (failure === 0) {
      throw new ApiError(0, 'network', 'Cannot reach the server.');
    }
    if (failure !== undefined) {
      throw new ApiError(failure, failure === 401 ? 'invalid_refresh_token' : 'unavailable', 'no');
    }
    const n = this.next++;
    return {
      token: jwt({ sub: 'alice', exp: 2_000_000_000, actorId: 7, n }),
      expiresIn: LIFETIME_S,
      actorId: 7,
      refreshToken: `refresh-${n}`,
      refreshExpiresIn: 30 * 24 * 3600,
    };
  };
}

function loggedIn(): Session {
  return sessionFromLogin(
    {
      token: jwt({ sub: 'alice', exp: 2_000_000_000, actorId: 7, n: 0 }),
      expiresIn: LIFETIME_S,
      actorId: 7,
      refreshToken: 'refresh-0',
      refreshExpiresIn: 30 * 24 * 3600,
    },
    Date.now(),
  )!;
}

/** `random` 0.5 puts every retry exactly on its unspread wait. */
function setUp(random = 0.5) {
  const auth = new FakeAuth();
  const saved: Session[] = [];
  const keeper = new SessionKeeper(loggedIn(), {
    refresh: auth.refresh,
    save: (s) => saved.push(s),
    random: () => random,
  });
  return { auth, saved, keeper };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(START);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('SessionKeeper', () => {
  it('hands out the current token at once while it is good, and renews it once it is not', async () => {
    const { auth, saved, keeper } = setUp();
    const first = keeper.current.token;
    expect(keeper.token()).toEqual({ kind: 'token', token: first });
    expect(auth.asked).toEqual([]);

    vi.setSystemTime(START + LIFETIME_S * 1000);
    const renewed = await keeper.token();
    expect(auth.asked).toEqual(['refresh-0']);
    expect(renewed).toEqual({ kind: 'token', token: keeper.current.token });
    expect(keeper.current.token).not.toBe(first);
    expect(keeper.current.refreshToken).toBe('refresh-1');
    expect(saved).toEqual([keeper.current]);
  });

  it('renews ahead of expiry while playing, each time with the refresh token it was last given', async () => {
    const { auth, keeper } = setUp();
    keeper.start();
    await vi.advanceTimersByTimeAsync(LIFETIME_S * 1000 - RENEW_AHEAD_MS - 1);
    expect(auth.asked).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(auth.asked).toEqual(['refresh-0']);
    await vi.advanceTimersByTimeAsync(LIFETIME_S * 1000 - RENEW_AHEAD_MS);
    expect(auth.asked).toEqual(['refresh-0', 'refresh-1']);
    keeper.stop();
    await vi.advanceTimersByTimeAsync(10 * LIFETIME_S * 1000);
    expect(auth.asked).toHaveLength(2);
  });

  it('never uses a refresh token twice: callers that ask during a renewal share it', async () => {
    const { auth, keeper } = setUp();
    let release: () => void = () => undefined;
    auth.hold = new Promise((resolve) => {
      release = resolve;
    });
    vi.setSystemTime(START + LIFETIME_S * 1000);
    const answers = [Promise.resolve(keeper.token()), keeper.refused(), keeper.refused()];
    release();
    const [a, b, c] = await Promise.all(answers);
    expect(auth.asked).toEqual(['refresh-0']);
    expect(a).toEqual(b);
    expect(b).toEqual(c);
  });

  it('ends the session when the refresh token is refused, and asks no more', async () => {
    const { auth, keeper } = setUp();
    auth.failures.push(401);
    expect(await keeper.refused()).toEqual({ kind: 'signed-out' });
    expect(keeper.token()).toEqual({ kind: 'signed-out' });
    expect(await keeper.refused()).toEqual({ kind: 'signed-out' });
    expect(auth.asked).toEqual(['refresh-0']);
  });

  it('keeps the session while auth cannot be reached or is busy, retrying with growing waits', async () => {
    const { auth, keeper } = setUp();
    keeper.start();
    auth.failures.push(0, 503, 429);
    await vi.advanceTimersByTimeAsync(LIFETIME_S * 1000 - RENEW_AHEAD_MS);
    expect(auth.asked).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(RENEW_RETRY_FIRST_MS);
    expect(auth.asked).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(2 * RENEW_RETRY_FIRST_MS - 1);
    expect(auth.asked).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(auth.asked).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(4 * RENEW_RETRY_FIRST_MS);
    expect(auth.asked).toEqual(['refresh-0', 'refresh-0', 'refresh-0', 'refresh-0']); // refused ones stay unspent
    expect(keeper.current.refreshToken).toBe('refresh-1');
  });

  it('spreads each retry by a quarter either way', async () => {
    const cases: [random: number, firstRetryMs: number][] = [
      [0, 0.75 * RENEW_RETRY_FIRST_MS],
      [0.999999, 1.25 * RENEW_RETRY_FIRST_MS],
    ];
    for (const [random, firstRetryMs] of cases) {
      const { auth, keeper } = setUp(random);
      keeper.start();
      auth.failures.push(0);
      await vi.advanceTimersByTimeAsync(LIFETIME_S * 1000 - RENEW_AHEAD_MS);
      expect(auth.asked).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(firstRetryMs - 1);
      expect(auth.asked).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(auth.asked).toHaveLength(2);
      keeper.stop();
    }
  });

  it('answers unavailable (not signed out) when a connection needs a token while auth is away', async () => {
    const { auth, keeper } = setUp();
    vi.setSystemTime(START + LIFETIME_S * 1000);
    auth.failures.push(0);
    expect(await keeper.token()).toEqual({ kind: 'unavailable' });
    expect(await keeper.token()).toMatchObject({ kind: 'token' });
  });

  it('does not ask once the refresh token itself has expired', async () => {
    const { auth, keeper } = setUp();
    vi.setSystemTime(keeper.current.refreshExpiresAt);
    expect(await keeper.token()).toEqual({ kind: 'signed-out' });
    expect(auth.asked).toEqual([]);
  });
});
