import type { ChatLine } from '../net/api';
import { ChatLog } from './chatLog';
import { element } from './dom';

/** Longest message the server accepts, after trimming. */
const MAX_MESSAGE_LENGTH = 200;
/** Lines kept on the page (chat and notes), so that a long session does not grow it without end. */
const MAX_LINES_SHOWN = 250;

/**
 * The chat: history and live lines, an input, and notes from the client itself. Every line goes in as
 * textContent: chat text is data, never markup.
 */
export class ChatPanel {
  readonly root: HTMLElement;
  private readonly list = element('ol', {
    className: 'chat-lines',
    attributes: { id: 'chat-lines', 'aria-live': 'polite' },
  });
  private readonly input = element('input', {
    attributes: {
      id: 'chat-input',
      maxlength: String(MAX_MESSAGE_LENGTH),
      placeholder: 'Say something…',
      autocomplete: 'off',
      'aria-label': 'Chat message',
      enterkeyhint: 'send',
    },
  });
  private readonly log = new ChatLog();
  private unseen = 0;

  constructor(
    /** Sends a message; false when it could not be sent (not connected). */
    private readonly send: (text: string) => boolean,
    /** Told how many lines arrived while the panel was closed. */
    private readonly onUnseen: (count: number) => void,
  ) {
    const form = element('form', { className: 'chat-form' }, [
      this.input,
      element('button', { text: 'Send', attributes: { type: 'submit' } }),
    ]);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    this.root = element('aside', { className: 'chat-panel', attributes: { id: 'chat-panel', 'aria-label': 'Chat' } }, [
      this.list,
      form,
    ]);
  }

  get isOpen(): boolean {
    return this.root.classList.contains('open');
  }

  setOpen(open: boolean): void {
    this.root.classList.toggle('open', open);
    if (open) {
      this.unseen = 0;
      this.onUnseen(0);
      this.scrollToEnd();
    }
  }

  /** Lines fetched from the history, merged with what is shown. */
  showHistory(history: readonly ChatLine[]): void {
    this.log.merge(history);
    this.list.replaceChildren(...this.log.all.map(lineElement));
    this.scrollToEnd();
  }

  add(line: ChatLine): void {
    if (!this.log.add(line)) {
      return;
    }
    this.append(lineElement(line));
    if (!this.isOpen) {
      this.unseen += 1;
      this.onUnseen(this.unseen);
    }
  }

  /** A line from this client, not from a player: a refused message, a lost connection. */
  note(text: string): void {
    this.append(element('li', { className: 'chat-note', text }));
  }

  private submit(): void {
    const text = this.input.value.trim();
    if (text === '') {
      return;
    }
    if (this.send(text)) {
      this.input.value = '';
    } else {
      this.note('Not connected: your message was not sent.');
    }
  }

  private append(line: HTMLLIElement): void {
    const atEnd = this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < 24;
    this.list.append(line);
    while (this.list.childElementCount > MAX_LINES_SHOWN) {
      this.list.firstElementChild?.remove();
    }
    if (atEnd) {
      this.scrollToEnd();
    }
  }

  private scrollToEnd(): void {
    this.list.scrollTop = this.list.scrollHeight;
  }
}

function lineElement(line: ChatLine): HTMLLIElement {
  const time = new Date(line.at);
  return element(
    'li',
    {
      className: 'chat-line',
      attributes: Number.isNaN(time.getTime()) ? {} : { title: time.toLocaleString() },
    },
    [
      element('span', { className: 'chat-from', text: line.from }),
      element('span', { className: 'chat-text', text: line.text }),
    ],
  );
}
