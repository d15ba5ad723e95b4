import type { ActorState } from '../net/protocol';
import { advance, isStanding, stepOnce } from './stepRule';

interface Keyframe extends ActorState {
  /** The state is the actor's after this tick. */
  tick: number;
}

export interface Point {
  x: number;
  y: number;
}

/**
 * One actor's path as the server described it: its keyframes (ModelData and Moves entries) and the step rule in
 * between. Its position after tick M is the newest keyframe tagged N ≤ M advanced M − N steps.
 */
export class ActorTrack {
  private keyframes: Keyframe[] = [];
  /** The last state computed, so that drawing tick after tick costs one step, not a replay from the keyframe. */
  private cursor: { from: Keyframe; tick: number; state: ActorState } | null = null;

  constructor(private readonly step: number) {}

  /** Adds what the server says the state is after `tick`; a second keyframe for the same tick replaces the first. */
  add(tick: number, state: ActorState): void {
    const keyframe = { tick, x: state.x, y: state.y, tx: state.tx, ty: state.ty };
    const later = this.keyframes.findIndex((existing) => existing.tick >= tick);
    if (later < 0) {
      this.keyframes.push(keyframe);
    } else {
      this.keyframes.splice(later, this.keyframes[later]?.tick === tick ? 1 : 0, keyframe);
    }
    this.cursor = null;
  }

  /** The state after whole tick `tick`. Before the first keyframe the actor is drawn as it was first seen. */
  stateAt(tick: number): ActorState {
    const base = this.baseFor(tick);
    if (base === undefined) {
      throw new Error('an actor track needs a keyframe before it can be drawn');
    }
    if (tick <= base.tick) {
      return { x: base.x, y: base.y, tx: base.tx, ty: base.ty };
    }
    const cursor = this.cursor;
    const state =
      cursor !== null && cursor.from === base && cursor.tick <= tick
        ? advance(cursor.state, this.step, tick - cursor.tick)
        : advance(base, this.step, tick - base.tick);
    this.cursor = { from: base, tick, state };
    return { ...state };
  }

  /**
   * Where to draw the actor at a fractional tick: between its states after the two whole ticks around it, a
   * straight line either way, since within one tick an actor moves one straight step.
   */
  positionAt(tick: number): { from: Point; to: Point; at: Point } {
    const whole = Math.floor(tick);
    const from = this.stateAt(whole);
    const next = this.keyframes.find((keyframe) => keyframe.tick === whole + 1);
    const to = next ?? { ...from };
    if (next === undefined && !isStanding(to) && whole >= (this.keyframes[0]?.tick ?? 0)) {
      stepOnce(to, this.step);
    }
    const fraction = tick - whole;
    return {
      from,
      to,
      at: { x: from.x + (to.x - from.x) * fraction, y: from.y + (to.y - from.y) * fraction },
    };
  }

  /** Drops keyframes no longer needed to draw tick `tick` or later. */
  forgetBefore(tick: number): void {
    const base = this.keyframes.findLastIndex((keyframe) => keyframe.tick <= tick);
    if (base > 0) {
      this.keyframes.splice(0, base);
    }
  }

  private baseFor(tick: number): Keyframe | undefined {
    return this.keyframes.findLast((keyframe) => keyframe.tick <= tick) ?? this.keyframes[0];
  }
}
