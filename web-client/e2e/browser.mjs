// What the browser scenarios share: Chromium, registering a player, and reading what its page draws through the
// read-only test hook `window.__mmo` (docs/web-client.md). Every page is watched for Content-Security-Policy
// violations: the game must run under the gateway's policy.

import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const BASE_URL = process.env.MMO_BASE_URL ?? 'http://localhost:8080';
export const OUTPUT = process.env.MMO_TEST_OUTPUT ?? fileURLToPath(new URL('../test-output/', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const VIEWPORT = { width: 1024, height: 700 };
export const PASSWORD = 'correct horse battery';
/** Where A clicks, from the middle of the world view, where the camera holds A's own actor. */
export const CLICK_OFFSET = { x: 150, y: 90 };
export const WAIT_MS = 30_000;
/** How far from the middle of the view a click may land: clear of the top bar and the chat panel (bottom left). */
const MAX_CLICK = { x: 400, y: 150 };

export const step = (text) => console.log(`  ✓ ${text}`);

export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
}

/**
 * Opens a page of its own for a player, watched for CSP violations (what Chromium reports, event and console), with
 * every frame it sends on its WebSockets kept in `sent`, parsed, in order.
 */
export async function openPage(browser, player) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
    });
  });
  const page = await context.newPage();
  const sent = [];
  page.on('websocket', (socket) => socket.on('framesent', (frame) => sent.push(JSON.parse(frame.payload))));
  const violations = [];
  page.on('pageerror', (error) => console.error(`[${player.label}] page error: ${error.message}`));
  page.on('console', (message) => {
    if (/content security policy/i.test(message.text())) {
      violations.push(message.text());
    }
  });
  const answer = await page.goto(BASE_URL);
  return { context, page, sent, violations, policy: answer?.headers()['content-security-policy'] ?? null };
}

/** Every CSP violation the player's page has reported so far, by event or on the console. */
export async function cspViolations(player) {
  const reported = await player.page.evaluate(() => window.__cspViolations ?? []);
  return [...new Set([...player.violations, ...reported])];
}

/** Opens the game, registers (which also logs in) and waits until the world is joined. */
export async function register(browser, player) {
  const opened = await openPage(browser, player);
  const { page } = opened;
  await page.getByRole('tab', { name: 'Create account' }).click();
  await page.locator('#username').fill(player.username);
  await page.locator('#password').fill(PASSWORD);
  await page.locator(`[data-avatar-id="${player.avatarId}"]`).click();
  await page.getByRole('button', { name: 'Create account and play' }).click();
  await joined(page);
  return { ...player, ...opened, id: await page.evaluate(() => window.__mmo.selfId) };
}

/** Waits until the page is connected and draws its own actor. */
export async function joined(page) {
  await page.waitForFunction(
    () => {
      const hook = window.__mmo;
      return hook?.status() === 'online' && hook.actors().some((actor) => actor.id === hook.selfId);
    },
    null,
    { timeout: WAIT_MS, polling: 100 },
  );
}

/** Where `viewer` draws actor `id` now, or null when it does not. */
export async function seenAt(viewer, id) {
  return viewer.page.evaluate((actorId) => window.__mmo.actors().find((actor) => actor.id === actorId) ?? null, id);
}

/** Like waitUntilSeen, for an actor that has also stopped: the same position in two looks 300 ms apart. */
export async function waitUntilStill(viewer, id, predicate, what) {
  const deadline = Date.now() + WAIT_MS;
  let last = null;
  while (Date.now() < deadline) {
    const seen = await waitUntilSeen(viewer, id, predicate, what);
    await new Promise((resolve) => setTimeout(resolve, 300));
    last = await seenAt(viewer, id);
    if (last && last.x === seen.x && last.y === seen.y) {
      return last;
    }
  }
  throw new Error(`${viewer.label} never saw ${what} and stop there; last seen: ${JSON.stringify(last)}`);
}

export async function waitUntilSeen(viewer, id, predicate, what) {
  const deadline = Date.now() + WAIT_MS;
  let last = null;
  while (Date.now() < deadline) {
    last = await seenAt(viewer, id);
    if (last && predicate(last)) {
      return last;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${viewer.label} never saw ${what}; last seen: ${JSON.stringify(last)}`);
}

export async function waitUntilGone(viewer, id, what) {
  const deadline = Date.now() + WAIT_MS;
  let last = null;
  while (Date.now() < deadline) {
    last = await seenAt(viewer, id);
    if (last === null) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${viewer.label} still draws ${what}: ${JSON.stringify(last)}`);
}

/** Waits until the player's own actor stands still (the same spot twice, 200 ms apart) and returns that spot. */
export async function standing(player) {
  const deadline = Date.now() + WAIT_MS;
  let last = await seenAt(player, player.id);
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const now = await seenAt(player, player.id);
    if (now.x === last.x && now.y === last.y) {
      return now;
    }
    last = now;
  }
  throw new Error(`${player.label} never stood still; last at ${JSON.stringify(last)}`);
}

export const near = (a, b, tolerance) => Math.abs(a.x - b.x) <= tolerance && Math.abs(a.y - b.y) <= tolerance;

const clamp = (value, limit) => Math.max(-limit, Math.min(limit, value));

/**
 * Walks the player's own actor to about `target` by clicking the ground, in legs short enough for the view, each
 * aimed from the middle of the view where the camera holds the player. Returns where it stands in the end.
 */
export async function walkTo(player, target) {
  const box = await player.page.locator('#world canvas').boundingBox();
  assert.ok(box, 'the world is drawn on a canvas');
  for (;;) {
    // The camera follows softly; give it a moment to settle on the player before aiming relative to the middle.
    await player.page.waitForTimeout(1500);
    const from = await standing(player);
    if (near(from, target, 2)) {
      return from;
    }
    const leg = { x: clamp(target.x - from.x, MAX_CLICK.x), y: clamp(target.y - from.y, MAX_CLICK.y) };
    await player.page.mouse.click(box.x + box.width / 2 + leg.x, box.y + box.height / 2 + leg.y);
    const legEnd = { x: from.x + leg.x, y: from.y + leg.y };
    await waitUntilSeen(
      player,
      player.id,
      (seen) => near(seen, legEnd, 2),
      `its own actor reach ${JSON.stringify(legEnd)}`,
    );
  }
}

export async function screenshot(player, name) {
  const file = path.join(OUTPUT, `${name}.png`);
  await player.page.screenshot({ path: file });
  return file;
}
