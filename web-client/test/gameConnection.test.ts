import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type ConnectionStatus,
  GameConnection,
  type GameSocket,
  PING_INTERVAL_MS,
  type SocketEvents,
  WELCOME_TIMEOUT_MS,
} from '../src/net/gameConnection';
import type { ServerMessage } from '../src/net/protocol';
import type { TokenAnswer } from '../src/net/sessionKeeper';

/** Stands in for a browser WebSocket: records what the client sends, lets the test play the server. */
class FakeSocket implements GameSocket {
  readonly sent: unknown[] = [];
  closedWith: number | null = null;

  constructor(
    readonly url: string,
    private readonly events: SocketEvents,
  ) {}

  send(text: string): void {
    this.sent.push(JSON.parse(text));
  }

  close(code: number): void {
    this.closedWith = code;
  }

  open(): void {
    this.events.open();
  }

  serverSends(frame: unknown): void {
    this.events.message(JSON.stringify(frame));
  }

  serverCloses(code: number): void {
    this.events.close(code);
  }
}

const WELCOME = { type: 'Welcome', actorId: 7, tickRate: 20, speed: 70, tick: 100 };

/** Plays the session keeper: the current token, and what a renewal after a refusal answers. */
class FakeTokens {
  current: TokenAnswer | Promise<TokenAnswer> = { kind: 'token', token: 'token-1' };
  renewals: TokenAnswer[] = [];
  renewed = 0;

  token(): TokenAnswer | Promise<TokenAnswer> {
    return this.current;
  }

  refused(): Promise<TokenAnswer> {
    this.renewed += 1;
    const next = this.renewals.shift() ?? { kind: 'signed-out' };
    if (next.kind !== 'unavailable') {
      this.current = next;
    }
    return Promise.resolve(next);
  }
}

