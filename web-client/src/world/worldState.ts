import type { ActorInfo, ActorState, ServerMessage } from '../net/protocol';
import { ActorTrack, type Point } from './actorTrack';
import { OwnMotion } from './ownMotion';
import { ServerClock } from './serverClock';

export type Facing = 'down' | 'left' | 'right' | 'up';

/** One actor as it is to be drawn now. */
export interface DrawnActor {
  id: number;
  name: string;
  avatarId: number;
  x: number;
  y: number;
  facing: Facing;
  walking: boolean;
  isSelf: boolean;
}

/** Remote actors are drawn this far behind the server, so that a change is heard before it is due to be drawn. */
const REMOTE_DELAY_S = 0.1;

interface KnownActor {
  id: number;
  name: string;
  avatarId: number;
  track: ActorTrack;
  facing: Facing;
}

interface Rules {
  step: number;
  tickRate: number;
  /** How many ticks behind the estimated server tick remote actors are drawn (2 at 20 Hz). */
  remoteDelayTicks: number;
}

/** What this client knows of the world, built from the server's messages alone; no rendering in here. */
export class WorldState {
  private readonly clock = new ServerClock();
  private rules: Rules | null = null;
  /** The actors in view (the server tells us of no others), the player's own included. */
  private actors = new Map<number, KnownActor>();
  /** The server's latest count of players online in the whole world; null until its first `Online`. */
  private worldOnline: number | null = null;
  private own: OwnMotion | null = null;
  private lastDrawnAt: number | null = null;
  selfId: number | null = null;

  /** Other players in view now. */
  get nearCount(): number {
    return this.actors.size - (this.selfId !== null && this.actors.has(this.selfId) ? 1 : 0);
  }

  /** Players online in the whole world; before the server has said, at least those in view and the player. */
  get onlineCount(): number {
    return this.worldOnline ?? this.nearCount + 1;
  }

  apply(message: ServerMessage, now: number): void {
    switch (message.type) {
      case 'Welcome': {
        const step = message.speed / message.tickRate;
        const remoteDelayTicks = Math.max(1, Math.round(REMOTE_DELAY_S * message.tickRate));
        this.rules = { step, tickRate: message.tickRate, remoteDelayTicks };
        this.clock.reset(message.tick, message.tickRate, now);
        this.selfId = message.actorId;
        // A new connection starts from a full snapshot; what we knew may be stale.
        this.actors.clear();
        this.worldOnline = null;
        this.own = null;
        return;
      }
      case 'ModelData':
        this.clock.observe(message.tick, now);
        this.modelData(message.tick, message.actor, now);
        return;
      case 'Moves':
        this.clock.observe(message.tick, now);
        for (const entry of message.moves) {
          this.moved(entry.id, message.tick, entry, now);
        }
        return;
      case 'Leave': // out of view: whatever we knew goes stale, and it comes back with a full ModelData
      case 'Despawn':
        this.forget(message.actorId);
        return;
      case 'Online':
        this.worldOnline = message.count;
        return;
      default:
        return;
    }
  }

  /** Starts the own actor walking to (x, y) at once; false when there is nothing to send to the server. */
  walkTo(x: number, y: number, now: number): boolean {
    return this.own?.walkTo(x, y, Math.floor(this.clock.tickAt(now))) ?? false;
  }

  /** The server refused our newest target. */
  targetRejected(now: number): void {
    this.own?.targetRejected(this.clock.tickAt(now));
  }

  /** Every known actor where it is to be drawn at `now` (ms, the clock of `apply`). */
  draw(now: number): DrawnActor[] {
    const rules = this.rules;
    if (rules === null) {
      return [];
    }
    this.own?.settle(this.lastDrawnAt === null ? 0 : Math.max(0, now - this.lastDrawnAt));
    this.lastDrawnAt = now;
    const serverTick = this.clock.tickAt(now);
    const remoteTick = serverTick - rules.remoteDelayTicks;
    const drawn: DrawnActor[] = [];
    for (const actor of this.actors.values()) {
      const isSelf = actor.id === this.selfId && this.own !== null;
      const path = isSelf && this.own ? this.own.positionAt(serverTick) : actor.track.positionAt(remoteTick);
      actor.track.forgetBefore(Math.floor(remoteTick));
      const walking = path.from.x !== path.to.x || path.from.y !== path.to.y;
      if (walking) {
        actor.facing = facingOf(path.from, path.to);
      }
      const { id, name, avatarId, facing } = actor;
      drawn.push({ id, name, avatarId, x: path.at.x, y: path.at.y, facing, walking, isSelf });
    }
    return drawn;
  }

  private modelData(tick: number, info: ActorInfo, now: number): void {
    const rules = this.rules;
    if (rules === null) {
      return; // not welcomed yet: there is no tick rate to draw with
    }
    const known = this.actors.get(info.id);
    if (known) {
      // Seen all along (a session that replaced another): its path so far stays, this state is its newest.
      known.name = info.name;
      known.avatarId = info.avatarId;
    } else {
      // New, or back in view: a fresh track, so its path starts exactly at this state and tick.
      const track = new ActorTrack(rules.step);
      this.actors.set(info.id, { id: info.id, name: info.name, avatarId: info.avatarId, track, facing: 'down' });
    }
    if (info.id === this.selfId && this.own === null) {
      this.own = new OwnMotion(rules.step, rules.tickRate, tick, info);
    }
    this.moved(info.id, tick, info, now);
  }

  /** Removes an actor; one we do not know (never in view, or already gone) is no error. */
  private forget(id: number): void {
    this.actors.delete(id);
    if (id === this.selfId) {
      // Never sent for the own actor (it is always in its own view); if it were, the prediction goes with it
      // and the next ModelData brings both back.
      this.own = null;
    }
  }

  private moved(id: number, tick: number, state: ActorState, now: number): void {
    const actor = this.actors.get(id);
    if (!actor) {
      return; // not in view (never introduced by a ModelData, or gone): drawing it would make a ghost
    }
    actor.track.add(tick, state);
    if (id === this.selfId) {
      this.own?.serverState(tick, state, this.clock.tickAt(now));
    }
  }
}

function facingOf(from: Point, to: Point): Facing {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  if (Math.abs(dx) > Math.abs(dy)) {
    return dx > 0 ? 'right' : 'left';
  }
  return dy > 0 ? 'down' : 'up';
}
