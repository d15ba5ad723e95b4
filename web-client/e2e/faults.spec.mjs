// End-to-end: one player in a real Chromium while the system around it fails, driven step by step by the Java test
// that breaks the processes (e2e/…/BrowserFaultsTest). Not for running alone: it prints `@ready <step> <json>` when
// the page is where the test needs it, then waits for `@go <next step>` on stdin.
//
// Steps: walk (the player walks; the test kills the gateway with SIGKILL, checks the world saved the player, starts
// the gateway again) → back (the page reconnected by itself) → hang (the test has stopped world-service with SIGSTOP;
// the page is told 1013) → resumed (SIGCONT: the page plays again) → auth-down (auth-service is stopped and the
// gateway restarted without its keys: the page is told 1013 and keeps its session) → auth-back (the page plays again,
// never having been sent to log in) → renew (a second player logs in under short-lived access tokens: its page renews
// its token on its own connection and a reload plays with the renewed one).

import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import {
  cspViolations,
  joined,
  launch,
  OUTPUT,
  register,
  screenshot,
  seenAt,
  standing,
  waitUntilSeen,
} from './browser.mjs';

/** How long a fault may take to reach the page, and the page to come back once it is over. */
const RECOVERY_MS = 60_000;
const suffix = Date.now().toString(36).slice(-7);

const commands = createInterface({ input: process.stdin });
const waiting = [];
commands.on('line', (line) => waiting.shift()?.(line.trim()));
const go = (name) =>
  new Promise((resolve, reject) => {
    waiting.push((line) =>
      line === `@go ${name}` ? resolve() : reject(new Error(`expected @go ${name}, got ${line}`)),
    );
  });
const ready = (name, facts = {}) => console.log(`@ready ${name} ${JSON.stringify(facts)}`);

const hook = (player) =>
  player.page.evaluate(() => ({
    status: window.__mmo?.status() ?? 'no-world',
    closeCode: window.__mmo?.closeCode() ?? null,
    login: !document.getElementById('auth-screen')?.hidden,
  }));

/** Waits until the page's hook says what `wanted` wants, recording every state it passed through. */
async function until(player, wanted, what, timeout = RECOVERY_MS) {
  const deadline = Date.now() + timeout;
  const seen = [];
  for (;;) {
    const now = await hook(player);
    if (JSON.stringify(now) !== JSON.stringify(seen.at(-1))) {
      seen.push(now);
    }
    if (wanted(now)) {
      return seen;
    }
    if (Date.now() > deadline) {
      throw new Error(`${player.label} never ${what}; went through ${JSON.stringify(seen)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const neverAtLogin = (seen) =>
  assert.ok(
    seen.every((state) => !state.login && state.status !== 'signed-out'),
    `the page kept its session throughout: ${JSON.stringify(seen)}`,
  );

async function scenario(browser) {
  const p = await register(browser, { label: 'P', username: `e2e_p_${suffix}`, avatarId: 2 });
  const sockets = [];
  p.page.on('websocket', (socket) => sockets.push(socket.url()));

  // walk: a long click to the right, reported once the walk is under way
  const from = await standing(p);
  await p.page.waitForTimeout(1500); // the camera follows softly; let it settle on the player before aiming
  const box = await p.page.locator('#world canvas').boundingBox();
  await p.page.mouse.click(box.x + box.width / 2 + 400, box.y + box.height / 2);
  const target = { x: from.x + 400, y: from.y };
  await waitUntilSeen(p, p.id, (seen) => seen.x > from.x + 20, 'its own actor on its way');
  ready('walk', { actorId: p.id, from, target });
  await go('back');

  // back: the gateway was killed and started again; the page reconnects by itself, where the world saved it
  const reconnecting = await until(p, (s) => s.status === 'online', 'came back online after the gateway restarted');
  neverAtLogin(reconnecting);
  const standsAt = await standing(p);
  ready('back', { standsAt, states: reconnecting, sockets: sockets.length });
  await go('hang');

  // hang: world-service was stopped (SIGSTOP) just before this command
  const hangStarted = Date.now();
  const hung = await until(p, (s) => s.closeCode === 1013, 'was told 1013 while the world was hung', 20_000);
  const toldAfterMs = Date.now() - hangStarted;
  ready('hang', { toldAfterMs, states: hung });
  await go('resumed');

  const resumed = await until(p, (s) => s.status === 'online', 'came back online after the world resumed');
  neverAtLogin([...hung, ...resumed]);
  ready('resumed', { states: resumed });
  await go('auth-down');

  // auth-down: auth-service is stopped and the gateway was restarted, so it has no keys to check tokens with
  const authDown = await until(
    p,
    (s) => s.closeCode === 1013 && s.status === 'retrying',
    'was told 1013 while the token could not be checked',
  );
  ready('auth-down', { states: authDown });
  await go('auth-back');

  const authBack = await until(p, (s) => s.status === 'online', 'came back online once auth-service was back');
  neverAtLogin([...authDown, ...authBack]);
  await screenshot(p, 'p-after-faults');
  ready('auth-back', { states: authBack });
  await go('renew');

  // renew: access tokens now live a short while; a new player's page renews its own on its open connection
  const q = await register(browser, { label: 'Q', username: `e2e_q_${suffix}`, avatarId: 6 });
  const loggedInAt = Date.now();
  const qSockets = [];
  q.page.on('websocket', (socket) => qSockets.push(socket.url()));
  const stored = () => q.page.evaluate(() => JSON.parse(sessionStorage.getItem('mmo.session') ?? 'null'));
  const first = await stored();
  assert.ok(first?.refreshToken, 'the session is kept in sessionStorage, refresh token included');
  assert.equal(await q.page.evaluate(() => localStorage.getItem('mmo.session')), null, 'nothing in localStorage');
  const deadline = Date.now() + RECOVERY_MS;
  let renewed = first;
  while (renewed.token === first.token && Date.now() < deadline) {
    await q.page.waitForTimeout(500);
    renewed = await stored();
  }
  const renewedAt = Date.now();
  assert.notEqual(renewed.token, first.token, 'the page renewed its access token');
  assert.notEqual(renewed.refreshToken, first.refreshToken, 'and took the new refresh token');
  assert.equal((await hook(q)).status, 'online', 'still playing');
  assert.equal(qSockets.length, 0, 'on the same game connection: no reconnect for a renewal');
  const before = await seenAt(q, q.id);
  await q.page.reload();
  await joined(q.page);
  const after = await seenAt(q, q.id);
  assert.deepEqual({ x: after.x, y: after.y }, { x: before.x, y: before.y }, 'a reload plays on, where it stood');
  assert.deepEqual(
    await q.page.evaluate(() => JSON.parse(sessionStorage.getItem('mmo.session')).token),
    renewed.token,
    'the reload used the renewed token',
  );
  for (const player of [p, q]) {
    assert.deepEqual(await cspViolations(player), [], `${player.label}'s page broke no rule of the CSP`);
  }
  ready('renew', { renewedAfterMs: renewedAt - loggedInAt });
}

await mkdir(OUTPUT, { recursive: true });
const browser = await launch();
let failed = false;
try {
  await scenario(browser);
} catch (error) {
  failed = true;
  console.log(`@failed ${error.stack ?? error}`);
  for (const [index, context] of browser.contexts().entries()) {
    for (const page of context.pages()) {
      await page.screenshot({ path: path.join(OUTPUT, `faults-failure-${index}.png`) }).catch(() => {});
    }
  }
} finally {
  commands.close();
  await browser.close();
}
process.exitCode = failed ? 1 : 0;
