import { describe, expect, it } from 'vitest';
import { authFrame, chatFrame, parseServerFrame, pingFrame, targetFrame } from '../src/net/protocol';

const modelData = (id: number, name: string, tick = 7) =>
  `{"type":"ModelData","tick":${tick},"tx":9.0,"ty":2.0,"model":{"id":${id},"model_type":"Actor","avatar_id":2,` +
  `"instanced_entity":{"id":${id + 100},"x":1.5,"y":-2.25,"entity":{"id":${id + 200},"name":"${name}"}}}}`;

describe('parseServerFrame', () => {
  it('reads a single message', () => {
    expect(parseServerFrame('{"type":"Welcome","actorId":7,"tickRate":20,"speed":70.0,"tick":1234}')).toEqual([
      { type: 'Welcome', actorId: 7, tickRate: 20, speed: 70, tick: 1234 },
    ]);
  });

  it('reads an array frame as its messages, in order', () => {
    const frame =
      `[{"type":"Welcome","actorId":7,"tickRate":20,"speed":70.0,"tick":5},${modelData(7, 'alice')},` +
      `${modelData(8, 'bob')},{"type":"Despawn","actorId":3}]`;
    const messages = parseServerFrame(frame);
    expect(messages.map((m) => m.type)).toEqual(['Welcome', 'ModelData', 'ModelData', 'Despawn']);
    expect(messages[2]).toEqual({
      type: 'ModelData',
      tick: 7,
      actor: { id: 8, name: 'bob', avatarId: 2, x: 1.5, y: -2.25, tx: 9, ty: 2 },
    });
  });

  it('takes the actor id from the model, not from the instanced entity or entity', () => {
    const [message] = parseServerFrame(modelData(7, 'alice'));
    expect(message?.type === 'ModelData' && message.actor.id).toBe(7);
  });

  it('reads Moves entries with every bit of their numbers', () => {
    const [message] = parseServerFrame(
      '{"type":"Moves","tick":42,"moves":[' +
        '{"id":1,"x":9.516993523838613,"y":-1.1692426804245124,"tx":-417.25,"ty":260.75},' +
        '{"id":2,"x":5.0,"y":5.0,"tx":5.0,"ty":5.0}]}',
    );
    expect(message).toEqual({
      type: 'Moves',
      tick: 42,
      moves: [
        { id: 1, x: 9.516993523838613, y: -1.1692426804245124, tx: -417.25, ty: 260.75 },
        { id: 2, x: 5, y: 5, tx: 5, ty: 5 },
      ],
    });
  });

  it('skips what it does not understand and keeps the rest of the frame', () => {
    const frame =
      '[{"type":"Weather","rain":true},{"type":"Leave"},"hello",null,' +
      '{"type":"Moves","tick":3,"moves":[{"id":1,"x":"1","y":0,"tx":0,"ty":0},{"id":2,"x":1,"y":0,"tx":4,"ty":0}]},' +
      '{"type":"Leave","actorId":9}]';
    expect(parseServerFrame(frame)).toEqual([
      { type: 'Moves', tick: 3, moves: [{ id: 2, x: 1, y: 0, tx: 4, ty: 0 }] },
      { type: 'Leave', actorId: 9 },
    ]);
  });

  it("reads a tick's view changes in order: Leave, ModelData, several Moves of different ticks, Online", () => {
    const frame =
      `[{"type":"Leave","actorId":3},${modelData(8, 'bob', 41)},` +
      '{"type":"Moves","tick":41,"moves":[{"id":8,"x":1.5,"y":-2.25,"tx":9.0,"ty":2.0}]},' +
      '{"type":"Moves","tick":42,"moves":[{"id":7,"x":0.5,"y":0.5,"tx":0.5,"ty":0.5}]},' +
      '{"type":"Online","count":1234}]';
    expect(parseServerFrame(frame)).toEqual([
      { type: 'Leave', actorId: 3 },
      { type: 'ModelData', tick: 41, actor: { id: 8, name: 'bob', avatarId: 2, x: 1.5, y: -2.25, tx: 9, ty: 2 } },
      { type: 'Moves', tick: 41, moves: [{ id: 8, x: 1.5, y: -2.25, tx: 9, ty: 2 }] },
      { type: 'Moves', tick: 42, moves: [{ id: 7, x: 0.5, y: 0.5, tx: 0.5, ty: 0.5 }] },
      { type: 'Online', count: 1234 },
    ]);
  });

  it('skips an Online without a whole, non-negative count', () => {
    const frame =
      '[{"type":"Online"},{"type":"Online","count":"12"},{"type":"Online","count":-1},' +
      '{"type":"Online","count":2.5},{"type":"Online","count":0}]';
    expect(parseServerFrame(frame)).toEqual([{ type: 'Online', count: 0 }]);
  });

  it('reads Chat, Pong and Error', () => {
    const text = '<img src=x onerror="alert(1)"> & friends';
    expect(
      parseServerFrame(
        JSON.stringify([
          { type: 'Chat', from: 'alice', text, at: '2026-01-02T03:04:05Z' },
          { type: 'Pong', t: 12.5 },
          { type: 'Error', code: 'rate_limited', message: 'slow down' },
        ]),
      ),
    ).toEqual([
      { type: 'Chat', from: 'alice', text, at: '2026-01-02T03:04:05Z' },
      { type: 'Pong', t: 12.5 },
      { type: 'Error', code: 'rate_limited', message: 'slow down' },
    ]);
  });

  it('refuses a Welcome whose tick rate would divide by zero', () => {
    expect(parseServerFrame('{"type":"Welcome","actorId":7,"tickRate":0,"speed":70,"tick":1}')).toEqual([]);
  });

  it('returns nothing for a frame that is not JSON', () => {
    expect(parseServerFrame('{"type":"Welc')).toEqual([]);
  });
});

describe('client frames', () => {
  it('are single JSON objects with a type', () => {
    expect(JSON.parse(authFrame('a.b.c'))).toEqual({ type: 'Auth', token: 'a.b.c' });
    expect(JSON.parse(targetFrame(12.5, -3))).toEqual({ type: 'Target', x: 12.5, y: -3 });
    expect(JSON.parse(chatFrame('hi "there"'))).toEqual({ type: 'Chat', text: 'hi "there"' });
    expect(JSON.parse(pingFrame(99))).toEqual({ type: 'Ping', t: 99 });
  });
});
