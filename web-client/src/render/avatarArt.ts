// The eight avatars, drawn in code at run time with the Canvas 2D API: this project's own art (ART-LICENSE.md).
// A sheet has one row per facing and, in each row, the idle pose followed by the walk cycle.

import type { Facing } from '../world/worldState';

export const AVATAR_COUNT = 8;
export const FRAME_WIDTH = 40;
export const FRAME_HEIGHT = 62;
/** Room above the head for hats, horns and antennas. */
const HEADROOM = 6;
export const FACINGS: readonly Facing[] = ['down', 'left', 'right', 'up'];
export const WALK_FRAMES = 4;
/** Columns of a sheet: the idle pose, then the walk frames. */
export const SHEET_COLUMNS = 1 + WALK_FRAMES;

type Headwear = 'helmet' | 'wizard-hat' | 'cap' | 'hood' | 'crown' | 'bandana' | 'horns' | 'antenna';

interface AvatarStyle {
  title: string;
  tunic: string;
  trim: string;
  skin: string;
  hair: string;
  headwear: Headwear;
  headwearColor: string;
}

const STYLES: readonly AvatarStyle[] = [
  {
    title: 'Knight',
    tunic: '#4a6fa5',
    trim: '#c9d3e0',
    skin: '#f1c27d',
    hair: '#5b3a1e',
    headwear: 'helmet',
    headwearColor: '#9aa5b1',
  },
  {
    title: 'Wizard',
    tunic: '#6b3fa0',
    trim: '#f2d15b',
    skin: '#e0ac69',
    hair: '#d9d9d9',
    headwear: 'wizard-hat',
    headwearColor: '#4b2a75',
  },
  {
    title: 'Ranger',
    tunic: '#3f7d3a',
    trim: '#a3c77a',
    skin: '#c68642',
    hair: '#2b1b0e',
    headwear: 'cap',
    headwearColor: '#2f5e2b',
  },
  {
    title: 'Rogue',
    tunic: '#3b3b45',
    trim: '#b33939',
    skin: '#f5d0a9',
    hair: '#111111',
    headwear: 'hood',
    headwearColor: '#25252c',
  },
  {
    title: 'Monarch',
    tunic: '#b8322d',
    trim: '#f7e08a',
    skin: '#ffdbac',
    hair: '#b5651d',
    headwear: 'crown',
    headwearColor: '#f2c230',
  },
  {
    title: 'Sailor',
    tunic: '#1f8a99',
    trim: '#ffffff',
    skin: '#8d5524',
    hair: '#1a1a1a',
    headwear: 'bandana',
    headwearColor: '#e8553f',
  },
  {
    title: 'Imp',
    tunic: '#d9731f',
    trim: '#5a2d0c',
    skin: '#d96a6a',
    hair: '#3a0f0f',
    headwear: 'horns',
    headwearColor: '#f3efe0',
  },
  {
    title: 'Robot',
    tunic: '#8a949e',
    trim: '#3dd6d0',
    skin: '#c7ced6',
    hair: '#6b7580',
    headwear: 'antenna',
    headwearColor: '#ff4d6d',
  },
];

export const avatarTitle = (avatarId: number): string => styleOf(avatarId).title;

const OUTLINE = '#1b1b24';

/** Unknown ids (a newer server's avatars) fall back to a known avatar instead of failing to draw. */
function styleOf(avatarId: number): AvatarStyle {
  const index = Number.isInteger(avatarId) ? ((avatarId % AVATAR_COUNT) + AVATAR_COUNT) % AVATAR_COUNT : 0;
  return STYLES[index] ?? (STYLES[0] as AvatarStyle);
}

/** The avatar's whole sheet: FACINGS rows × SHEET_COLUMNS frames of FRAME_WIDTH × FRAME_HEIGHT. */
export function drawAvatarSheet(avatarId: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = FRAME_WIDTH * SHEET_COLUMNS;
  canvas.height = FRAME_HEIGHT * FACINGS.length;
  const context = canvas.getContext('2d');
  if (!context) {
    throw new Error('this browser cannot draw on a canvas');
  }
  FACINGS.forEach((facing, row) => {
    for (let column = 0; column < SHEET_COLUMNS; column++) {
      context.save();
      context.translate(column * FRAME_WIDTH, row * FRAME_HEIGHT);
      // Clipped, so that nothing of one frame shows at the edge of its neighbour.
      context.beginPath();
      context.rect(0, 0, FRAME_WIDTH, FRAME_HEIGHT);
      context.clip();
      context.translate(0, HEADROOM);
      drawFrame(context, styleOf(avatarId), facing, column === 0 ? null : column - 1);
      context.restore();
    }
  });
  return canvas;
}

