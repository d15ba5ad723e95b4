import { describe, expect, it } from 'vitest';
import { DRIFT_TOLERANCE, OwnMotion, SNAP_DISTANCE } from '../src/world/ownMotion';
import { advance } from '../src/world/stepRule';

const STEP = 3.5;
const TICK_RATE = 20;
const standingAtOrigin = { x: 0, y: 0, tx: 0, ty: 0 };

/** The player's actor walking east from the origin since tick 100 (its first step is in tick 101). */
function walkingEast(): OwnMotion {
  const motion = new OwnMotion(STEP, TICK_RATE, 100, standingAtOrigin);
  expect(motion.walkTo(1000, 0, 100)).toBe(true);
  return motion;
}

describe('OwnMotion', () => {
  it("starts walking at once, at the server's step per tick", () => {
    const motion = walkingEast();
    expect(motion.positionAt(100.5).at).toEqual({ x: 1.75, y: 0 });
    expect(motion.positionAt(101).at).toEqual({ x: 3.5, y: 0 });
    expect(motion.positionAt(110).at).toEqual({ x: 35, y: 0 });
  });

  it('keeps its prediction when the server walks the same path a tick later', () => {
    const motion = walkingEast();
    // The server took the target in tick 102, one tick after the click: 3.5 units behind.
    expect(motion.serverState(102, { x: 3.5, y: 0, tx: 1000, ty: 0 }, 103)).toBe('none');
    expect(motion.positionAt(110).at).toEqual({ x: 35, y: 0 });
  });

  it('tolerates a little drift, glides back from more, snaps back from far off', () => {
    const serverAt = (x: number) => ({ x, y: 0, tx: 1000, ty: 0 });
    const predictedAt110 = 35;
    const cases: [number, string][] = [
      [predictedAt110 - DRIFT_TOLERANCE, 'none'],
      [predictedAt110 - DRIFT_TOLERANCE - 0.5, 'glide'],
      [predictedAt110 + SNAP_DISTANCE, 'glide'],
      [predictedAt110 + SNAP_DISTANCE + 0.5, 'snap'],
    ];
    for (const [serverX, correction] of cases) {
      expect(walkingEast().serverState(110, serverAt(serverX), 110), `server at x = ${serverX}`).toBe(correction);
    }
  });

  it("glides a correction away: drawn where it was, then on the server's path", () => {
    const motion = walkingEast();
    expect(motion.serverState(110, { x: 0, y: 40, tx: 1000, ty: 0 }, 110)).toBe('glide');
    expect(motion.positionAt(110).at).toEqual({ x: 35, y: 0 }); // no jump on screen
    expect(motion.stateAt(110)).toEqual({ x: 0, y: 40, tx: 1000, ty: 0 }); // but the server's state from now on
    motion.settle(60);
    const halfway = motion.positionAt(110).at;
    expect(halfway.x).toBeCloseTo(17.5, 6);
    expect(halfway.y).toBeCloseTo(20, 6);
    motion.settle(2000);
    expect(motion.positionAt(110).at).toEqual({ x: 0, y: 40 });
  });

  it('snaps when far off', () => {
    const motion = walkingEast();
    expect(motion.serverState(110, { x: -500, y: 0, tx: 1000, ty: 0 }, 110)).toBe('snap');
    expect(motion.positionAt(110).at).toEqual({ x: -500, y: 0 });
  });

  it('follows a server state replayed to the present, not the state as it was', () => {
    const motion = new OwnMotion(STEP, TICK_RATE, 100, standingAtOrigin);
    const server = { x: 0, y: -300, tx: 0, ty: 500 };
    expect(motion.serverState(100, server, 130)).toBe('snap');
    expect(motion.stateAt(130)).toEqual(advance(server, STEP, 30));
  });

  it("ignores the server's older target while its newest click is on the way", () => {
    const motion = walkingEast();
    motion.walkTo(0, 1000, 104); // turned south before the server heard of the first click
    expect(motion.serverState(105, { x: 3.5, y: 0, tx: 1000, ty: 0 }, 105)).toBe('none');
    expect(motion.stateAt(105).ty).toBe(1000);
    // The server never answers the newest click: after two seconds its word wins.
    expect(motion.serverState(150, { x: 500, y: 0, tx: 1000, ty: 0 }, 150)).toBe('snap');
    expect(motion.stateAt(150)).toEqual({ x: 500, y: 0, tx: 1000, ty: 0 });
  });

  it("goes back to the server's state when its target was refused", () => {
    const motion = new OwnMotion(STEP, TICK_RATE, 100, standingAtOrigin);
    motion.walkTo(9000, 0, 100);
    motion.positionAt(105);
    expect(motion.targetRejected(105)).toBe('glide');
    expect(motion.stateAt(105)).toEqual(standingAtOrigin);
  });

  it('undoes a click the server never answers once it has waited two seconds', () => {
    const motion = new OwnMotion(STEP, TICK_RATE, 100, standingAtOrigin);
    motion.walkTo(50, 0, 100);
    expect(motion.positionAt(140).at).toEqual({ x: 50, y: 0 }); // still trusting the click
    expect(motion.positionAt(141).at).toEqual({ x: 50, y: 0 }); // the correction glides, starting where it is drawn
    motion.settle(5000);
    expect(motion.positionAt(141).at).toEqual({ x: 0, y: 0 });
  });

  it('does not ask to send a target it already walks to', () => {
    const motion = walkingEast();
    expect(motion.walkTo(1000, 0, 101)).toBe(false);
    expect(new OwnMotion(STEP, TICK_RATE, 1, standingAtOrigin).walkTo(0, 0, 1)).toBe(false);
  });
});
