import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, login, logout, refresh } from '../src/net/api';

interface Call {
  path: string;
  init: RequestInit;
}

/** Plays the gateway's REST API: records each request, answers with the next scripted response. */
function fakeFetch(...answers: (Response | Error)[]) {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', (path: string, init: RequestInit) => {
    calls.push({ path, init });
    const answer = answers.shift();
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  });
  return calls;
}

const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const LOGIN_ANSWER = {
  token: 'a.b.c',
  tokenType: 'Bearer',
  expiresIn: 900,
  actorId: 7,
  refreshToken: 'r'.repeat(64),
  refreshExpiresIn: 2592000,
};

beforeEach(() => {
  vi.unstubAllGlobals();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the auth API', () => {
  it('login answers with both tokens and their lifetimes', async () => {
    const calls = fakeFetch(json(200, LOGIN_ANSWER));
    expect(await login('alice', 'secret123')).toEqual({
      token: 'a.b.c',
      expiresIn: 900,
      actorId: 7,
      refreshToken: 'r'.repeat(64),
      refreshExpiresIn: 2592000,
    });
    expect(calls[0]?.path).toBe('/api/auth/login');
    expect(JSON.parse(calls[0]?.init.body as string)).toEqual({ username: 'alice', password: 'secret123' });
  });

  it('refresh trades the refresh token for the next pair', async () => {
    const calls = fakeFetch(json(200, { ...LOGIN_ANSWER, token: 'd.e.f', refreshToken: 's'.repeat(64) }));
    const answer = await refresh('r'.repeat(64));
    expect(answer).toMatchObject({ token: 'd.e.f', refreshToken: 's'.repeat(64) });
    expect(calls[0]?.path).toBe('/api/auth/refresh');
    expect(calls[0]?.init.method).toBe('POST');
    expect(JSON.parse(calls[0]?.init.body as string)).toEqual({ refreshToken: 'r'.repeat(64) });
    expect(calls[0]?.init.headers).toMatchObject({ 'Content-Type': 'application/json' });
  });

  it('a refused refresh token is a 401 ApiError; the network and overload are told apart from it', async () => {
    fakeFetch(
      json(401, { error: 'invalid_refresh_token', message: 'The refresh token is not valid; log in again.' }),
      new TypeError('Failed to fetch'),
      json(503, { error: 'unavailable', message: 'Try again shortly.' }),
    );
    await expect(refresh('x')).rejects.toMatchObject({ status: 401, code: 'invalid_refresh_token' });
    await expect(refresh('x')).rejects.toMatchObject({ status: 0, code: 'network' });
    await expect(refresh('x')).rejects.toMatchObject({ status: 503, code: 'unavailable' });
  });

  it('an answer without the refresh token is not taken', async () => {
    fakeFetch(json(200, { token: 'a.b.c', expiresIn: 900, actorId: 7 }));
    await expect(refresh('x')).rejects.toBeInstanceOf(ApiError);
  });

  it('logout sends the refresh token and outlives the page (keepalive); its 204 has no body', async () => {
    const calls = fakeFetch(new Response(null, { status: 204 }));
    await logout('r'.repeat(64));
    expect(calls[0]?.path).toBe('/api/auth/logout');
    expect(calls[0]?.init.keepalive).toBe(true);
    expect(JSON.parse(calls[0]?.init.body as string)).toEqual({ refreshToken: 'r'.repeat(64) });
  });
});
