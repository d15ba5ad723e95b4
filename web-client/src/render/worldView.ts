import Phaser from 'phaser';
import type { DrawnActor } from '../world/worldState';
import { ActorView } from './actorView';
import { drawGroundTile } from './groundArt';

export interface WorldViewOptions {
  parent: HTMLElement;
  /** Half the side of the square world: its edge is drawn there. */
  worldHalfSize: number;
  /** Every actor as it is to be drawn now (ms on performance.now()'s clock). */
  actorsAt(now: number): DrawnActor[];
  /** The player clicked or tapped the ground at world point (x, y). */
  onWalk(x: number, y: number): void;
}

export interface WorldView {
  destroy(): void;
}

/** The camera closes this fraction of the distance to the player every 100 ms: a soft follow. */
const CAMERA_CATCH_UP = 0.6;

class WorldScene extends Phaser.Scene {
  private readonly views = new Map<number, ActorView>();
  private ground!: Phaser.GameObjects.TileSprite;
  private focus: { x: number; y: number } | null = null;

  constructor(private readonly options: WorldViewOptions) {
    super('world');
  }

  create(): void {
    this.textures.addCanvas('ground', drawGroundTile());
    this.ground = this.add
      .tileSprite(0, 0, this.scale.width, this.scale.height, 'ground')
      .setOrigin(0, 0)
      .setScrollFactor(0)
      .setDepth(-Infinity);
    const edge = this.options.worldHalfSize;
    this.add
      .graphics()
      .setDepth(-1_000_000)
      .lineStyle(6, 0x3b2a14, 0.9)
      .strokeRect(-edge, -edge, 2 * edge, 2 * edge);
    this.scale.on(Phaser.Scale.Events.RESIZE, (size: Phaser.Structs.Size) =>
      this.ground.setSize(size.width, size.height),
    );
    this.cameras.main.centerOn(0, 0);
    this.input.on(Phaser.Input.Events.POINTER_UP, (pointer: Phaser.Input.Pointer) => this.clicked(pointer));
  }

  override update(_time: number, deltaMs: number): void {
    const drawn = this.options.actorsAt(performance.now());
    const present = new Set<number>();
    for (const actor of drawn) {
      present.add(actor.id);
      const view = this.views.get(actor.id);
      if (view) {
        view.update(actor);
      } else {
        this.views.set(actor.id, new ActorView(this, actor));
      }
      if (actor.isSelf) {
        this.follow(actor, deltaMs);
      }
    }
    for (const [id, view] of this.views) {
      // Logged out (Despawn) or out of view (Leave): the container takes its sprite, shadow and name with it.
      if (!present.has(id)) {
        view.destroy();
        this.views.delete(id);
      }
    }
    const camera = this.cameras.main;
    this.ground.setTilePosition(camera.scrollX, camera.scrollY);
  }

  private follow(self: DrawnActor, deltaMs: number): void {
    const focus = this.focus ?? { x: self.x, y: self.y };
    const catchUp = 1 - (1 - CAMERA_CATCH_UP) ** (deltaMs / 100);
    focus.x += (self.x - focus.x) * catchUp;
    focus.y += (self.y - focus.y) * catchUp;
    this.focus = focus;
    this.cameras.main.centerOn(focus.x, focus.y);
  }

  private clicked(pointer: Phaser.Input.Pointer): void {
    const canvas = this.game.canvas;
    // Only a press and release both on the world walk: not a release after dragging out of the chat panel.
    if (pointer.downElement !== canvas || pointer.upElement !== canvas) {
      return;
    }
    const target = this.cameras.main.getWorldPoint(pointer.x, pointer.y);
    const edge = this.options.worldHalfSize;
    const x = Phaser.Math.Clamp(target.x, -edge, edge);
    const y = Phaser.Math.Clamp(target.y, -edge, edge);
    this.markTarget(x, y);
    this.options.onWalk(x, y);
  }

  private markTarget(x: number, y: number): void {
    const mark = this.add
      .graphics({ x, y })
      .setDepth(y - 1)
      .lineStyle(3, 0xffffff, 0.85);
    mark.strokeCircle(0, 0, 9).lineBetween(-4, -4, 4, 4).lineBetween(-4, 4, 4, -4);
    this.tweens.add({ targets: mark, alpha: 0, scale: 0.4, duration: 700, onComplete: () => mark.destroy() });
  }
}

/**
 * WebGL on a GPU, else Canvas 2D. WebGL that the CPU draws (SwiftShader, llvmpipe: no GPU, a blocklisted driver,
 * headless test browsers) was measured at under 2 frames per second here, where Canvas 2D draws 60.
 */
function rendererType(): number {
  const gl = document.createElement('canvas').getContext('webgl');
  if (!gl) {
    return Phaser.CANVAS;
  }
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return /swiftshader|llvmpipe|softpipe|software/i.test(renderer) ? Phaser.CANVAS : Phaser.WEBGL;
}

export function createWorldView(options: WorldViewOptions): WorldView {
  const game = new Phaser.Game({
    type: rendererType(),
    parent: options.parent,
    backgroundColor: '#2f4a2a',
    banner: false,
    disableContextMenu: true,
    input: { keyboard: false, gamepad: false },
    scale: { mode: Phaser.Scale.RESIZE, width: options.parent.clientWidth, height: options.parent.clientHeight },
    scene: new WorldScene(options),
  });
  return { destroy: () => game.destroy(true) };
}
