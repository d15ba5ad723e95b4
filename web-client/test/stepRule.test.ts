import { describe, expect, it } from 'vitest';
import type { ActorState } from '../src/net/protocol';
import { advance, stepOnce } from '../src/world/stepRule';
import { referenceWalks } from './stepReference';

function stepWithHypot(state: ActorState, step: number): void {
  const dx = state.tx - state.x;
  const dy = state.ty - state.y;
  const dist = Math.hypot(dx, dy);
  if (dist <= step) {
    state.x = state.tx;
    state.y = state.ty;
  } else {
    state.x += (dx / dist) * step;
    state.y += (dy / dist) * step;
  }
}

describe('the step rule', () => {
  it('divides the speed by the tick rate as the server does', () => {
    expect(70 / 20).toBe(3.5);
    expect(70 / 30).toBe(2.3333333333333335);
  });

  it.each(referenceWalks)("lands on the server's numbers to the last bit: $name", (walk) => {
    expect(walk.after.length).toBeGreaterThan(0);
    for (const { ticks, x, y } of walk.after) {
      expect(advance(walk.start, walk.step, ticks), `after tick ${ticks}`).toEqual({
        x,
        y,
        tx: walk.start.tx,
        ty: walk.start.ty,
      });
    }
  });

  it.each(referenceWalks)('arrives exactly on the target and then stands still: $name', (walk) => {
    const arrived = advance(walk.start, walk.step, 1_000_000);
    expect(arrived).toEqual({ x: walk.start.tx, y: walk.start.ty, tx: walk.start.tx, ty: walk.start.ty });
    stepOnce(arrived, walk.step);
    expect(arrived).toEqual({ x: walk.start.tx, y: walk.start.ty, tx: walk.start.tx, ty: walk.start.ty });
  });

  it('is checked against numbers a Math.hypot step would miss', () => {
    const missed = referenceWalks.filter((walk) =>
      walk.after.some(({ ticks, x, y }) => {
        const withHypot = { ...walk.start };
        for (let i = 0; i < ticks; i++) {
          stepWithHypot(withHypot, walk.step);
        }
        return withHypot.x !== x || withHypot.y !== y;
      }),
    );
    expect(missed.length).toBeGreaterThan(0);
  });

  it('does not change the state it advances from', () => {
    for (const walk of referenceWalks) {
      const start = { ...walk.start };
      advance(start, walk.step, 10);
      expect(start).toEqual(walk.start);
    }
  });
});