/** One frame; `walkFrame` null is the idle pose. Coordinates are in the frame, feet at the bottom centre. */
function drawFrame(g: CanvasRenderingContext2D, style: AvatarStyle, facing: Facing, walkFrame: number | null): void {
  // The walk cycle: left foot forward, together, right foot forward, together; the body bobs on the passing frames.
  const stride = walkFrame === null ? 0 : ([1, 0, -1, 0][walkFrame] ?? 0);
  const bob = walkFrame === null || stride !== 0 ? 0 : -1;
  const side = facing === 'left' || facing === 'right';
  const mirror = facing === 'left' ? -1 : 1;
  const cx = FRAME_WIDTH / 2;

  g.lineWidth = 1.5;
  g.strokeStyle = OUTLINE;
  g.lineJoin = 'round';

  drawLegs(g, style, cx, side, stride, mirror);
  g.translate(0, bob);

  // Body: a tunic with a belt, arms swinging against the legs.
  const armSwing = stride * 3;
  drawArm(g, style, cx - 11, 30, side ? armSwing * mirror : -armSwing);
  drawArm(g, style, cx + 11, 30, side ? -armSwing * mirror : armSwing);
  shape(g, style.tunic, () => g.roundRect(cx - 10, 27, 20, 17, 4));
  shape(g, style.trim, () => g.rect(cx - 10, 38, 20, 3));

  // Head.
  shape(g, style.skin, () => g.arc(cx, 17, 10, 0, Math.PI * 2));
  drawFace(g, style, facing, cx, mirror);
  drawHeadwear(g, style, facing, cx, mirror);
}

function drawLegs(
  g: CanvasRenderingContext2D,
  style: AvatarStyle,
  cx: number,
  side: boolean,
  stride: number,
  mirror: number,
): void {
  const legColor = shade(style.tunic, -0.45);
  if (side) {
    // Seen from the side the legs scissor forwards and backwards.
    shape(g, legColor, () => g.roundRect(cx - 3 + stride * 4 * mirror, 42, 6, 12, 2));
    shape(g, legColor, () => g.roundRect(cx - 3 - stride * 4 * mirror, 42, 6, 12, 2));
    return;
  }
  // Seen from the front or back the stepping leg is shorter, being lifted.
  shape(g, legColor, () => g.roundRect(cx - 8, 42, 6, stride > 0 ? 9 : 12, 2));
  shape(g, legColor, () => g.roundRect(cx + 2, 42, 6, stride < 0 ? 9 : 12, 2));
}

function drawArm(g: CanvasRenderingContext2D, style: AvatarStyle, x: number, y: number, swing: number): void {
  shape(g, shade(style.tunic, -0.2), () => g.roundRect(x - 2.5 + swing * 0.3, y - 1, 5, 12, 2));
  shape(g, style.skin, () => g.arc(x + swing * 0.5, y + 12, 2.5, 0, Math.PI * 2));
}

function drawFace(g: CanvasRenderingContext2D, style: AvatarStyle, facing: Facing, cx: number, mirror: number): void {
  if (facing === 'up') {
    shape(g, style.hair, () => g.arc(cx, 17, 9, 0, Math.PI * 2), false);
    return;
  }
  g.fillStyle = OUTLINE;
  if (facing === 'down') {
    g.fillRect(cx - 5, 17, 2.5, 3);
    g.fillRect(cx + 2.5, 17, 2.5, 3);
    return;
  }
  g.fillRect(cx + 4 * mirror - 1, 17, 2.5, 3);
  // Hair on the back and top of the head, cut off by a chord: facing right, from 135° round to 288°.
  const [from, to] = mirror > 0 ? [Math.PI * 0.75, Math.PI * 1.6] : [-Math.PI * 0.6, Math.PI * 0.25];
  shape(g, style.hair, () => g.arc(cx, 17, 9.2, from, to), false);
}

