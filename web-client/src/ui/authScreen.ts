import { ApiError, login, register } from '../net/api';
import { type Session, sessionFromLogin } from '../net/session';
import { AVATAR_COUNT, avatarTitle, drawAvatarSheet, FRAME_HEIGHT, FRAME_WIDTH } from '../render/avatarArt';
import { type AccountField, fieldOfApiError, passwordProblem, usernameProblem } from './accountRules';
import { element } from './dom';

type Mode = 'login' | 'register';

interface Field {
  input: HTMLInputElement | null;
  error: HTMLParagraphElement;
}

/** Log in, or create an account (with an avatar) and be logged in with it. */
export class AuthScreen {
  private readonly root: HTMLElement;
  private readonly notice = element('p', { className: 'notice', attributes: { role: 'status' } });
  private readonly formError = element('p', { className: 'form-error', attributes: { role: 'alert' } });
  private readonly username = element('input', {
    attributes: {
      id: 'username',
      name: 'username',
      autocomplete: 'username',
      maxlength: '20',
      required: '',
      'aria-describedby': 'username-error',
    },
  });
  private readonly password = element('input', {
    attributes: {
      id: 'password',
      name: 'password',
      type: 'password',
      maxlength: '128',
      required: '',
      'aria-describedby': 'password-error',
    },
  });
  private readonly fields: Record<AccountField, Field>;
  private readonly avatarPicker: HTMLFieldSetElement;
  private readonly submit = element('button', { attributes: { type: 'submit' } });
  private readonly tabs: Record<Mode, HTMLButtonElement>;
  private mode: Mode = 'login';
  private avatarId = 0;

