// End-to-end: two players in a real Chromium against a running system (gateway + services).
//   MMO_BASE_URL=http://localhost:8080 node e2e/play.spec.mjs
// Environment:
//   MMO_BASE_URL      where the gateway serves the game (default http://localhost:8080)
//   MMO_TEST_OUTPUT   folder for screenshots (default web-client/test-output/)
//   CHROMIUM_PATH     the browser (default /usr/bin/chromium, Debian's `chromium` package; no browser download)
//   MMO_WORLD_CELL_SIZE, MMO_WORLD_VIEW_RADIUS   the world's cells as the system runs them (default 400 and 1):
//                     how far A walks to leave B's view
// Reads positions through the page's read-only test hook `window.__mmo` (docs/web-client.md).

import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import {
  BASE_URL,
  CLICK_OFFSET,
  cspViolations,
  joined,
  launch,
  near,
  OUTPUT,
  register,
  screenshot,
  seenAt,
  standing,
  step,
  WAIT_MS,
  waitUntilGone,
  waitUntilSeen,
  waitUntilStill,
  walkTo,
} from './browser.mjs';

// What a player sees (docs/protocol.md): the cell it stands in and VIEW_RADIUS cells around it.
const CELL_SIZE = Number(process.env.MMO_WORLD_CELL_SIZE ?? 400);
const VIEW_RADIUS = Number(process.env.MMO_WORLD_VIEW_RADIUS ?? 1);
const WORLD_HALF_SIZE = 5000;
const cellOf = (coordinate) => Math.floor((coordinate + WORLD_HALF_SIZE) / CELL_SIZE);
/** The middle of the first cell to the right that a player standing at x does not see. */
const outOfViewRightOf = (x) => (cellOf(x) + VIEW_RADIUS + 1) * CELL_SIZE - WORLD_HALF_SIZE + CELL_SIZE / 2;

const suffix = Date.now().toString(36).slice(-7);
const players = [
  { label: 'A', username: `e2e_a_${suffix}`, avatarId: 3 },
  { label: 'B', username: `e2e_b_${suffix}`, avatarId: 5 },
];

/**
 * Waits until the page counts `nearCount` other players in view, at least both of ours online (the server's
 * count, which includes players out of view), and its top bar says exactly what the hook counts.
 */
