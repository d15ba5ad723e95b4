import type { ChatLine } from '../net/api';

const keyOf = (line: ChatLine): string => JSON.stringify([line.at, line.from, line.text]);

/**
 * The chat lines to show: the history fetched on joining merged with the lines that arrive live, each line once
 * (a line can come both ways around a (re)connect), oldest first, the newest `limit` kept.
 */
export class ChatLog {
  private lines: ChatLine[] = [];
  private readonly keys = new Set<string>();

  constructor(private readonly limit = 200) {}

  get all(): readonly ChatLine[] {
    return this.lines;
  }

  /** Adds a live line; false when it is already shown. */
  add(line: ChatLine): boolean {
    if (!this.remember(line)) {
      return false;
    }
    this.lines.push(line);
    this.trim();
    return true;
  }

  /** Merges fetched history in, ordered by time. */
  merge(history: readonly ChatLine[]): void {
    for (const line of history) {
      if (this.remember(line)) {
        this.lines.push(line);
      }
    }
    // A stable sort keeps lines with the same (or an unreadable) time in the order they came.
    this.lines.sort((a, b) => (Date.parse(a.at) || 0) - (Date.parse(b.at) || 0));
    this.trim();
  }

  private remember(line: ChatLine): boolean {
    const key = keyOf(line);
    if (this.keys.has(key)) {
      return false;
    }
    this.keys.add(key);
    return true;
  }

  private trim(): void {
    for (const dropped of this.lines.splice(0, Math.max(0, this.lines.length - this.limit))) {
      this.keys.delete(keyOf(dropped));
    }
  }
}
