import './style.css';
import { type Game, startGame } from './game';
import { logout, refresh } from './net/api';
import { clearSession, loadSession, saveSession, type Session } from './net/session';
import { SessionKeeper } from './net/sessionKeeper';
import { AuthScreen } from './ui/authScreen';

// The page: the login screen, or the world when a stored session is still good (a reload goes on playing).
// The session lives in this tab's sessionStorage (docs/web-client.md, "Staying logged in").
const storage = sessionStorage;
localStorage.removeItem('mmo.session'); // where versions before refresh tokens kept the access token

const app = document.getElementById('app');
if (!app) {
  throw new Error('index.html has no #app');
}
let game: Game | null = null;

const auth = new AuthScreen(app, (session) => {
  saveSession(storage, session);
  play(session);
});

function play(session: Session): void {
  auth.hide();
  const keeper = new SessionKeeper(session, { refresh, save: (renewed) => saveSession(storage, renewed) });
  game = startGame(app as HTMLElement, keeper, (notice) => {
    // the server forgets the session too (best effort: the page forgets it anyway)
    logout(keeper.current.refreshToken).catch(() => undefined);
    clearSession(storage);
    game?.leave();
    game = null;
    auth.show(notice);
  });
}

const stored = loadSession(storage, Date.now());
if (stored) {
  play(stored);
} else {
  auth.show(null);
}