async function waitForCounts(player, nearCount) {
  const counts = () =>
    player.page.evaluate(() => ({
      near: window.__mmo.near(),
      online: window.__mmo.online(),
      text: document.getElementById('player-count')?.textContent ?? null,
    }));
  const deadline = Date.now() + WAIT_MS;
  let last = null;
  while (Date.now() < deadline) {
    last = await counts();
    if (last.near === nearCount && last.online >= 2 && last.text === `${last.near} near · ${last.online} online`) {
      return last;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `${player.label} never counted ${nearCount} near and both of us online; last: ${JSON.stringify(last)}`,
  );
}

async function play(browser) {
  const [a, b] = [await register(browser, players[0]), await register(browser, players[1])];
  step(`registered and joined: ${a.username} (#${a.id}), ${b.username} (#${b.id})`);

  const bSeenByA = await waitUntilSeen(a, b.id, () => true, `${b.username}`);
  const start = await waitUntilSeen(b, a.id, () => true, `${a.username}`);
  assert.equal(bSeenByA.name, b.username);
  assert.equal(start.name, a.username);
  const [aCounts, bCounts] = [await waitForCounts(a, 1), await waitForCounts(b, 1)];
  step(`each sees the other, with its name; the top bars say "${aCounts.text}", "${bCounts.text}"`);

  // The camera follows softly; give it a moment to settle on A before aiming relative to the middle.
  await a.page.waitForTimeout(1500);
  const own = await seenAt(a, a.id);
  const box = await a.page.locator('#world canvas').boundingBox();
  assert.ok(box, 'the world is drawn on a canvas');
  await a.page.mouse.click(box.x + box.width / 2 + CLICK_OFFSET.x, box.y + box.height / 2 + CLICK_OFFSET.y);
  const target = { x: own.x + CLICK_OFFSET.x, y: own.y + CLICK_OFFSET.y };

  // Walking there takes about 2.5 s: B must see A on the way, not only jump to the end.
  await waitUntilSeen(
    b,
    a.id,
    (seen) => !near(seen, own, 1) && !near(seen, target, 1),
    `${a.username} on its way from ${JSON.stringify(own)} to ${JSON.stringify(target)}`,
  );
  const ownArrived = await waitUntilStill(
    a,
    a.id,
    (seen) => near(seen, target, 2),
    `its own actor arrive at ${JSON.stringify(target)}`,
  );
  // Both replay the server's entries with the same step rule: B must draw A on exactly the same numbers.
  const arrived = await waitUntilSeen(
    b,
    a.id,
    (seen) => seen.x === ownArrived.x && seen.y === ownArrived.y,
    `${a.username} arrive exactly at ${JSON.stringify(ownArrived)}`,
  );
  step(`A walked to where it clicked; B saw it walk there: (${arrived.x.toFixed(2)}, ${arrived.y.toFixed(2)})`);

  const sentBeforeTheClick = a.sent.length;
  await a.page.locator('#chat-lines').click();

  const text = `hello from A <b>not bold</b> ${suffix}`;
  await a.page.locator('#chat-input').fill(text);
  await a.page.locator('#chat-input').press('Enter');
  await b.page.locator('#chat-lines').getByText(text).waitFor({ timeout: WAIT_MS });
  assert.equal(await b.page.locator('#chat-lines b').count(), 0, 'chat text is shown as text, never as markup');
  step('A chatted; B sees the text, as text');

  // The chat line is the marker: a walk from the click in the panel would have been sent before it.
  const sentSince = a.sent.slice(sentBeforeTheClick).filter((frame) => frame.type !== 'Ping');
  assert.equal(sentSince[0]?.type, 'Chat', `the click in the chat panel sent nothing: ${JSON.stringify(sentSince)}`);
  assert.deepEqual(await seenAt(a, a.id), ownArrived, 'a click in the chat panel does not move the player');
  step('clicking in the chat panel does not walk');

  console.log(`    screenshots: ${await screenshot(a, 'a-world')}, ${await screenshot(b, 'b-world')}`);

  await a.page.reload();
  await joined(a.page);
  const afterReload = await seenAt(a, a.id);
  assert.deepEqual(
    { x: afterReload.x, y: afterReload.y },
    { x: ownArrived.x, y: ownArrived.y },
    'after a reload A stands where it stood',
  );
  await waitUntilSeen(b, a.id, (seen) => seen.x === afterReload.x && seen.y === afterReload.y, `${a.username} back`);
  step('A reloaded: logged in again from the stored token, standing where it stood; B sees it there');
  console.log(`    screenshot: ${await screenshot(a, 'a-after-reload')}`);

  // Interest management: A walks to the middle of the first cell beyond B's view; each stops drawing the other.
  const home = await standing(a);
  const bStands = await seenAt(b, b.id);
  const away = await walkTo(a, { x: outOfViewRightOf(bStands.x), y: home.y });
  await waitUntilGone(b, a.id, `${a.username}, gone out of view at ${JSON.stringify(away)}`);
  await waitUntilGone(a, b.id, `${b.username}, out of view`);
  const [aAlone, bAlone] = [await waitForCounts(a, 0), await waitForCounts(b, 0)];
  step(
    `A walked out of B's view to (${away.x.toFixed(2)}, ${away.y.toFixed(2)}): neither draws the other; ` +
      `the top bars say "${aAlone.text}", "${bAlone.text}" (out of view, still online)`,
  );
  console.log(`    screenshot: ${await screenshot(b, 'b-alone')}`);

  // And back: B gets A's model as A comes into view and draws it where A stands, to the last bit.
  const back = await walkTo(a, home);
  const seenBack = await waitUntilSeen(
    b,
    a.id,
    (seen) => seen.x === back.x && seen.y === back.y,
    `${a.username} back in view, exactly at ${JSON.stringify(back)}`,
  );
  assert.equal(seenBack.name, a.username);
  await waitUntilSeen(a, b.id, (seen) => seen.x === bStands.x && seen.y === bStands.y, `${b.username} again`);
  const [aBack, bBack] = [await waitForCounts(a, 1), await waitForCounts(b, 1)];
  step(
    `A walked back: B draws it again at (${back.x.toFixed(2)}, ${back.y.toFixed(2)}); ` +
      `the top bars say "${aBack.text}", "${bBack.text}"`,
  );
  console.log(`    screenshot: ${await screenshot(b, 'b-a-back')}`);

  for (const player of [a, b]) {
    assert.match(player.policy ?? '', /frame-ancestors 'none'/, "the page came with the gateway's CSP");
    assert.deepEqual(await cspViolations(player), [], `${player.label}'s page broke no rule of the CSP`);
  }
  step(`both pages ran the whole game under the CSP without a violation: ${a.policy}`);
  return [a, b];
}

await mkdir(OUTPUT, { recursive: true });
const browser = await launch();
let failed = false;
console.log(`e2e against ${BASE_URL}`);
try {
  await play(browser);
} catch (error) {
  failed = true;
  console.log(`  ✗ ${error.stack ?? error}`);
  for (const [index, context] of browser.contexts().entries()) {
    for (const page of context.pages()) {
      await page.screenshot({ path: path.join(OUTPUT, `failure-${index}.png`) }).catch(() => {});
      const seen = await page
        .evaluate(
          () =>
            window.__mmo && {
              selfId: window.__mmo.selfId,
              status: window.__mmo.status(),
              actors: window.__mmo.actors(),
              near: window.__mmo.near(),
              online: window.__mmo.online(),
            },
        )
        .catch(() => null);
      console.log(`    browser ${index}: ${JSON.stringify(seen)}`);
    }
  }
} finally {
  await browser.close();
}
console.log(`e2e: ${failed ? '0 passed, 1 failed' : '1 passed, 0 failed'}`);
process.exitCode = failed ? 1 : 0;
