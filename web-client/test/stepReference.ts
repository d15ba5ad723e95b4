import reference from '../../testdata/step-rule-reference.json';
import type { ActorState } from '../src/net/protocol';

// The reference walks of testdata/step-rule-reference.json: world-service's StepRuleReferenceTest computes them with
// the server's own step and holds the server to them; the client must land on the same numbers, bit for bit.

export interface ReferenceWalk {
  name: string;
  step: number;
  start: ActorState;
  after: { ticks: number; x: number; y: number }[];
}

export const referenceWalks: ReferenceWalk[] = reference.walks.map((walk) => ({
  name: walk.name,
  step: walk.speed / walk.tickRate,
  start: { x: walk.start.x, y: walk.start.y, tx: walk.target.x, ty: walk.target.y },
  after: walk.after,
}));

/** The server's position after that many ticks of the named walk. */
export function serverPosition(name: string, ticks: number): { x: number; y: number } {
  const position = referenceWalks.find((walk) => walk.name === name)?.after.find((p) => p.ticks === ticks);
  if (!position) {
    throw new Error(`testdata/step-rule-reference.json has no position after ${ticks} ticks of '${name}'`);
  }
  return { x: position.x, y: position.y };
}
