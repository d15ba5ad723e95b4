import { describe, expect, it } from 'vitest';
import type { ActorInfo, ServerMessage } from '../src/net/protocol';
import { ServerClock } from '../src/world/serverClock';
import { WorldState } from '../src/world/worldState';

const SELF = 7;
const OTHER = 8;
const TICK_MS = 50; // 20 Hz

const welcome = (tick: number, tickRate = 20): ServerMessage =>
  ({ type: 'Welcome', actorId: SELF, tickRate, speed: 70, tick });
const modelData = (tick: number, actor: Partial<ActorInfo> & { id: number }): ServerMessage => ({
  type: 'ModelData',
  tick,
  actor: { name: `actor${actor.id}`, avatarId: 1, x: 0, y: 0, tx: actor.x ?? 0, ty: actor.y ?? 0, ...actor },
});
const moves = (tick: number, ...entries: { id: number; x: number; y: number; tx: number; ty: number }[]): ServerMessage =>
  ({ type: 'Moves', tick, moves: entries });

/** A world joined at tick 100 (t = 0 ms) with the player at the origin and another actor at (0, 100). */
function joined(tickRate = 20): WorldState {
  const world = new WorldState();
  world.apply(welcome(100, tickRate), 0);
  world.apply(modelData(100, { id: SELF }), 0);
  world.apply(modelData(100, { id: OTHER, x: 0, y: 100 }), 0);
  return world;
}

const drawnAt = (world: WorldState, id: number, now: number) => world.draw(now).find((actor) => actor.id === id);

describe('ServerClock', () => {
  it('counts on from the Welcome at the tick rate, moves forward to newer ticks, never back', () => {
    const clock = new ServerClock();
    clock.reset(100, 20, 1000);
    expect(clock.tickAt(1000)).toBe(100);
    expect(clock.tickAt(1525)).toBe(110.5);
    clock.observe(108, 1500); // older than the estimate: no change
    expect(clock.tickAt(1500)).toBe(110);
    clock.observe(115, 1500); // the server is further than we thought
    expect(clock.tickAt(1550)).toBe(116);
  });
});

