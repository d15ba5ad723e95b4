import type { ActorState } from '../net/protocol';

// The server's movement rule (World.java), operation for operation: every + - * / and sqrt is correctly rounded
// in Java and JavaScript alike, so evaluating exactly these expressions in this order gives the server's numbers
// bit for bit. Math.hypot would not: it is not correctly rounded and its last bit differs between runtimes.

/** Moves `state` one tick toward its target, in place. */
export function stepOnce(state: ActorState, step: number): void {
  const dx = state.tx - state.x;
  const dy = state.ty - state.y;
  const dist = Math.sqrt(dx * dx + dy * dy);
  if (dist <= step) {
    state.x = state.tx;
    state.y = state.ty;
  } else {
    state.x = state.x + (dx / dist) * step;
    state.y = state.y + (dy / dist) * step;
  }
}

export const isStanding = (state: ActorState): boolean => state.x === state.tx && state.y === state.ty;

/** The state `ticks` ticks after `state`; a standing actor stays put, so this is cheap however far ahead. */
export function advance(state: ActorState, step: number, ticks: number): ActorState {
  const next = { x: state.x, y: state.y, tx: state.tx, ty: state.ty };
  for (let i = 0; i < ticks && !isStanding(next); i++) {
    stepOnce(next, step);
  }
  return next;
}
