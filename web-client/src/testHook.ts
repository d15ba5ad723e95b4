import type { DrawnActor } from './world/worldState';

/**
 * A read-only view for end-to-end tests (docs/web-client.md): `window.__mmo`. It shows only what the page draws
 * anyway, and changes nothing.
 */
export interface MmoTestHook {
  /** The player's own actor id, null before the first Welcome. */
  readonly selfId: number | null;
  /** Every actor where it is drawn now, in world units. */
  actors(): { id: number; name: string; x: number; y: number }[];
  /** The connection's state: connecting, online, retrying, replaced, signed-out or stopped. */
  status(): string;
  /** The code the game connection last closed with (1012, 1013, 4401, …), null before any closed. */
  closeCode(): number | null;
  /** Other players in view now: the actors drawn, less the player's own. */
  near(): number;
  /** Players online in the whole world: the server's latest `Online` count (until one came: near + 1). */
  online(): number;
}

declare global {
  interface Window {
    __mmo?: MmoTestHook;
  }
}

interface HookSource {
  selfId(): number | null;
  actorsNow(): DrawnActor[];
  status(): string;
  closeCode(): number | null;
  near(): number;
  online(): number;
}

/** Installs the hook; returns its removal. */
export function installTestHook(source: HookSource): () => void {
  const hook: MmoTestHook = Object.freeze({
    get selfId() {
      return source.selfId();
    },
    actors: () => source.actorsNow().map(({ id, name, x, y }) => ({ id, name, x, y })),
    status: () => source.status(),
    closeCode: () => source.closeCode(),
    near: () => source.near(),
    online: () => source.online(),
  });
  window.__mmo = hook;
  return () => {
    if (window.__mmo === hook) {
      delete window.__mmo;
    }
  };
}
