import { describe, expect, it } from 'vitest';
import type { ActorState } from '../src/net/protocol';
import { advance, stepOnce } from '../src/world/stepRule';

// Expected positions printed by the JVM (Java 25) running World.java's step rule, with Double.toString: the
// numbers the server sends. Both walks were picked because a Math.hypot-based step drifts from them.
const STEP_AT_20_HZ = 70 / 20;
const STEP_AT_30_HZ = 70 / 30;

const WALK_AT_20_HZ = {
  start: { x: 12.5, y: -3, tx: -417.25, ty: 260.75 },
  after: [
    [1, 9.516993523838613, -1.1692426804245124],
    [2, 6.5339870476772255, 0.6615146391509752],
    [5, -2.4150323808069354, 6.153786597877438],
    [6, -5.398038856968322, 7.9845439174529265],
    [50, -136.65032380806946, 88.53786597877435],
    [143, -414.06992609107897, 258.7982966992951],
    [144, -417.05293256724036, 260.6290540188706],
    [145, -417.25, 260.75], // within one step: exactly on the target
  ],
} as const;

const WALK_AT_30_HZ = {
  start: { x: 3, y: 4, tx: -250.123, ty: 999.99 },
  after: [
    [1, 2.4252716903973317, 6.261444630006604],
    [2, 1.8505433807946634, 8.522889260013208],
    [3, 1.275815071191995, 10.784333890019813],
    [100, -54.472830960266876, 230.14446300065998],
    [300, -169.4184928808012, 682.433389001984],
    [400, -226.89132384106875, 908.5778520026462],
    [441, -250.123, 999.99],
  ],
} as const;

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
  it('is the server\'s to the last bit, at 20 Hz', () => {
    expect(STEP_AT_20_HZ).toBe(3.5);
    for (const [tick, x, y] of WALK_AT_20_HZ.after) {
      expect(advance(WALK_AT_20_HZ.start, STEP_AT_20_HZ, tick), `after tick ${tick}`)
        .toEqual({ x, y, tx: -417.25, ty: 260.75 });
    }
  });

  it('is the server\'s to the last bit with a step that is no short decimal (70 / 30)', () => {
    expect(STEP_AT_30_HZ).toBe(2.3333333333333335);
    for (const [tick, x, y] of WALK_AT_30_HZ.after) {
      expect(advance(WALK_AT_30_HZ.start, STEP_AT_30_HZ, tick), `after tick ${tick}`)
        .toEqual({ x, y, tx: -250.123, ty: 999.99 });
    }
  });

  it('arrives exactly on the target and then stands still', () => {
    const arrived = advance(WALK_AT_30_HZ.start, STEP_AT_30_HZ, 440);
    expect(arrived.x).not.toBe(arrived.tx);
    stepOnce(arrived, STEP_AT_30_HZ);
    expect(arrived).toEqual({ x: -250.123, y: 999.99, tx: -250.123, ty: 999.99 });
    expect(advance(arrived, STEP_AT_30_HZ, 1_000_000)).toEqual(arrived);
  });

  it('reaches a target exactly one step away in that step, exactly on it', () => {
    // dist is exactly 3.5 here, yet x + (dx / dist) * step would land on 1.9000000000000001.
    const state = { x: -0.2, y: -7.364, tx: 1.9, ty: -4.564 };
    stepOnce(state, STEP_AT_20_HZ);
    expect(state).toEqual({ x: 1.9, y: -4.564, tx: 1.9, ty: -4.564 });
  });

  it('is checked against numbers a Math.hypot step would miss', () => {
    const withHypot: ActorState = { ...WALK_AT_30_HZ.start };
    stepWithHypot(withHypot, STEP_AT_30_HZ);
    const [, x, y] = WALK_AT_30_HZ.after[0];
    expect(withHypot.x !== x || withHypot.y !== y).toBe(true);
  });

  it('does not change the state it advances from', () => {
    const start = { ...WALK_AT_20_HZ.start };
    advance(start, STEP_AT_20_HZ, 10);
    expect(start).toEqual(WALK_AT_20_HZ.start);
  });
});
