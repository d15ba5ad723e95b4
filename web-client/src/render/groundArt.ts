// The ground, drawn in code at run time: a repeating patch of grass cells with a faint grid, so that walking is
// visible against it. This project's own art (ART-LICENSE.md).

export const GROUND_TILE_SIZE = 256;
const CELL = 64;

/** A small seeded generator, so that the ground looks the same on every load. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export function drawGroundTile(): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = GROUND_TILE_SIZE;
  canvas.height = GROUND_TILE_SIZE;
  const g = canvas.getContext('2d');
  if (!g) {
    throw new Error('this browser cannot draw on a canvas');
  }
  const random = seededRandom(20240522);
  for (let cellY = 0; cellY < GROUND_TILE_SIZE; cellY += CELL) {
    for (let cellX = 0; cellX < GROUND_TILE_SIZE; cellX += CELL) {
      const lightness = 34 + random() * 6;
      g.fillStyle = `hsl(100, 38%, ${lightness}%)`;
      g.fillRect(cellX, cellY, CELL, CELL);
      // Tufts of grass and the odd flower.
      for (let i = 0; i < 14; i++) {
        const x = cellX + 4 + random() * (CELL - 8);
        const y = cellY + 4 + random() * (CELL - 8);
        g.strokeStyle = `hsl(${95 + random() * 20}, 45%, ${lightness + (random() < 0.5 ? -8 : 9)}%)`;
        g.lineWidth = 1.5;
        g.beginPath();
        g.moveTo(x, y);
        g.lineTo(x - 2, y - 4);
        g.moveTo(x, y);
        g.lineTo(x + 2, y - 5);
        g.stroke();
      }
      if (random() < 0.3) {
        g.fillStyle = random() < 0.5 ? '#f4e66a' : '#f2f2f2';
        g.beginPath();
        g.arc(cellX + 10 + random() * (CELL - 20), cellY + 10 + random() * (CELL - 20), 2, 0, Math.PI * 2);
        g.fill();
      }
    }
  }
  // The grid: every cell's edge faintly, the tile's edge a little more.
  g.fillStyle = 'rgba(0, 0, 0, 0.10)';
  for (let at = 0; at < GROUND_TILE_SIZE; at += CELL) {
    g.fillRect(at, 0, 1, GROUND_TILE_SIZE);
    g.fillRect(0, at, GROUND_TILE_SIZE, 1);
  }
  g.fillStyle = 'rgba(0, 0, 0, 0.12)';
  g.fillRect(0, 0, 2, GROUND_TILE_SIZE);
  g.fillRect(0, 0, GROUND_TILE_SIZE, 2);
  return canvas;
}
