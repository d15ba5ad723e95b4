// The game connection's messages (docs/protocol.md): JSON text frames, each an object with a `type`, or, from the
// server, a JSON array of such objects to be handled in order.

/** An actor's state after a tick: where it stands and where it walks to (equal when it stands still). */
export interface ActorState {
  x: number;
  y: number;
  tx: number;
  ty: number;
}

export interface MoveEntry extends ActorState {
  id: number;
}

/** What a `ModelData` says about one actor, flattened from the tutorial's nested model. */
export interface ActorInfo extends MoveEntry {
  name: string;
  avatarId: number;
}

export type ServerMessage =
  | { type: 'Welcome'; actorId: number; tickRate: number; speed: number; tick: number }
  | { type: 'ModelData'; tick: number; actor: ActorInfo }
  | { type: 'Moves'; tick: number; moves: MoveEntry[] }
  | { type: 'Despawn'; actorId: number }
  | { type: 'Leave'; actorId: number }
  | { type: 'Online'; count: number }
  | { type: 'Chat'; from: string; text: string; at: string }
  | { type: 'Pong'; t: number }
  | { type: 'Error'; code: string; message: string };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

const isCount = (value: unknown): value is number => isNumber(value) && Number.isInteger(value) && value >= 0;

const isString = (value: unknown): value is string => typeof value === 'string';

/**
 * Every message in one server frame, in order. Items that are not a message this client understands (an unknown
 * `type` from a newer server, a missing field) are skipped so that the rest of the frame still applies.
 */
export function parseServerFrame(text: string): ServerMessage[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  const items = Array.isArray(parsed) ? parsed : [parsed];
  return items.map(toMessage).filter((message) => message !== null);
}

function toMessage(item: unknown): ServerMessage | null {
  if (!isObject(item)) {
    return null;
  }
  switch (item.type) {
    case 'Welcome':
      return isNumber(item.actorId) &&
        isNumber(item.tickRate) &&
        item.tickRate > 0 &&
        isNumber(item.speed) &&
        isNumber(item.tick)
        ? { type: 'Welcome', actorId: item.actorId, tickRate: item.tickRate, speed: item.speed, tick: item.tick }
        : null;
    case 'ModelData':
      return toModelData(item);
    case 'Moves': {
      if (!isNumber(item.tick) || !Array.isArray(item.moves)) {
        return null;
      }
      const moves = item.moves.map(toMoveEntry).filter((entry) => entry !== null);
      return { type: 'Moves', tick: item.tick, moves };
    }
    case 'Despawn':
    case 'Leave':
      return isNumber(item.actorId) ? { type: item.type, actorId: item.actorId } : null;
    case 'Online':
      return isCount(item.count) ? { type: 'Online', count: item.count } : null;
    case 'Chat':
      return isString(item.from) && isString(item.text) && isString(item.at)
        ? { type: 'Chat', from: item.from, text: item.text, at: item.at }
        : null;
    case 'Pong':
      return isNumber(item.t) ? { type: 'Pong', t: item.t } : null;
    case 'Error':
      return isString(item.code) && isString(item.message)
        ? { type: 'Error', code: item.code, message: item.message }
        : null;
    default:
      return null;
  }
}

function toMoveEntry(item: unknown): MoveEntry | null {
  if (!isObject(item)) {
    return null;
  }
  const { id, x, y, tx, ty } = item;
  return isNumber(id) && isNumber(x) && isNumber(y) && isNumber(tx) && isNumber(ty) ? { id, x, y, tx, ty } : null;
}

function toModelData(item: Json): ServerMessage | null {
  const model = item.model;
  const placed = isObject(model) ? model.instanced_entity : undefined;
  const entity = isObject(placed) ? placed.entity : undefined;
  if (
    !isNumber(item.tick) ||
    !isNumber(item.tx) ||
    !isNumber(item.ty) ||
    !isObject(model) ||
    !isObject(placed) ||
    !isObject(entity)
  ) {
    return null;
  }
  const { id, avatar_id: avatarId } = model;
  const { x, y } = placed;
  const { name } = entity;
  if (!isNumber(id) || !isNumber(x) || !isNumber(y) || !isString(name)) {
    return null;
  }
  return {
    type: 'ModelData',
    tick: item.tick,
    // An older server without avatars still gets drawn, with the first one.
    actor: { id, name, avatarId: isNumber(avatarId) ? avatarId : 0, x, y, tx: item.tx, ty: item.ty },
  };
}

export const authFrame = (token: string): string => JSON.stringify({ type: 'Auth', token });
export const targetFrame = (x: number, y: number): string => JSON.stringify({ type: 'Target', x, y });
export const chatFrame = (text: string): string => JSON.stringify({ type: 'Chat', text });
export const pingFrame = (t: number): string => JSON.stringify({ type: 'Ping', t });