function drawHeadwear(
  g: CanvasRenderingContext2D,
  style: AvatarStyle,
  facing: Facing,
  cx: number,
  mirror: number,
): void {
  const color = style.headwearColor;
  const side = facing === 'left' || facing === 'right';
  const ahead = side ? 3 * mirror : 0;
  switch (style.headwear) {
    case 'helmet':
      shape(g, color, () => g.arc(cx, 16, 11, Math.PI, 0));
      shape(g, shade(color, -0.3), () => g.rect(cx - 11, 14, 22, 3));
      if (facing !== 'up') {
        shape(g, shade(color, -0.3), () => g.rect(cx - 1 + ahead, 6, 2, 8));
      }
      return;
    case 'wizard-hat':
      shape(g, color, () => {
        g.moveTo(cx - 13, 11);
        g.lineTo(cx + 13, 11);
        g.lineTo(cx + 2 - ahead, 0);
        g.closePath();
      });
      shape(g, style.trim, () => g.arc(cx + 2 - ahead, 1, 2, 0, Math.PI * 2));
      return;
    case 'cap':
      shape(g, color, () => g.arc(cx, 14, 10, Math.PI, 0));
      if (facing !== 'up') {
        shape(g, shade(color, 0.25), () =>
          g.ellipse(cx + (side ? 9 * mirror : 0), 14, side ? 6 : 10, 2.5, 0, 0, Math.PI * 2),
        );
      }
      return;
    case 'hood':
      shape(g, color, () => {
        g.arc(cx, 16, 12.5, Math.PI * 0.95, Math.PI * 0.05);
        g.lineTo(cx + 12, 26);
        g.lineTo(cx - 12, 26);
        g.closePath();
      });
      if (facing !== 'up') {
        shape(g, style.skin, () => g.ellipse(cx + ahead, 19, side ? 5 : 7.5, 6.5, 0, 0, Math.PI * 2));
        g.fillStyle = OUTLINE;
        for (const eyeX of side ? [cx + ahead + mirror] : [cx - 4, cx + 2]) {
          g.fillRect(eyeX, 18, 2, 2.5);
        }
      }
      return;
    case 'crown':
      shape(g, color, () => {
        g.moveTo(cx - 9, 10);
        g.lineTo(cx - 9, 1);
        g.lineTo(cx - 4.5, 6);
        g.lineTo(cx, 0);
        g.lineTo(cx + 4.5, 6);
        g.lineTo(cx + 9, 1);
        g.lineTo(cx + 9, 10);
        g.closePath();
      });
      shape(g, '#d93a3a', () => g.arc(cx, 7, 1.6, 0, Math.PI * 2), false);
      return;
    case 'bandana':
      shape(g, color, () => g.arc(cx, 15, 10.5, Math.PI * 1.05, Math.PI * -0.05));
      shape(g, '#ffffff', () => g.arc(cx - 4 + ahead, 10, 1.2, 0, Math.PI * 2), false);
      shape(g, '#ffffff', () => g.arc(cx + 3 + ahead, 9, 1.2, 0, Math.PI * 2), false);
      if (facing !== 'down') {
        shape(g, color, () => {
          g.moveTo(cx - 9 * mirror, 13);
          g.lineTo(cx - 15 * mirror, 19);
          g.lineTo(cx - 10 * mirror, 20);
          g.closePath();
        });
      }
      return;
    case 'horns':
      for (const sign of [-1, 1]) {
        shape(g, color, () => {
          g.moveTo(cx + sign * 5, 9);
          g.quadraticCurveTo(cx + sign * 13, 6, cx + sign * 12, -1);
          g.lineTo(cx + sign * 9, 8);
          g.closePath();
        });
      }
      return;
    case 'antenna':
      g.beginPath();
      g.moveTo(cx, 7);
      g.lineTo(cx, 0);
      g.stroke();
      shape(g, color, () => g.arc(cx, 0.5, 2.5, 0, Math.PI * 2));
      if (facing !== 'up') {
        shape(g, style.trim, () => g.rect(cx - 7 + ahead, 14, side ? 8 : 14, 5));
      }
      return;
  }
}

/** Fills (and outlines) one path. */
function shape(g: CanvasRenderingContext2D, color: string, path: () => void, outline = true): void {
  g.beginPath();
  path();
  g.fillStyle = color;
  g.fill();
  if (outline) {
    g.stroke();
  }
}

/** `color` (#rrggbb) lightened (amount > 0) or darkened (amount < 0). */
function shade(color: string, amount: number): string {
  const value = Number.parseInt(color.slice(1), 16);
  const channel = (shift: number): number => {
    const c = (value >> shift) & 0xff;
    const mixed = amount < 0 ? c * (1 + amount) : c + (255 - c) * amount;
    return Math.round(Math.min(255, Math.max(0, mixed)));
  };
  return `rgb(${channel(16)}, ${channel(8)}, ${channel(0)})`;
}
