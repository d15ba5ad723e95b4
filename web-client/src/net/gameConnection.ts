import { decideOnClose, reconnectDelayMs } from './closePolicy';
import { authFrame, parseServerFrame, pingFrame, type ServerMessage } from './protocol';
import type { TokenAnswer } from './sessionKeeper';

/** What a socket reports; kept this small so that tests can stand in for the browser's WebSocket. */
export interface SocketEvents {
  open(): void;
  message(text: string): void;
  close(code: number): void;
}

export interface GameSocket {
  send(text: string): void;
  close(code: number, reason: string): void;
}

export type SocketFactory = (url: string, events: SocketEvents) => GameSocket;

export const browserSocket: SocketFactory = (url, events) => {
  const socket = new WebSocket(url);
  socket.onopen = () => events.open();
  socket.onmessage = (event) => {
    if (typeof event.data === 'string') {
      events.message(event.data);
    }
  };
  socket.onclose = (event) => events.close(event.code);
  return { send: (text) => socket.send(text), close: (code, reason) => socket.close(code, reason) };
};

export type ConnectionStatus =
  | { kind: 'connecting' }
  | { kind: 'online' }
  | { kind: 'retrying'; inMs: number; closeCode: number }
  /** Logged in elsewhere; reconnects only when asked to (start()). */
  | { kind: 'replaced' }
  /** Back to the login screen: a freshly renewed token was refused, or the session has expired. */
  | { kind: 'signed-out'; reason: 'refused' | 'expired' }
  | { kind: 'stopped' };

/** Where the connection gets its token (a SessionKeeper). */
export interface TokenSource {
  /** A token for a new connection; asked before every attempt. At once when the current one is good. */
  token(): TokenAnswer | Promise<TokenAnswer>;
  /** The server refused the token it was given (4401): a renewed one. */
  refused(): Promise<TokenAnswer>;
}

export interface ConnectionOptions {
  url: string;
  tokens: TokenSource;
  openSocket: SocketFactory;
  onMessage(message: ServerMessage): void;
  onStatus(status: ConnectionStatus): void;
  random?: () => number;
}

/** Time the server has to answer Auth with Welcome before the attempt counts as failed. */
export const WELCOME_TIMEOUT_MS = 10_000;
export const PING_INTERVAL_MS = 10_000;
/** A connection that has said nothing for this long (not even Pong) is taken for dead and replaced. */
export const SILENCE_LIMIT_MS = 25_000;
/** Our own close code for a connection we give up on; the server never sends it. */
const GAVE_UP = 4000;

/**
 * The game connection: sends Auth first, hands every server message on in order, keeps the connection alive with
 * Ping, and reconnects with backoff unless the close code says that would not help (see closePolicy). The session
 * outlives connections: 1012, 1013 and drops keep it, and a refused token (4401) is renewed before the player is
 * sent to log in again.
 */
export class GameConnection {
  private socket: GameSocket | null = null;
  private welcomed = false;
  private attempt = 0;
  private lastCloseCode = 0;
  /** The server refused the current token: the next attempt renews it first. */
  private tokenRefused = false;
  /** The token of this attempt was renewed after a refusal: if it is refused too, the session is over. */
  private freshlyRenewed = false;
  /** Counts starts and stops, so that a token that arrives after either is not used. */
  private generation = 0;
  private lastHeardAt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private welcomeTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly options: ConnectionOptions) {}

  /** Connects now; also how a player takes the session back after being replaced. */
  start(): void {
    this.closeSocket();
    this.clearTimers();
    this.attempt = 0;
    this.connect();
  }

  /** Closes for good (logout, page teardown). */
  stop(): void {
    this.generation += 1;
    this.closeSocket();
    this.clearTimers();
    this.options.onStatus({ kind: 'stopped' });
  }

  /** Whether the server has welcomed us on the current connection. */
  get isOnline(): boolean {
    return this.socket !== null && this.welcomed;
  }

  /** Sends a client frame once the server has welcomed us; false when it was not sent. */
  send(frame: string): boolean {
    if (!this.isOnline) {
      return false;
    }
    this.socket?.send(frame);
    return true;
  }

  private connect(): void {
    const generation = ++this.generation;
    this.welcomed = false;
    this.options.onStatus({ kind: 'connecting' });
    const renewing = this.tokenRefused;
    const answer = renewing ? this.options.tokens.refused() : this.options.tokens.token();
    const use = (got: TokenAnswer): void => {
      if (generation !== this.generation) {
        return; // stopped or started over while the token was being renewed
      }
      switch (got.kind) {
        case 'signed-out':
          this.options.onStatus({ kind: 'signed-out', reason: renewing ? 'refused' : 'expired' });
          return;
        case 'unavailable':
          this.retryLater(); // auth-service is away: the session is kept
          return;
        case 'token':
          this.freshlyRenewed = renewing;
          this.tokenRefused = false;
          this.open(got.token);
      }
    };
    if (answer instanceof Promise) {
      void answer.then(use);
    } else {
      use(answer);
    }
  }

  private open(token: string): void {
    // Each socket's events are ignored once it is no longer the current one.
    const socket: GameSocket = this.options.openSocket(this.options.url, {
      open: () => socket === this.socket && socket.send(authFrame(token)),
      message: (text) => socket === this.socket && this.receive(text),
      close: (code) => socket === this.socket && this.closed(code),
    });
    this.socket = socket;
    this.welcomeTimer = setTimeout(() => this.giveUp(), WELCOME_TIMEOUT_MS);
  }

  private receive(text: string): void {
    this.lastHeardAt = Date.now();
    for (const message of parseServerFrame(text)) {
      if (message.type === 'Welcome' && !this.welcomed) {
        this.welcomed = true;
        this.attempt = 0;
        this.freshlyRenewed = false;
        clearTimeout(this.welcomeTimer);
        this.pingTimer = setInterval(() => this.keepAlive(), PING_INTERVAL_MS);
        this.options.onStatus({ kind: 'online' });
      }
      this.options.onMessage(message);
    }
  }

  private keepAlive(): void {
    if (Date.now() - this.lastHeardAt > SILENCE_LIMIT_MS) {
      this.giveUp();
      return;
    }
    this.socket?.send(pingFrame(performance.now()));
  }

  /** Drops a connection that does not answer without waiting for a close handshake that may never come. */
  private giveUp(): void {
    this.closeSocket();
    this.closed(GAVE_UP);
  }

  private closed(code: number): void {
    this.socket = null;
    this.welcomed = false;
    this.lastCloseCode = code;
    this.clearTimers();
    switch (decideOnClose(code)) {
      case 'renew':
        if (this.freshlyRenewed) {
          this.options.onStatus({ kind: 'signed-out', reason: 'refused' });
          return;
        }
        this.tokenRefused = true;
        this.connect();
        return;
      case 'replaced':
        this.options.onStatus({ kind: 'replaced' });
        return;
      case 'reconnect':
        this.retryLater();
    }
  }

  private retryLater(): void {
    this.attempt += 1;
    const inMs = reconnectDelayMs(this.attempt, (this.options.random ?? Math.random)());
    this.options.onStatus({ kind: 'retrying', inMs, closeCode: this.lastCloseCode });
    this.retryTimer = setTimeout(() => this.connect(), inMs);
  }

  private closeSocket(): void {
    const socket = this.socket;
    this.socket = null;
    this.welcomed = false;
    socket?.close(1000, 'bye');
  }

  private clearTimers(): void {
    clearTimeout(this.retryTimer);
    clearTimeout(this.welcomeTimer);
    clearInterval(this.pingTimer);
  }
}
