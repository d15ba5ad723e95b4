import { chatHistory } from './net/api';
import { browserSocket, type ConnectionStatus, GameConnection } from './net/gameConnection';
import { chatFrame, type ServerMessage, targetFrame } from './net/protocol';
import type { SessionKeeper } from './net/sessionKeeper';
import type { WorldView } from './render/worldView';
import { installTestHook } from './testHook';
import { ChatPanel } from './ui/chatPanel';
import { element } from './ui/dom';
import { Hud } from './ui/hud';
import { WorldState } from './world/worldState';

/** Half the side of the world square (design: ±5000); targets are kept inside it. */
const WORLD_HALF_SIZE = 5000;
const CHAT_HISTORY_LINES = 50;
/** Below this width the chat starts closed, behind its button, leaving the small screen to the world. */
const WIDE_SCREEN_PX = 760;

export interface Game {
  leave(): void;
}

/**
 * The world screen: connects with the session's token (renewed by the keeper while it plays), draws the world, sends
 * clicks as targets, and runs the chat. `onSignedOut` is called when only a new login can go on (the session was
 * refused or has expired, or the player logged out).
 */
export function startGame(
  container: HTMLElement,
  keeper: SessionKeeper,
  onSignedOut: (notice: string | null) => void,
): Game {
  const world = new WorldState();
  let status: ConnectionStatus = { kind: 'connecting' };
  let closeCode: number | null = null;
  let view: WorldView | null = null;
  let left = false;

  const connection: GameConnection = new GameConnection({
    url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`,
    tokens: keeper,
    openSocket: browserSocket,
    onMessage: (message) => received(message),
    onStatus: (next) => statusChanged(next),
  });
  const hud = new Hud(keeper.current.username, {
    logOut: () => onSignedOut(null),
    playHere: () => connection.start(),
    toggleChat: () => chat.setOpen(!chat.isOpen),
  });
  const chat = new ChatPanel(
    (text) => connection.send(chatFrame(text)),
    (count) => hud.showUnseenChat(count),
  );
  const stage = element('div', { className: 'world', attributes: { id: 'world' } });
  const screen = element('section', { className: 'game-screen', attributes: { id: 'game-screen' } }, [
    stage,
    hud.root,
    chat.root,
  ]);
  container.append(screen);
  chat.setOpen(window.innerWidth >= WIDE_SCREEN_PX);

  function received(message: ServerMessage): void {
    const now = performance.now();
    world.apply(message, now);
    switch (message.type) {
      case 'Welcome':
        loadChatHistory();
        break;
      case 'Chat':
        chat.add(message);
        break;
      case 'Pong':
        hud.showLatency(now - message.t);
        break;
      case 'Error':
        refused(message.code, message.message, now);
        break;
      default:
        break;
    }
    hud.showPlayers(world.nearCount, world.onlineCount);
  }

  function refused(code: string, text: string, now: number): void {
    if (code === 'bad_target') {
      world.targetRejected(now);
    } else if (code === 'rate_limited') {
      chat.note('Slow down: the server dropped some of what you sent.');
    } else {
      chat.note(`The server refused that: ${text}`);
    }
  }

  function loadChatHistory(): void {
    chatHistory(keeper.current.token, CHAT_HISTORY_LINES)
      .then((lines) => chat.showHistory(lines))
      .catch(() => chat.note('The chat history could not be loaded.'));
  }

  function statusChanged(next: ConnectionStatus): void {
    status = next;
    if (next.kind === 'retrying' && next.closeCode !== 0) {
      closeCode = next.closeCode;
    }
    hud.showStatus(next);
    if (next.kind === 'signed-out') {
      onSignedOut(
        next.reason === 'expired'
          ? 'Your session has expired. Please log in again.'
          : 'The server did not accept your session. Please log in again.',
      );
    }
  }

  function walkTo(x: number, y: number): void {
    // Predict only what the server will hear: a click while offline would walk a path the server never sees.
    if (connection.isOnline && world.walkTo(x, y, performance.now())) {
      connection.send(targetFrame(x, y));
    }
  }

  const removeTestHook = installTestHook({
    selfId: () => world.selfId,
    actorsNow: () => world.draw(performance.now()),
    status: () => status.kind,
    closeCode: () => closeCode,
    near: () => world.nearCount,
    online: () => world.onlineCount,
  });

  // Phaser is loaded only now, so that the login screen does not wait for it.
  import('./render/worldView')
    .then(({ createWorldView }) => {
      if (!left) {
        view = createWorldView({
          parent: stage,
          worldHalfSize: WORLD_HALF_SIZE,
          actorsAt: (now) => world.draw(now),
          onWalk: walkTo,
        });
      }
    })
    .catch(() => chat.note('The game could not be loaded. Reload the page to try again.'));
  keeper.start();
  connection.start();

  return {
    leave() {
      left = true;
      keeper.stop();
      connection.stop();
      view?.destroy();
      removeTestHook();
      screen.remove();
    },
  };
}