  constructor(
    container: HTMLElement,
    private readonly onSignedIn: (session: Session) => void,
  ) {
    this.fields = {
      username: { input: this.username, error: fieldError('username') },
      password: { input: this.password, error: fieldError('password') },
      avatarId: { input: null, error: fieldError('avatarId') },
    };
    this.tabs = {
      login: element('button', { text: 'Log in', attributes: { type: 'button', role: 'tab' } }),
      register: element('button', { text: 'Create account', attributes: { type: 'button', role: 'tab' } }),
    };
    this.tabs.login.addEventListener('click', () => this.setMode('login'));
    this.tabs.register.addEventListener('click', () => this.setMode('register'));
    this.avatarPicker = this.buildAvatarPicker();

    const form = element('form', { attributes: { novalidate: '' } }, [
      element('label', { text: 'Username', attributes: { for: 'username' } }),
      this.username,
      this.fields.username.error,
      element('label', { text: 'Password', attributes: { for: 'password' } }),
      this.password,
      this.fields.password.error,
      this.avatarPicker,
      this.formError,
      this.submit,
    ]);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.send();
    });
    this.root = element('section', { className: 'auth-screen', attributes: { id: 'auth-screen' } }, [
      element('div', { className: 'auth-card' }, [
        element('h1', { text: 'MMO starter' }),
        element('div', { className: 'tabs', attributes: { role: 'tablist' } }, [this.tabs.login, this.tabs.register]),
        this.notice,
        form,
      ]),
    ]);
    container.append(this.root);
    this.setMode('login');
  }

  /** Shows the screen, with a notice such as why the player is back here. */
  show(notice: string | null): void {
    this.notice.textContent = notice ?? '';
    this.password.value = '';
    this.submit.disabled = false;
    this.root.hidden = false;
    this.username.focus();
  }

  hide(): void {
    this.root.hidden = true;
  }

  private setMode(mode: Mode): void {
    this.mode = mode;
    this.clearErrors();
    for (const [name, tab] of Object.entries(this.tabs)) {
      tab.setAttribute('aria-selected', String(name === mode));
    }
    this.avatarPicker.hidden = mode === 'login';
    this.fields.avatarId.error.hidden = mode === 'login';
    this.password.autocomplete = mode === 'login' ? 'current-password' : 'new-password';
    this.submit.textContent = mode === 'login' ? 'Log in' : 'Create account and play';
  }

  private buildAvatarPicker(): HTMLFieldSetElement {
    const choices = Array.from({ length: AVATAR_COUNT }, (_, avatarId) => {
      const choice = element(
        'button',
        {
          className: 'avatar-choice',
          attributes: {
            type: 'button',
            role: 'radio',
            'aria-label': avatarTitle(avatarId),
            title: avatarTitle(avatarId),
            'data-avatar-id': String(avatarId),
          },
        },
        [avatarPreview(avatarId)],
      );
      choice.addEventListener('click', () => this.pickAvatar(avatarId));
      return choice;
    });
    const picker = element('fieldset', { className: 'avatar-picker' }, [
      element('legend', { text: 'Avatar' }),
      element(
        'div',
        { className: 'avatar-choices', attributes: { role: 'radiogroup', 'aria-label': 'Avatar' } },
        choices,
      ),
      this.fields.avatarId.error,
    ]);
    this.avatarId = Math.floor(Math.random() * AVATAR_COUNT);
    this.markPicked(choices);
    return picker;
  }

  private pickAvatar(avatarId: number): void {
    this.avatarId = avatarId;
    this.markPicked([...this.avatarPicker.querySelectorAll<HTMLButtonElement>('.avatar-choice')]);
  }

  private markPicked(choices: HTMLButtonElement[]): void {
    choices.forEach((choice, avatarId) => choice.setAttribute('aria-checked', String(avatarId === this.avatarId)));
  }

  private async send(): Promise<void> {
    this.clearErrors();
    const username = this.username.value.trim();
    const password = this.password.value;
    if (!this.checkLocally(username, password)) {
      return;
    }
    this.submit.disabled = true;
    try {
      if (this.mode === 'register') {
        await register(username, password, this.avatarId);
      }
      const answer = await login(username, password);
      const session = sessionFromLogin(answer, Date.now());
      if (!session) {
        this.formError.textContent = 'The server sent a token this page cannot read.';
        return;
      }
      this.onSignedIn(session);
    } catch (error) {
      this.showError(error);
    } finally {
      this.submit.disabled = false;
    }
  }

  private checkLocally(username: string, password: string): boolean {
    const problems: Partial<Record<AccountField, string | null>> =
      this.mode === 'register'
        ? { username: usernameProblem(username), password: passwordProblem(password) }
        : { username: username ? null : 'Enter your username.', password: password ? null : 'Enter your password.' };
    const wrong = (Object.entries(problems) as [AccountField, string | null][]).filter(
      (entry): entry is [AccountField, string] => entry[1] !== null,
    );
    wrong.forEach(([field, problem]) => this.setFieldError(field, problem));
    const [first] = wrong;
    if (first) {
      this.fields[first[0]].input?.focus();
    }
    return wrong.length === 0;
  }

  private showError(error: unknown): void {
    if (!(error instanceof ApiError)) {
      this.formError.textContent = 'Something went wrong. Try again.';
      return;
    }
    const field = fieldOfApiError(error);
    if (field === null) {
      this.formError.textContent = error.message;
    } else {
      this.setFieldError(field, error.message);
      this.fields[field].input?.focus();
    }
  }

  private setFieldError(field: AccountField, message: string): void {
    const { input, error } = this.fields[field];
    error.textContent = message;
    input?.setAttribute('aria-invalid', 'true');
  }

  private clearErrors(): void {
    this.formError.textContent = '';
    for (const { input, error } of Object.values(this.fields)) {
      error.textContent = '';
      input?.removeAttribute('aria-invalid');
    }
  }
}

function fieldError(field: AccountField): HTMLParagraphElement {
  return element('p', { className: 'field-error', attributes: { id: `${field}-error`, 'aria-live': 'polite' } });
}

/** The avatar's idle pose facing the viewer, at twice its size. */
function avatarPreview(avatarId: number): HTMLCanvasElement {
  const preview = element('canvas', {
    attributes: { width: String(FRAME_WIDTH * 2), height: String(FRAME_HEIGHT * 2) },
  });
  const context = preview.getContext('2d');
  if (context) {
    context.imageSmoothingEnabled = false;
    context.drawImage(
      drawAvatarSheet(avatarId),
      0,
      0,
      FRAME_WIDTH,
      FRAME_HEIGHT,
      0,
      0,
      FRAME_WIDTH * 2,
      FRAME_HEIGHT * 2,
    );
  }
  return preview;
}
