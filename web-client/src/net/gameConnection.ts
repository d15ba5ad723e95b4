import { decideOnClose, reconnectDelayMs } from './closePolicy';
import { authFrame, parseServerFrame, pingFrame, type ServerMessage } from './protocol';

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
  /** Back to the login screen: the token was refused or has expired. */
  | { kind: 'signed-out'; reason: 'refused' | 'expired' }
  | { kind: 'stopped' };

export interface ConnectionOptions {
  url: string;
  /** The stored token, or null when none is left that has not expired. Asked before every attempt. */
  token(): string | null;
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
 * Ping, and reconnects with backoff unless the close code says that would not help (see closePolicy).
 */
export class GameConnection {
  private socket: GameSocket | null = null;
  private welcomed = false;
  private attempt = 0;
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
    const token = this.options.token();
    if (token === null) {
      this.options.onStatus({ kind: 'signed-out', reason: 'expired' });
      return;
    }
    this.welcomed = false;
    this.options.onStatus({ kind: 'connecting' });
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
    this.clearTimers();
    switch (decideOnClose(code)) {
      case 'login':
        this.options.onStatus({ kind: 'signed-out', reason: 'refused' });
        return;
      case 'replaced':
        this.options.onStatus({ kind: 'replaced' });
        return;
      case 'reconnect': {
        this.attempt += 1;
        const inMs = reconnectDelayMs(this.attempt, (this.options.random ?? Math.random)());
        this.options.onStatus({ kind: 'retrying', inMs, closeCode: code });
        this.retryTimer = setTimeout(() => this.connect(), inMs);
      }
    }
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