function setUp(tokens = new FakeTokens()) {
  const sockets: FakeSocket[] = [];
  const statuses: ConnectionStatus[] = [];
  const messages: ServerMessage[] = [];
  const connection = new GameConnection({
    url: 'ws://game.test/ws',
    tokens,
    openSocket: (url, events) => {
      const socket = new FakeSocket(url, events);
      sockets.push(socket);
      return socket;
    },
    onMessage: (message) => messages.push(message),
    onStatus: (status) => statuses.push(status),
    random: () => 0.5, // no spread: waits are exactly 500, 1000, 2000 … ms
  });
  /** Opens the newest socket and has the server welcome it. */
  const welcome = (): FakeSocket => {
    const socket = sockets.at(-1) as FakeSocket;
    socket.open();
    socket.serverSends(WELCOME);
    return socket;
  };
  return { connection, sockets, statuses, messages, welcome, last: () => statuses.at(-1) };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('GameConnection', () => {
  it('sends Auth with the token as its very first frame, and nothing else before Welcome', () => {
    const { connection, sockets, last } = setUp();
    connection.start();
    expect(sockets).toHaveLength(1);
    expect(sockets[0]?.url).toBe('ws://game.test/ws');
    expect(connection.send('{"type":"Target","x":1,"y":2}')).toBe(false); // not even open yet
    sockets[0]?.open();
    expect(connection.send('{"type":"Chat","text":"too early"}')).toBe(false);
    expect(sockets[0]?.sent).toEqual([{ type: 'Auth', token: 'token-1' }]);
    expect(last()).toEqual({ kind: 'connecting' });

    sockets[0]?.serverSends(WELCOME);
    expect(last()).toEqual({ kind: 'online' });
    expect(connection.send('{"type":"Target","x":1,"y":2}')).toBe(true);
    expect(sockets[0]?.sent).toEqual([
      { type: 'Auth', token: 'token-1' },
      { type: 'Target', x: 1, y: 2 },
    ]);
  });

  it('hands on every message of an array frame, in order', () => {
    const { connection, sockets, messages } = setUp();
    connection.start();
    sockets[0]?.open();
    sockets[0]?.serverSends([WELCOME, { type: 'Despawn', actorId: 3 }, { type: 'Leave', actorId: 4 }]);
    sockets[0]?.serverSends({ type: 'Pong', t: 1 });
    expect(messages.map((m) => m.type)).toEqual(['Welcome', 'Despawn', 'Leave', 'Pong']);
  });

  it('on 4401 renews the token and reconnects with the new one at once', async () => {
    const tokens = new FakeTokens();
    tokens.renewals.push({ kind: 'token', token: 'token-2' });
    const { connection, sockets, welcome, last } = setUp(tokens);
    connection.start();
    welcome().serverCloses(4401);
    await vi.advanceTimersByTimeAsync(0);
    expect(tokens.renewed).toBe(1);
    expect(sockets).toHaveLength(2);
    sockets[1]?.open();
    expect(sockets[1]?.sent).toEqual([{ type: 'Auth', token: 'token-2' }]);
    sockets[1]?.serverSends(WELCOME);
    expect(last()).toEqual({ kind: 'online' });
  });

  it('goes back to the login screen when a freshly renewed token is refused too, without reconnecting', async () => {
    const tokens = new FakeTokens();
    tokens.renewals.push({ kind: 'token', token: 'token-2' });
    const { connection, sockets, welcome, last } = setUp(tokens);
    connection.start();
    welcome().serverCloses(4401);
    await vi.advanceTimersByTimeAsync(0);
    sockets[1]?.open();
    sockets[1]?.serverCloses(4401); // before any Welcome: the fresh token is no good either
    expect(last()).toEqual({ kind: 'signed-out', reason: 'refused' });
    await vi.advanceTimersByTimeAsync(120_000);
    expect(sockets).toHaveLength(2);
    expect(tokens.renewed).toBe(1);
  });

  it('goes back to the login screen on 4401 when the session cannot be renewed (refresh token refused)', async () => {
    const { connection, sockets, welcome, last } = setUp(); // no renewal: signed-out
    connection.start();
    welcome().serverCloses(4401);
    await vi.advanceTimersByTimeAsync(0);
    expect(last()).toEqual({ kind: 'signed-out', reason: 'refused' });
    await vi.advanceTimersByTimeAsync(120_000);
    expect(sockets).toHaveLength(1);
  });

  it('keeps the session on 4401 while auth cannot be reached, and renews once it can', async () => {
    const tokens = new FakeTokens();
    tokens.renewals.push({ kind: 'unavailable' }, { kind: 'token', token: 'token-2' });
    const { connection, sockets, welcome, last } = setUp(tokens);
    connection.start();
    welcome().serverCloses(4401);
    await vi.advanceTimersByTimeAsync(0);
    expect(last()).toEqual({ kind: 'retrying', inMs: 500, closeCode: 4401 });
    expect(sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(tokens.renewed).toBe(2); // the retry renews again rather than reusing the refused token
    sockets[1]?.open();
    expect(sockets[1]?.sent).toEqual([{ type: 'Auth', token: 'token-2' }]);
  });

  it('stays away on 4409 (replaced) until the player asks to play here again', () => {
    const { connection, sockets, welcome, last } = setUp();
    connection.start();
    welcome().serverCloses(4409);
    expect(last()).toEqual({ kind: 'replaced' });
    vi.advanceTimersByTime(120_000);
    expect(sockets).toHaveLength(1);

    connection.start();
    expect(sockets).toHaveLength(2);
    sockets[1]?.open();
    expect(sockets[1]?.sent).toEqual([{ type: 'Auth', token: 'token-1' }]);
  });

  it.each([1012, 1013, 1006])('reconnects after %i, waiting longer after each failed attempt', (code) => {
    const { connection, sockets, welcome, last } = setUp();
    connection.start();
    welcome().serverCloses(code);

    for (const [attempt, wait] of [500, 1000, 2000, 4000].entries()) {
      expect(last()).toEqual({ kind: 'retrying', inMs: wait, closeCode: attempt === 0 ? code : 1006 });
      vi.advanceTimersByTime(wait - 1);
      expect(sockets).toHaveLength(attempt + 1); // not a moment early
      vi.advanceTimersByTime(1);
      expect(sockets).toHaveLength(attempt + 2);
      expect(last()).toEqual({ kind: 'connecting' });
      sockets.at(-1)?.serverCloses(1006); // the server is still away
    }
  });

  it('authenticates again on the new connection and starts the backoff over once welcomed', () => {
    const { connection, sockets, welcome, last } = setUp();
    connection.start();
    welcome().serverCloses(1012);
    vi.advanceTimersByTime(500);
    sockets[1]?.serverCloses(1006);
    vi.advanceTimersByTime(1000);
    expect(sockets).toHaveLength(3);

    const third = welcome();
    expect(third.sent[0]).toEqual({ type: 'Auth', token: 'token-1' });
    expect(last()).toEqual({ kind: 'online' });
    third.serverCloses(1012);
    expect(last()).toEqual({ kind: 'retrying', inMs: 500, closeCode: 1012 });
  });

  it('goes back to the login screen instead of reconnecting once the session is over', () => {
    const tokens = new FakeTokens();
    const { connection, sockets, welcome, last } = setUp(tokens);
    connection.start();
    welcome().serverCloses(1006);
    tokens.current = { kind: 'signed-out' };
    vi.advanceTimersByTime(500);
    expect(sockets).toHaveLength(1);
    expect(last()).toEqual({ kind: 'signed-out', reason: 'expired' });
  });

  it('keeps the session after 1013 while no token can be had, and plays again once one can', () => {
    const tokens = new FakeTokens();
    const { connection, sockets, welcome, last } = setUp(tokens);
    connection.start();
    welcome().serverCloses(1013);
    tokens.current = { kind: 'unavailable' };
    vi.advanceTimersByTime(500);
    expect(last()).toEqual({ kind: 'retrying', inMs: 1000, closeCode: 1013 });
    expect(sockets).toHaveLength(1);
    tokens.current = { kind: 'token', token: 'token-3' };
    vi.advanceTimersByTime(1000);
    expect(sockets).toHaveLength(2);
    const again = welcome();
    expect(again.sent[0]).toEqual({ type: 'Auth', token: 'token-3' });
    expect(last()).toEqual({ kind: 'online' });
  });

  it('uses a token that is renewed while it waits, and none that arrives after it was stopped', async () => {
    let answer: (value: TokenAnswer) => void = () => undefined;
    const tokens = new FakeTokens();
    const pending = (): Promise<TokenAnswer> =>
      new Promise<TokenAnswer>((resolve) => {
        answer = resolve;
      });
    tokens.current = pending();
    const { connection, sockets, last } = setUp(tokens);
    connection.start();
    expect(last()).toEqual({ kind: 'connecting' });
    expect(sockets).toHaveLength(0);
    answer({ kind: 'token', token: 'late' });
    await vi.advanceTimersByTimeAsync(0);
    expect(sockets).toHaveLength(1);
    sockets[0]?.open();
    expect(sockets[0]?.sent).toEqual([{ type: 'Auth', token: 'late' }]);

    tokens.current = pending();
    connection.start(); // a second start: its token comes only after stop
    connection.stop();
    answer({ kind: 'token', token: 'too-late' });
    await vi.advanceTimersByTimeAsync(0);
    expect(sockets).toHaveLength(1);
    expect(last()).toEqual({ kind: 'stopped' });
  });

  it('keeps the connection alive with Ping and replaces one that has gone silent', () => {
    const { connection, sockets, welcome, last } = setUp();
    connection.start();
    const socket = welcome();
    vi.advanceTimersByTime(PING_INTERVAL_MS);
    expect(socket.sent.at(-1)).toMatchObject({ type: 'Ping' });
    socket.serverSends({ type: 'Pong', t: 1 });
    vi.advanceTimersByTime(PING_INTERVAL_MS);
    expect(socket.sent.filter((frame) => (frame as { type: string }).type === 'Ping')).toHaveLength(2);

    // Nothing heard for more than 25 s: the connection is dropped without waiting for a close handshake.
    vi.advanceTimersByTime(2 * PING_INTERVAL_MS);
    expect(socket.closedWith).not.toBeNull();
    expect(last()).toMatchObject({ kind: 'retrying', inMs: 500 });
    vi.advanceTimersByTime(500);
    expect(sockets).toHaveLength(2);
  });

  it('gives up on a connection whose Welcome does not come', () => {
    const { connection, sockets, last } = setUp();
    connection.start();
    sockets[0]?.open();
    vi.advanceTimersByTime(WELCOME_TIMEOUT_MS);
    expect(sockets[0]?.closedWith).not.toBeNull();
    expect(last()).toMatchObject({ kind: 'retrying' });
  });

  it('ignores what a socket it has let go of still reports', () => {
    const { connection, sockets, welcome, messages, last } = setUp();
    connection.start();
    const socket = welcome();
    connection.stop();
    expect(socket.closedWith).toBe(1000);
    expect(last()).toEqual({ kind: 'stopped' });
    socket.serverSends({ type: 'Leave', actorId: 1 });
    socket.serverCloses(1006);
    vi.advanceTimersByTime(60_000);
    expect(messages.map((m) => m.type)).toEqual(['Welcome']);
    expect(sockets).toHaveLength(1);
    expect(last()).toEqual({ kind: 'stopped' });
  });
});