describe('WorldState', () => {
  it('draws other actors two ticks behind the newest tick, on the server\'s path', () => {
    const world = joined();
    // Tick 101: the other actor starts walking east; heard at once.
    world.apply(moves(101, { id: OTHER, x: 3.5, y: 100, tx: 1000, ty: 100 }), TICK_MS);
    expect(drawnAt(world, OTHER, TICK_MS)).toMatchObject({ x: 0, y: 100, walking: false }); // drawing tick 99
    expect(drawnAt(world, OTHER, 3 * TICK_MS)).toMatchObject({ x: 3.5, y: 100, walking: true }); // tick 101
    expect(drawnAt(world, OTHER, 3.5 * TICK_MS)).toMatchObject({ x: 5.25, y: 100, facing: 'right' }); // 101.5
    // Nothing more is heard, yet it walks on at 3.5 units a tick: no chasing of a last position.
    expect(drawnAt(world, OTHER, 22 * TICK_MS)).toMatchObject({ x: 70, y: 100 }); // tick 120
  });

  it('draws at the server\'s numbers exactly on whole ticks', () => {
    const world = joined();
    world.apply(moves(101, { id: OTHER, x: 9.516993523838613, y: -1.1692426804245124, tx: -417.25, ty: 260.75 }),
      TICK_MS);
    // At t = 400 ms the server is at tick 108; tick 106 is drawn, five steps after tick 101's entry, which itself
    // is one step from (12.5, -3): the JVM's numbers for the sixth step of that walk.
    expect(drawnAt(world, OTHER, 8 * TICK_MS)).toMatchObject({ x: -5.398038856968322, y: 7.9845439174529265 });
  });

  it('moves the clock forward when a newer tick arrives than the one estimated', () => {
    const world = joined();
    // Heard at t = 0 but tagged tick 110: the server is at least there; draw at 108.
    world.apply(moves(110, { id: OTHER, x: 0, y: 103.5, tx: 0, ty: 500 }), 0);
    expect(drawnAt(world, OTHER, 0)).toMatchObject({ x: 0, y: 100 });
    expect(drawnAt(world, OTHER, 3 * TICK_MS)).toMatchObject({ x: 0, y: 107, facing: 'down' }); // tick 111
  });

  it('draws one tick behind at 10 Hz (100 ms)', () => {
    const world = joined(10);
    world.apply(moves(101, { id: OTHER, x: 7, y: 100, tx: 1000, ty: 100 }), 100);
    expect(drawnAt(world, OTHER, 100)).toMatchObject({ x: 0 }); // tick 100
    expect(drawnAt(world, OTHER, 200)).toMatchObject({ x: 7 }); // tick 101
  });

  it('draws the player\'s own actor at the present tick, walking at once on a click', () => {
    const world = joined();
    expect(world.walkTo(100, 0, 0)).toBe(true);
    expect(drawnAt(world, SELF, TICK_MS)).toMatchObject({ x: 3.5, y: 0, isSelf: true, walking: true });
    expect(drawnAt(world, OTHER, TICK_MS)?.isSelf).toBe(false);
  });

  it('shows four facings and an idle pose that keeps the last one', () => {
    const world = joined();
    const facingAfter = (entry: { x: number; y: number; tx: number; ty: number }, tick: number) => {
      world.apply(moves(tick, { id: OTHER, ...entry }), (tick - 100) * TICK_MS);
      return drawnAt(world, OTHER, (tick - 100 + 3) * TICK_MS);
    };
    expect(facingAfter({ x: -3.5, y: 100, tx: -50, ty: 100 }, 101)?.facing).toBe('left');
    expect(facingAfter({ x: -3.5, y: 96.5, tx: -3.5, ty: 0 }, 110)?.facing).toBe('up');
    expect(facingAfter({ x: -3.5, y: 100, tx: -3.5, ty: 200 }, 120)?.facing).toBe('down');
    expect(facingAfter({ x: 0, y: 100, tx: 50, ty: 100 }, 130)?.facing).toBe('right');
    expect(facingAfter({ x: 0, y: 100, tx: 0, ty: 100 }, 140)).toMatchObject({ facing: 'right', walking: false });
  });

  it('removes an actor on Leave and Despawn, counts it online until Despawn, adds it back on ModelData', () => {
    const world = joined();
    expect(world.onlineCount).toBe(2);
    world.apply({ type: 'Leave', actorId: OTHER }, 0);
    expect(world.draw(0).map((actor) => actor.id)).toEqual([SELF]);
    expect(world.onlineCount).toBe(2);
    world.apply(modelData(105, { id: OTHER, x: 40, y: 40 }), 0);
    expect(drawnAt(world, OTHER, 10 * TICK_MS)).toMatchObject({ x: 40, y: 40 });
    world.apply({ type: 'Despawn', actorId: OTHER }, 0);
    expect(world.draw(0).map((actor) => actor.id)).toEqual([SELF]);
    expect(world.onlineCount).toBe(1);
  });

  it('starts over from the snapshot of a new connection', () => {
    const world = joined();
    world.apply(welcome(5), 10_000); // a restarted server counts ticks from 1 again
    expect(world.draw(10_000)).toEqual([]);
    world.apply(modelData(5, { id: SELF, x: 12, y: 34 }), 10_000);
    expect(world.draw(10_000)).toEqual([expect.objectContaining({ id: SELF, x: 12, y: 34 })]);
    expect(world.onlineCount).toBe(1);
  });

  it('ignores moves of an actor it was never introduced to', () => {
    const world = joined();
    world.apply(moves(101, { id: 99, x: 1, y: 1, tx: 5, ty: 5 }), 0);
    expect(world.draw(TICK_MS).map((actor) => actor.id).sort()).toEqual([SELF, OTHER]);
  });
});
