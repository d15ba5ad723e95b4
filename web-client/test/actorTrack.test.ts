import { describe, expect, it } from 'vitest';
import { ActorTrack } from '../src/world/actorTrack';
import { advance } from '../src/world/stepRule';

const STEP = 3.5;

describe('ActorTrack', () => {
  it('replays from the newest keyframe at or before the tick asked for', () => {
    const track = new ActorTrack(STEP);
    const walkEast = { x: 0, y: 0, tx: 100, ty: 0 };
    const turnSouth = { x: 35, y: 3.5, tx: 35, ty: 100 }; // after tick 20, already one step towards the new target
    track.add(10, walkEast);
    track.add(20, turnSouth);
    expect(track.stateAt(15)).toEqual(advance(walkEast, STEP, 5));
    expect(track.stateAt(19)).toEqual({ x: 31.5, y: 0, tx: 100, ty: 0 });
    expect(track.stateAt(20)).toEqual(turnSouth);
    expect(track.stateAt(25)).toEqual(advance(turnSouth, STEP, 5));
  });

  it('gives the same states tick after tick as a replay from the keyframe', () => {
    const track = new ActorTrack(7 / 3);
    const start = { x: 0.1, y: -7.3, tx: 123.456, ty: 78.9 };
    track.add(1, start);
    for (let tick = 1; tick < 80; tick++) {
      expect(track.stateAt(tick)).toEqual(advance(start, 7 / 3, tick - 1));
      track.positionAt(tick + 0.5); // drawing in between must not disturb it
    }
  });

  it('draws fractional ticks on the straight step between the two whole ticks', () => {
    const track = new ActorTrack(STEP);
    track.add(0, { x: 0, y: 0, tx: 100, ty: 0 });
    expect(track.positionAt(2).at).toEqual({ x: 7, y: 0 });
    expect(track.positionAt(2.25).at).toEqual({ x: 7.875, y: 0 });
    // Across a keyframe: from the old path into the keyframe's state.
    track.add(3, { x: 7, y: 3.5, tx: 7, ty: 50 });
    expect(track.positionAt(2.5).at).toEqual({ x: 7, y: 1.75 });
  });

  it('draws an actor where it was first seen for ticks before that', () => {
    const track = new ActorTrack(STEP);
    track.add(50, { x: 10, y: 10, tx: 90, ty: 10 });
    expect(track.positionAt(47.5).at).toEqual({ x: 10, y: 10 });
    expect(track.positionAt(50).at).toEqual({ x: 10, y: 10 });
    expect(track.positionAt(51).at).toEqual({ x: 13.5, y: 10 });
  });

  it('a later keyframe for the same tick replaces the earlier one', () => {
    const track = new ActorTrack(STEP);
    track.add(5, { x: 0, y: 0, tx: 0, ty: 0 });
    track.add(5, { x: 1, y: 1, tx: 1, ty: 1 });
    expect(track.stateAt(9)).toEqual({ x: 1, y: 1, tx: 1, ty: 1 });
  });

  it('forgets keyframes it no longer needs but keeps the one it draws from', () => {
    const track = new ActorTrack(STEP);
    track.add(1, { x: 0, y: 0, tx: 100, ty: 0 });
    track.add(5, { x: 14, y: 0, tx: 14, ty: 0 });
    track.add(9, { x: 14, y: 3.5, tx: 14, ty: 100 });
    track.forgetBefore(7);
    expect(track.stateAt(8)).toEqual({ x: 14, y: 0, tx: 14, ty: 0 });
    expect(track.stateAt(10)).toEqual({ x: 14, y: 7, tx: 14, ty: 100 });
  });
});
