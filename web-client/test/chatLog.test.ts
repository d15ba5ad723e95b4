import { describe, expect, it } from 'vitest';
import { ChatLog } from '../src/ui/chatLog';

const line = (second: number, text: string, from = 'alice') => ({
  from,
  text,
  at: `2026-01-01T00:00:${String(second).padStart(2, '0')}Z`,
});

describe('ChatLog', () => {
  it('shows each line once when it comes both live and in the history fetched around a connect', () => {
    const log = new ChatLog();
    expect(log.add(line(30, 'live, also in history'))).toBe(true);
    log.merge([line(10, 'old'), line(30, 'live, also in history')]);
    expect(log.add(line(30, 'live, also in history'))).toBe(false);
    log.add(line(40, 'new'));
    expect(log.all.map((l) => l.text)).toEqual(['old', 'live, also in history', 'new']);
  });

  it('keeps the same text said twice at different times', () => {
    const log = new ChatLog();
    log.add(line(1, 'hi'));
    log.add(line(2, 'hi'));
    expect(log.all).toHaveLength(2);
  });

  it('keeps only the newest lines', () => {
    const log = new ChatLog(3);
    for (let second = 0; second < 5; second++) {
      log.add(line(second, `line ${second}`));
    }
    expect(log.all.map((l) => l.text)).toEqual(['line 2', 'line 3', 'line 4']);
    expect(log.add(line(0, 'line 0'))).toBe(true); // forgotten, so no longer a duplicate
  });
});
