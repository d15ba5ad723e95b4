import Phaser from 'phaser';
import type { DrawnActor } from '../world/worldState';
import { drawAvatarSheet, FACINGS, FRAME_HEIGHT, FRAME_WIDTH, SHEET_COLUMNS, WALK_FRAMES } from './avatarArt';

const WALK_FRAMES_PER_SECOND = 8;
const SELF_COLOR = 0xffd54a;

const textureKey = (avatarId: number): string => `avatar-${avatarId}`;
const walkKey = (avatarId: number, facing: string): string => `avatar-${avatarId}-walk-${facing}`;
const frameName = (facing: string, column: number): string => `${facing}-${column}`;

/** Makes an avatar's sprite sheet texture and its walk animations, once per game. */
function ensureAvatar(scene: Phaser.Scene, avatarId: number): void {
  const key = textureKey(avatarId);
  if (scene.textures.exists(key)) {
    return;
  }
  const texture = scene.textures.addCanvas(key, drawAvatarSheet(avatarId));
  if (!texture) {
    throw new Error(`could not make the texture of avatar ${avatarId}`);
  }
  FACINGS.forEach((facing, row) => {
    for (let column = 0; column < SHEET_COLUMNS; column++) {
      texture.add(frameName(facing, column), 0, column * FRAME_WIDTH, row * FRAME_HEIGHT, FRAME_WIDTH, FRAME_HEIGHT);
    }
    scene.anims.create({
      key: walkKey(avatarId, facing),
      frames: Array.from({ length: WALK_FRAMES }, (_, i) => ({ key, frame: frameName(facing, 1 + i) })),
      frameRate: WALK_FRAMES_PER_SECOND,
      repeat: -1,
    });
  });
}

/** One actor on screen: its avatar, a shadow, its name, and a ring under the player's own. */
export class ActorView {
  private readonly container: Phaser.GameObjects.Container;
  private readonly sprite: Phaser.GameObjects.Sprite;
  private readonly label: Phaser.GameObjects.Text;
  private avatarId: number;

  constructor(
    private readonly scene: Phaser.Scene,
    actor: DrawnActor,
  ) {
    this.avatarId = actor.avatarId;
    ensureAvatar(scene, actor.avatarId);
    const shadow = scene.add.ellipse(0, 0, 26, 9, 0x000000, 0.28);
    this.sprite = scene.add.sprite(0, 2, textureKey(actor.avatarId), frameName(actor.facing, 0)).setOrigin(0.5, 1);
    // Text drawn by the canvas, never parsed as HTML: a name is data, whatever characters it holds.
    this.label = scene.add
      .text(0, -FRAME_HEIGHT - 2, actor.name, {
        fontFamily: 'system-ui, sans-serif',
        fontSize: '13px',
        fontStyle: actor.isSelf ? 'bold' : 'normal',
        color: actor.isSelf ? '#ffe27a' : '#ffffff',
        stroke: '#101018',
        strokeThickness: 3,
      })
      .setOrigin(0.5, 1)
      .setResolution(Math.min(2, window.devicePixelRatio || 1));
    const parts: Phaser.GameObjects.GameObject[] = [shadow];
    if (actor.isSelf) {
      parts.push(scene.add.ellipse(0, 0, 36, 14).setStrokeStyle(2, SELF_COLOR, 0.9));
    }
    parts.push(this.sprite, this.label);
    this.container = scene.add.container(actor.x, actor.y, parts);
    this.update(actor);
  }

  update(actor: DrawnActor): void {
    if (actor.avatarId !== this.avatarId) {
      this.avatarId = actor.avatarId;
      ensureAvatar(this.scene, actor.avatarId);
      this.sprite.anims.stop();
      this.sprite.setTexture(textureKey(actor.avatarId), frameName(actor.facing, 0));
    }
    if (this.label.text !== actor.name) {
      this.label.setText(actor.name);
    }
    this.container.setPosition(actor.x, actor.y);
    // Nearer the bottom of the screen is nearer the viewer: drawn on top.
    this.container.setDepth(actor.y);
    if (actor.walking) {
      this.sprite.play(walkKey(actor.avatarId, actor.facing), true);
    } else {
      this.sprite.anims.stop();
      this.sprite.setFrame(frameName(actor.facing, 0));
    }
  }

  destroy(): void {
    this.container.destroy();
  }
}
