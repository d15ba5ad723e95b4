import './style.css';
import { type Game, startGame } from './game';
import { clearSession, loadSession, saveSession, type Session } from './net/session';
import { AuthScreen } from './ui/authScreen';

// The page: the login screen, or the world when a stored token is still good (a reload goes on playing).

const app = document.getElementById('app');
if (!app) {
  throw new Error('index.html has no #app');
}
let game: Game | null = null;

const auth = new AuthScreen(app, (session) => {
  saveSession(localStorage, session);
  play(session);
});

function play(session: Session): void {
  auth.hide();
  game = startGame(app as HTMLElement, session, (notice) => {
    clearSession(localStorage);
    game?.leave();
    game = null;
    auth.show(notice);
  });
}

const stored = loadSession(localStorage, Date.now());
if (stored) {
  play(stored);
} else {
  auth.show(null);
}
