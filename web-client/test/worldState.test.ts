import { describe, expect, it } from 'vitest';
import { type ActorInfo, parseServerFrame, type ServerMessage } from '../src/net/protocol';
import { playersText } from '../src/ui/hud';
import { ServerClock } from '../src/world/serverClock';
import { WorldState } from '../src/world/worldState';
import { serverPosition } from './stepReference';

const SELF = 7;
const OTHER = 8;
const TICK_MS = 50; // 20 Hz
/** A 20 Hz reference walk from (12.5, -3) to (-417.25, 260.75) (testdata/step-rule-reference.json). */
const WALK = 'hypot-drift-20hz';

const welcome = (tick: number, tickRate = 20): ServerMessage => ({
  type: 'Welcome',
  actorId: SELF,
  tickRate,
  speed: 70,
  tick,
});
const modelData = (tick: number, actor: Partial<ActorInfo> & { id: number }): ServerMessage => ({
  type: 'ModelData',
  tick,
  actor: { name: `actor${actor.id}`, avatarId: 1, x: 0, y: 0, tx: actor.x ?? 0, ty: actor.y ?? 0, ...actor },
});
const moves = (
  tick: number,
  ...entries: { id: number; x: number; y: number; tx: number; ty: number }[]
): ServerMessage => ({ type: 'Moves', tick, moves: entries });

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
  it("draws other actors two ticks behind the newest tick, on the server's path", () => {
    const world = joined();
    // Tick 101: the other actor starts walking east; heard at once.
    world.apply(moves(101, { id: OTHER, x: 3.5, y: 100, tx: 1000, ty: 100 }), TICK_MS);
    expect(drawnAt(world, OTHER, TICK_MS)).toMatchObject({ x: 0, y: 100, walking: false }); // drawing tick 99
    expect(drawnAt(world, OTHER, 3 * TICK_MS)).toMatchObject({ x: 3.5, y: 100, walking: true }); // tick 101
    expect(drawnAt(world, OTHER, 3.5 * TICK_MS)).toMatchObject({ x: 5.25, y: 100, facing: 'right' }); // 101.5
    // Nothing more is heard, yet it walks on at 3.5 units a tick: no chasing of a last position.
    expect(drawnAt(world, OTHER, 22 * TICK_MS)).toMatchObject({ x: 70, y: 100 }); // tick 120
  });

  it("draws at the server's numbers exactly on whole ticks", () => {
    const world = joined();
    // Tick 101's entry is the first step of the reference walk from (12.5, -3) to (-417.25, 260.75).
    world.apply(moves(101, { id: OTHER, ...serverPosition(WALK, 1), tx: -417.25, ty: 260.75 }), TICK_MS);
    // At t = 400 ms the server is at tick 108; tick 106 is drawn, five steps after tick 101's entry: the server's
    // numbers for the sixth step of that walk.
    expect(drawnAt(world, OTHER, 8 * TICK_MS)).toMatchObject(serverPosition(WALK, 6));
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

  it("draws the player's own actor at the present tick, walking at once on a click", () => {
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

  it('starts over from the snapshot of a new connection', () => {
    const world = joined();
    world.apply(welcome(5), 10_000); // a restarted server counts ticks from 1 again
    expect(world.draw(10_000)).toEqual([]);
    world.apply(modelData(5, { id: SELF, x: 12, y: 34 }), 10_000);
    expect(world.draw(10_000)).toEqual([expect.objectContaining({ id: SELF, x: 12, y: 34 })]);
    expect(world.nearCount).toBe(0);
  });
});

/** Applies one server frame, as the connection does: every message in it, in order. */
const receive = (world: WorldState, frame: unknown, now: number): void => {
  for (const message of parseServerFrame(JSON.stringify(frame))) {
    world.apply(message, now);
  }
};

/** A ModelData as the server writes it (docs/protocol.md), nested model and all. */
const modelFrame = (tick: number, id: number, state: { x: number; y: number; tx: number; ty: number }) => ({
  type: 'ModelData',
  tick,
  tx: state.tx,
  ty: state.ty,
  model: {
    id,
    model_type: 'Actor',
    avatar_id: 4,
    instanced_entity: { id: id + 100, x: state.x, y: state.y, entity: { id: id + 200, name: `actor${id}` } },
  },
});

const drawnIds = (world: WorldState, now: number) =>
  world
    .draw(now)
    .map((actor) => actor.id)
    .sort((a, b) => a - b);

describe('WorldState: only what is in view', () => {
  it('removes an actor on Leave, sprite data and all, while the player stays', () => {
    const world = joined();
    expect(world.nearCount).toBe(1);
    receive(world, { type: 'Leave', actorId: OTHER }, TICK_MS);
    expect(drawnIds(world, TICK_MS)).toEqual([SELF]);
    expect(world.nearCount).toBe(0);
    // The player's own actor goes on walking: only the other one went out of view.
    expect(world.walkTo(100, 0, TICK_MS)).toBe(true);
    expect(drawnAt(world, SELF, 2 * TICK_MS)).toMatchObject({ x: 3.5, y: 0 });
  });

  it("brings an actor back on ModelData at the server's replayed position, not where it left", () => {
    const world = joined();
    // OTHER walks west in view, then goes out of view (its walk there is never heard).
    receive(world, { type: 'Moves', tick: 101, moves: [{ id: OTHER, x: -3.5, y: 100, tx: -1000, ty: 100 }] }, TICK_MS);
    receive(world, { type: 'Leave', actorId: OTHER }, 10 * TICK_MS);
    // Back at tick 120 walking somewhere else: one step into the reference walk (see above).
    const back = { ...serverPosition(WALK, 1), tx: -417.25, ty: 260.75 };
    receive(world, [modelFrame(120, OTHER, back)], 20 * TICK_MS);
    // Until tick 120 is due on screen (two ticks behind) it stands where the ModelData puts it, never on its old path.
    expect(drawnAt(world, OTHER, 20 * TICK_MS)).toMatchObject({ x: back.x, y: back.y, avatarId: 4, name: 'actor8' });
    expect(drawnAt(world, OTHER, 22 * TICK_MS)).toMatchObject({ x: back.x, y: back.y });
    // Tick 125: five steps on from the ModelData's own tick, on the server's numbers.
    expect(drawnAt(world, OTHER, 27 * TICK_MS)).toMatchObject(serverPosition(WALK, 6));
    expect(world.nearCount).toBe(1);
  });

  it('ignores Moves, Leave and Despawn of actors it does not know, without ghosts or errors', () => {
    const world = joined();
    const stranger = 99;
    expect(() =>
      receive(
        world,
        [
          { type: 'Leave', actorId: stranger },
          { type: 'Despawn', actorId: stranger + 1 },
          {
            type: 'Moves',
            tick: 101,
            moves: [
              { id: stranger, x: 1, y: 1, tx: 5, ty: 5 },
              { id: OTHER, x: 3.5, y: 100, tx: 50, ty: 100 },
            ],
          },
        ],
        TICK_MS,
      ),
    ).not.toThrow();
    expect(drawnIds(world, 5 * TICK_MS)).toEqual([SELF, OTHER]);
    expect(drawnAt(world, OTHER, 5 * TICK_MS)).toMatchObject({ x: 10.5, y: 100 }); // the known one's entry applies
    // The tick an actor goes out of view may also carry its Moves entry, after the Leave: still no ghost.
    receive(
      world,
      [
        { type: 'Leave', actorId: OTHER },
        { type: 'Moves', tick: 110, moves: [{ id: OTHER, x: 0, y: 96.5, tx: 0, ty: -500 }] },
      ],
      10 * TICK_MS,
    );
    expect(drawnIds(world, 20 * TICK_MS)).toEqual([SELF]);
    expect(world.nearCount).toBe(0);
    // Gone twice over: nothing left to remove, nothing thrown.
    expect(() =>
      receive(
        world,
        [
          { type: 'Leave', actorId: OTHER },
          { type: 'Despawn', actorId: OTHER },
        ],
        11 * TICK_MS,
      ),
    ).not.toThrow();
    expect(drawnIds(world, 20 * TICK_MS)).toEqual([SELF]);
  });

  it('applies several Moves of one frame in order, each at its own tick', () => {
    const world = joined();
    // One frame, two ticks: OTHER starts east in tick 101 and is turned south in tick 103.
    receive(
      world,
      [
        { type: 'Moves', tick: 101, moves: [{ id: OTHER, x: 3.5, y: 100, tx: 1000, ty: 100 }] },
        {
          type: 'Moves',
          tick: 103,
          moves: [
            { id: OTHER, x: 7, y: 103.5, tx: 7, ty: 1000 },
            { id: SELF, x: 0, y: 0, tx: 0, ty: 0 },
          ],
        },
      ],
      3 * TICK_MS,
    );
    expect(drawnAt(world, OTHER, 3 * TICK_MS)).toMatchObject({ x: 3.5, y: 100 }); // tick 101: the first Moves
    expect(drawnAt(world, OTHER, 4 * TICK_MS)).toMatchObject({ x: 7, y: 100 }); // tick 102: one step east of it
    expect(drawnAt(world, OTHER, 5 * TICK_MS)).toMatchObject({ x: 7, y: 103.5 }); // tick 103: the second Moves
    expect(drawnAt(world, OTHER, 8 * TICK_MS)).toMatchObject({ x: 7, y: 114, facing: 'down' }); // tick 106
  });

  it("shows the server's Online count beside the players near, and counts the player alone before it", () => {
    const world = new WorldState();
    receive(
      world,
      [
        { type: 'Welcome', actorId: SELF, tickRate: 20, speed: 70, tick: 100 },
        modelFrame(100, SELF, { x: 0, y: 0, tx: 0, ty: 0 }),
        modelFrame(100, OTHER, { x: 0, y: 100, tx: 0, ty: 100 }),
      ],
      0,
    );
    expect(playersText(world.nearCount, world.onlineCount)).toBe('1 near · 2 online');
    receive(world, { type: 'Online', count: 1234 }, TICK_MS);
    expect(playersText(world.nearCount, world.onlineCount)).toBe('1 near · 1234 online');
    // Out of view is not offline: the count stays the server's until it says another.
    receive(
      world,
      [
        { type: 'Leave', actorId: OTHER },
        { type: 'Online', count: 1233 },
      ],
      2 * TICK_MS,
    );
    expect(playersText(world.nearCount, world.onlineCount)).toBe('0 near · 1233 online');
    receive(world, modelFrame(110, OTHER + 1, { x: 5, y: 5, tx: 5, ty: 5 }), 10 * TICK_MS);
    expect(playersText(world.nearCount, world.onlineCount)).toBe('1 near · 1233 online');
    // A new connection's count comes in its welcome; the old one is not shown as if it were current.
    receive(
      world,
      [
        { type: 'Welcome', actorId: SELF, tickRate: 20, speed: 70, tick: 5 },
        { type: 'Online', count: 7 },
        modelFrame(5, SELF, { x: 0, y: 0, tx: 0, ty: 0 }),
      ],
      20 * TICK_MS,
    );
    expect(playersText(world.nearCount, world.onlineCount)).toBe('0 near · 7 online');
    receive(world, { type: 'Welcome', actorId: SELF, tickRate: 20, speed: 70, tick: 9 }, 30 * TICK_MS);
    expect(world.onlineCount).toBe(1);
  });
});
