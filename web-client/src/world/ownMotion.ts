import type { ActorState } from '../net/protocol';
import type { Point } from './actorTrack';
import { advance, isStanding, stepOnce } from './stepRule';

/** Drift up to this many units from the server's path is left alone: both arrive exactly on the same target. */
export const DRIFT_TOLERANCE = 12;
/** Drift beyond this many units is not glided away but snapped: the player would see a long slide otherwise. */
export const SNAP_DISTANCE = 96;
/** How long a correction takes to glide away: the drawn offset halves every this many ms. */
const CORRECTION_HALF_LIFE_MS = 60;
/** How long a click may wait for the server to answer before the server's word wins again. */
const PENDING_PATIENCE_S = 2;

export type Correction = 'none' | 'glide' | 'snap';

/**
 * The player's own actor: predicted locally so that it starts walking at once on a click, with the same step rule
 * and ticks as the server, and corrected by the server's states when it drifts (rubber banding).
 */
export class OwnMotion {
  private state: ActorState;
  private tick: number;
  /** Targets sent but not yet seen in a server state, oldest first. */
  private pending: { x: number; y: number; sentAtTick: number }[] = [];
  private lastServer: { tick: number; state: ActorState };
  /** Drawn minus logical position: a correction still gliding away. */
  private offset: Point = { x: 0, y: 0 };

  constructor(
    private readonly step: number,
    private readonly tickRate: number,
    tick: number,
    state: ActorState,
  ) {
    this.tick = tick;
    this.state = { ...state };
    this.lastServer = { tick, state: { ...state } };
  }

  /** Starts walking to (x, y) now; false when that is where it walks already (the server would ignore it). */
  walkTo(x: number, y: number, tick: number): boolean {
    this.advanceTo(tick);
    if (x === this.state.tx && y === this.state.ty) {
      return false;
    }
    this.state.tx = x;
    this.state.ty = y;
    this.pending.push({ x, y, sentAtTick: this.tick });
    return true;
  }

  /** The server's state after `tick` (a Moves entry or a ModelData), heard at server tick `now`. */
  serverState(tick: number, state: ActorState, now: number): Correction {
    this.lastServer = { tick, state: { ...state } };
    const acknowledged = this.pending.findIndex((target) => target.x === state.tx && target.y === state.ty);
    this.pending.splice(0, acknowledged + 1);
    if (this.waitingForServer(now)) {
      return 'none'; // the server has not had our newest click yet; its path is about to change anyway
    }
    this.pending = [];
    return this.reconcile(now);
  }

  /** The server refused our newest target: go back to what the server last said. */
  targetRejected(now: number): Correction {
    this.pending = [];
    return this.reconcile(now);
  }

  /** Where to draw the actor at fractional server tick `now`, correction offset included. */
  positionAt(now: number): { from: Point; to: Point; at: Point } {
    if (this.pending.length > 0 && !this.waitingForServer(now)) {
      // A click the server never took (dropped by a rate limit, a service briefly down): undo its walk.
      this.targetRejected(now);
    }
    const whole = Math.floor(now);
    this.advanceTo(whole);
    const from = { ...this.state };
    const to = { ...this.state };
    stepOnce(to, this.step);
    const fraction = now - whole;
    return {
      from,
      to,
      at: {
        x: from.x + (to.x - from.x) * fraction + this.offset.x,
        y: from.y + (to.y - from.y) * fraction + this.offset.y,
      },
    };
  }

  /** Lets `elapsedMs` of a gliding correction pass. */
  settle(elapsedMs: number): void {
    const remaining = 0.5 ** (elapsedMs / CORRECTION_HALF_LIFE_MS);
    this.offset.x *= remaining;
    this.offset.y *= remaining;
    if (Math.abs(this.offset.x) < 0.01 && Math.abs(this.offset.y) < 0.01) {
      this.offset = { x: 0, y: 0 };
    }
  }

  /** The predicted state after whole tick `tick` (without the drawing offset). */
  stateAt(tick: number): ActorState {
    this.advanceTo(tick);
    return { ...this.state };
  }

  /** Whether our newest click may still be on its way to the server. */
  private waitingForServer(now: number): boolean {
    const newest = this.pending.at(-1);
    return newest !== undefined && now - newest.sentAtTick <= PENDING_PATIENCE_S * this.tickRate;
  }

  private advanceTo(tick: number): void {
    if (tick > this.tick) {
      this.state = isStanding(this.state) ? this.state : advance(this.state, this.step, tick - this.tick);
      this.tick = tick;
    }
  }

  private reconcile(now: number): Correction {
    const tick = Math.max(Math.floor(now), this.lastServer.tick);
    this.advanceTo(tick);
    const server = advance(this.lastServer.state, this.step, tick - this.lastServer.tick);
    const drift = Math.sqrt((this.state.x - server.x) ** 2 + (this.state.y - server.y) ** 2);
    const sameTarget = this.state.tx === server.tx && this.state.ty === server.ty;
    if (drift <= DRIFT_TOLERANCE && sameTarget) {
      return 'none';
    }
    const correction = drift > SNAP_DISTANCE ? 'snap' : 'glide';
    this.offset =
      correction === 'snap'
        ? { x: 0, y: 0 }
        : { x: this.offset.x + this.state.x - server.x, y: this.offset.y + this.state.y - server.y };
    this.state = server;
    this.tick = tick;
    return correction;
  }
}
