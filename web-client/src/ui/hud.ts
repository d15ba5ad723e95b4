import type { ConnectionStatus } from '../net/gameConnection';
import { element } from './dom';

export interface HudActions {
  logOut(): void;
  /** Takes the session back after it was opened elsewhere. */
  playHere(): void;
  toggleChat(): void;
}

/** The bar over the world: connection status, players near and online, the player's name, chat and logout buttons. */
export class Hud {
  readonly root: HTMLElement;
  private readonly status = element('span', {
    className: 'status',
    attributes: { id: 'connection-status', role: 'status' },
  });
  private readonly players = element('span', { className: 'players', attributes: { id: 'player-count' } });
  private readonly playHere = element('button', { text: 'Play here', attributes: { type: 'button', hidden: '' } });
  private readonly chatButton = element('button', {
    className: 'chat-toggle',
    text: 'Chat',
    attributes: { type: 'button', id: 'chat-toggle', 'aria-controls': 'chat-panel' },
  });
  private latencyMs: number | null = null;
  private statusText = '';

  constructor(username: string, actions: HudActions) {
    const logOut = element('button', { text: 'Log out', attributes: { type: 'button' } });
    logOut.addEventListener('click', () => actions.logOut());
    this.playHere.addEventListener('click', () => actions.playHere());
    this.chatButton.addEventListener('click', () => actions.toggleChat());
    this.root = element('header', { className: 'hud' }, [
      this.status,
      this.playHere,
      this.players,
      element('span', { className: 'spacer' }),
      element('span', { className: 'player-name', text: username }),
      this.chatButton,
      logOut,
    ]);
  }

  showStatus(status: ConnectionStatus): void {
    this.status.dataset.state = status.kind;
    this.playHere.hidden = status.kind !== 'replaced';
    if (status.kind !== 'online') {
      this.latencyMs = null;
    }
    this.statusText = statusText(status);
    this.render();
  }

  showLatency(ms: number): void {
    this.latencyMs = Math.round(ms);
    this.render();
  }

  /** Other players in view, and players online in the whole world (most are out of view in a big world). */
  showPlayers(near: number, online: number): void {
    this.players.textContent = playersText(near, online);
  }

  showUnseenChat(count: number): void {
    this.chatButton.textContent = count > 0 ? `Chat (${count})` : 'Chat';
  }

  private render(): void {
    this.status.textContent = this.latencyMs === null ? this.statusText : `${this.statusText} · ${this.latencyMs} ms`;
  }
}

export const playersText = (near: number, online: number): string => `${near} near · ${online} online`;

function statusText(status: ConnectionStatus): string {
  switch (status.kind) {
    case 'connecting':
      return 'Connecting…';
    case 'online':
      return 'Connected';
    case 'retrying':
      return `Connection lost, retrying in ${Math.ceil(status.inMs / 1000)} s…`;
    case 'replaced':
      return 'You are playing in another tab or device.';
    case 'signed-out':
    case 'stopped':
      return 'Disconnected';
  }
}
