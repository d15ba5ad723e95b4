// The benchmark's bots on Colyseus, speaking its protocol through its own client (@colyseus/sdk): the same
// behaviour as the Java tool's MMO bots (join over a ramp, click a random target every few seconds, chat now and
// then) and the same measurements, written as the same JSON shape. ./mmo bench --compare colyseus runs this and
// merges its output with what the Java tool measures itself (the server's tick times, CPU and memory).
//
//   node bots.mjs --config run.json --out result.json
//
// run.json: {players, decoders, seconds, rampSeconds, settleSeconds, area, spread, roam, bounds, retargetSeconds, chatPerMinute, port, workers,
//            seed, prefix, firstBot, tickRate}
// stdout: "PROGRESS <text>" every second, "WINDOW_START <epoch ms>", "WINDOW_END <epoch ms>", "DONE".
// Every loop is bounded: the driver exits by itself after ramp + seconds + 30 s at the latest.
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { readFileSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

// --- a latency histogram: 0.1 ms buckets up to 60 s, exact max; mergeable across workers ---
const BUCKETS = 600_000;
class Histogram {
  constructor() { this.reset(); }
  reset() { this.counts = new Uint32Array(BUCKETS + 1); this.count = 0; this.sum = 0; this.max = 0; }
  record(ms) {
    if (!(ms >= 0)) ms = 0;
    this.counts[Math.min(BUCKETS, Math.floor(ms * 10))]++;
    this.count++; this.sum += ms; if (ms > this.max) this.max = ms;
  }
  toWire() { return { counts: this.counts, count: this.count, sum: this.sum, max: this.max }; }
  merge(wire) {
    for (let i = 0; i <= BUCKETS; i++) this.counts[i] += wire.counts[i];
    this.count += wire.count; this.sum += wire.sum; this.max = Math.max(this.max, wire.max);
  }
  percentile(fraction) {
    if (this.count === 0) return 0;
    const wanted = Math.ceil(fraction * this.count);
    let seen = 0;
    for (let i = 0; i <= BUCKETS; i++) {
      seen += this.counts[i];
      if (seen >= wanted) return Math.min(this.max, (i + 1) / 10); // the bucket's upper bound, never above the max
    }
    return this.max;
  }
  summary() {
    const r = (v) => Math.round(v * 100) / 100;
    return { count: this.count, p50: r(this.percentile(0.5)), p95: r(this.percentile(0.95)),
      p99: r(this.percentile(0.99)), max: r(this.max), mean: r(this.count ? this.sum / this.count : 0) };
  }
}
const METRICS = ["join", "targetToMoves", "interArrival", "jitter", "chatRoundTrip", "pingRoundTrip"];
const COUNTERS = ["frames", "bytes", "movesFrames", "targetsSent", "targetsSeen", "targetsLost", "chatsSent",
  "chatsReceived"];

// a small seeded generator (mulberry32), so runs repeat
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

if (isMainThread) {
  await main();
} else {
  await worker();
}

async function main() {
  const arg = (name) => { const i = process.argv.indexOf(name); return i >= 0 ? process.argv[i + 1] : undefined; };
  const config = JSON.parse(readFileSync(arg("--config"), "utf8"));
  const out = arg("--out");
  const hardDeadline = (config.rampSeconds + (config.settleSeconds ?? 0) + config.seconds + 30) * 1000;
  setTimeout(() => { console.error("bots: hard deadline reached; exiting"); process.exit(3); }, hardDeadline).unref();

  const workers = Math.max(1, Math.min(config.workers ?? 2, config.players));
  const startAt = Date.now() + 500;
  const spacing = config.players > 0 ? (config.rampSeconds * 1000) / config.players : 0;
  const state = [];
  const finished = [];
  const pool = [];
  for (let w = 0; w < workers; w++) {
    const indexes = [];
    for (let i = w; i < config.players; i += workers) indexes.push(i);
    const worker = new Worker(new URL(import.meta.url), { workerData: { config, indexes, startAt, spacing } });
    state[w] = { joined: 0, open: 0, failed: 0 };
    worker.on("message", (message) => {
      if (message.type === "status") state[w] = message;
      if (message.type === "result") finished[w] = message;
    });
    worker.on("error", (error) => { console.error("bots: worker failed:", error); });
    pool.push(worker);
  }
  const total = (key) => state.reduce((sum, s) => sum + (s[key] ?? 0), 0);
  let phase = "ramp";
  let windowStart = 0;
  const progress = setInterval(() => {
    let line = `[colyseus] ${phase} ${Math.round((Date.now() - startAt) / 1000)}s joined ${total("joined")}/${config.players}`;
    if (phase === "measure") {
      const seconds = Math.max(0.001, (Date.now() - windowStart) / 1000);
      const clients = Math.max(1, total("joined"));
      line += ` | ${(total("frames") / seconds / clients).toFixed(1)} frames/s/client`
        + ` ${(total("bytes") / seconds / clients / 1024).toFixed(1)} KB/s/client`
        + ` | T->state p99 ~${Math.max(...state.map((s) => s.p99 ?? 0)).toFixed(0)} ms`;
    }
    if (total("errors") > 0) line += ` | errors ${total("errors")}`;
    console.log("PROGRESS " + line);
  }, 1000);

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
  await sleep(startAt + config.rampSeconds * 1000 - Date.now());
  for (let waited = 0; waited < 10_000 && total("joined") + total("failed") < config.players; waited += 100) {
    await sleep(100);
  }
  phase = "settle";
  await sleep((config.settleSeconds ?? 0) * 1000);
  windowStart = Date.now();
  phase = "measure";
  pool.forEach((w) => w.postMessage({ type: "window-start" }));
  console.log(`WINDOW_START ${windowStart} joined ${total("joined")}`);
  await sleep(config.seconds * 1000);
  pool.forEach((w) => w.postMessage({ type: "window-end" }));
  const windowEnd = Date.now();
  console.log(`WINDOW_END ${windowEnd}`);
  phase = "closing";
  for (let waited = 0; waited < 20_000 && finished.filter(Boolean).length < workers; waited += 100) {
    await sleep(100);
  }
  clearInterval(progress);

  const merged = Object.fromEntries(METRICS.map((m) => [m, new Histogram()]));
  const counters = Object.fromEntries(COUNTERS.map((c) => [c, 0]));
  const errors = {};
  let connected = 0, neverJoined = 0, dropped = 0;
  for (const result of finished.filter(Boolean)) {
    for (const m of METRICS) merged[m].merge(result.histograms[m]);
    for (const c of COUNTERS) counters[c] += result.counters[c];
    for (const [code, count] of Object.entries(result.errors)) errors[code] = (errors[code] ?? 0) + count;
    connected += result.connectedAtEnd; neverJoined += result.neverJoined; dropped += result.dropped;
  }
  const seconds = (windowEnd - windowStart) / 1000;
  const perClient = Math.max(1, connected) * seconds;
  const round = (v) => Math.round(v * 100) / 100;
  const result = {
    windowSeconds: round(seconds),
    windowStartEpochMs: windowStart,
    windowEndEpochMs: windowEnd,
    players: { requested: config.players, loginFailed: 0, connected, failed: config.players - connected,
      neverJoined, dropped },
    joinMs: merged.join.summary(),
    targetToMovesMs: merged.targetToMoves.summary(),
    targets: { sent: counters.targetsSent, seen: counters.targetsSeen, lost: counters.targetsLost },
    movesInterArrivalMs: merged.interArrival.summary(),
    movesJitterMs: merged.jitter.summary(),
    chatRoundTripMs: merged.chatRoundTrip.summary(),
    pingRoundTripMs: merged.pingRoundTrip.summary(),
    chat: { sent: counters.chatsSent, received: counters.chatsReceived },
    perClient: { framesPerSecond: round(counters.frames / perClient),
      movesFramesPerSecond: round(counters.movesFrames / perClient),
      kBytesPerSecond: round(counters.bytes / perClient / 1024) },
    total: { framesPerSecond: Math.round(counters.frames / seconds),
      mBytesPerSecond: round(counters.bytes / seconds / 1024 / 1024) },
    errors,
  };
  writeFileSync(out, JSON.stringify(result, null, 2));
  console.log("DONE");
  await Promise.all(pool.map((w) => w.terminate()));
  process.exit(0);
}

async function worker() {
  // the ws package, Node's usual WebSocket client, rather than the experimental global one
  globalThis.WebSocket = undefined;
  const { Client } = await import("@colyseus/sdk");
  const { config, indexes, startAt, spacing } = workerData;
  const histograms = Object.fromEntries(METRICS.map((m) => [m, new Histogram()]));
  const counters = Object.fromEntries(COUNTERS.map((c) => [c, 0]));
  const errors = {};
  const error = (code) => { errors[code] = (errors[code] ?? 0) + 1; };
  let measuring = false;
  let windowStart = Infinity;
  let joined = 0, failed = 0, dropped = 0;
  const tickMs = 1000 / (config.tickRate ?? 20);
  const half = Math.floor(Math.min(config.spread ? config.bounds : config.area / 2, config.bounds) * 10) / 10;
  const client = new Client(`ws://127.0.0.1:${config.port}`);
  const bots = [];

  parentPort.on("message", (message) => {
    if (message.type === "window-start") {
      for (const m of METRICS) if (m !== "join") histograms[m].reset();
      for (const c of COUNTERS) counters[c] = 0;
      windowStart = performance.now();
      measuring = true;
    } else if (message.type === "window-end") {
      measuring = false;
      const connectedAtEnd = bots.filter((b) => b.joined && !b.closed).length;
      parentPort.postMessage({
        type: "result",
        histograms: Object.fromEntries(METRICS.map((m) => [m, histograms[m].toWire()])),
        counters, errors, connectedAtEnd, neverJoined: failed, dropped,
      });
      for (const bot of bots) bot.close();
    }
  });

  setInterval(() => {
    parentPort.postMessage({ type: "status", joined: bots.filter((b) => b.joined && !b.closed).length, failed,
      frames: counters.frames, bytes: counters.bytes, p99: histograms.targetToMoves.percentile(0.99),
      errors: Object.values(errors).reduce((a, b) => a + b, 0) });
  }, 1000).unref();

  function startBot(index) {
    const rnd = random((config.seed ?? 1) * 1_000_003 + index);
    const name = `${config.prefix ?? "bot"}_${(config.firstBot ?? 1) + index}`;
    const coordinate = () => {
      const value = Math.round((rnd() * 2 - 1) * half * 10) / 10;
      return Math.min(half, Math.max(-half, value)) + 0;
    };
    // --spread: a home uniform over the world, and clicks in the roam square around it (as the Java tool's
    // TargetPicker.home/near; world-wide clicks would gather the crowd at the centre)
    const homeRnd = random(((config.seed ?? 1) * 7919 + ((config.firstBot ?? 1) + index) * 104729) >>> 0);
    const limit = Math.floor(config.bounds * 10) / 10;
    const tenth = (v) => Math.min(limit, Math.max(-limit, Math.round(v * 10) / 10)) + 0;
    const home = config.spread ? { x: tenth((homeRnd() * 2 - 1) * limit), y: tenth((homeRnd() * 2 - 1) * limit) } : null;
    const roamHalf = Math.floor(Math.min((config.roam ?? 1000) / 2, config.bounds) * 10) / 10;
    const near = (centre) => {
      const c = Math.min(limit - roamHalf, Math.max(-limit + roamHalf, centre));
      return tenth(c + (rnd() * 2 - 1) * roamHalf);
    };
    // Decoding every patch for every bot would make this driver, not the server, the bottleneck (a real client
    // decodes on its own machine): only every n-th bot (config.decoders of them) decodes and measures latency and
    // jitter; the others count the patches' frames and bytes and drop them undecoded, which costs the server the same.
    const every = Math.max(1, Math.round(config.players / Math.max(1, config.decoders ?? config.players)));
    const decodes = index % every === 0;
    const bot = { joined: false, closed: false, closing: false, timers: [], close() {} };
    bots.push(bot);
    const openedAt = performance.now();
    let pending = null;
    let pendingChat = null;
    let lastTick = -1;
    let lastAt = 0;
    client.join("world", { name, avatar: index & 7, ...(home ?? {}) }).then((room) => {
      room.reconnection.enabled = false; // a bot that drops is counted as dropped, not silently rejoined
      const connection = room.connection.events;
      const original = connection.onmessage;
      connection.onmessage = (event) => {
        if (measuring) {
          counters.frames++;
          counters.bytes += event.data.byteLength ?? event.data.length ?? 0;
        }
        if (!decodes && bot.joined && (new Uint8Array(event.data, 0, 1)[0] & 0x1F) === 15 /* ROOM_STATE_PATCH */) {
          if (measuring) counters.movesFrames++;
          return;
        }
        original(event);
      };
      room.onStateChange((state) => {
        const now = performance.now();
        if (!bot.joined) {
          bot.joined = true;
          joined++;
          histograms.join.record(now - openedAt);
          bot.timers.push(setTimeout(click, 1 + rnd() * config.retargetSeconds * 1000));
          if (config.chatPerMinute > 0) bot.timers.push(setTimeout(chat, 1 + rnd() * 60_000 / config.chatPerMinute));
          bot.timers.push(setTimeout(ping, 1 + rnd() * 2000));
        }
        const tick = state.tick;
        if (measuring) {
          counters.movesFrames++;
          if (lastTick >= 0 && tick > lastTick && lastAt >= windowStart) {
            const interval = now - lastAt;
            histograms.interArrival.record(interval);
            histograms.jitter.record(Math.abs(interval - (tick - lastTick) * tickMs));
          }
        }
        if (tick > lastTick) { lastTick = tick; lastAt = now; }
        if (pending) {
          const me = state.players.get(room.sessionId);
          if (me && me.tx === pending.x && me.ty === pending.y) {
            if (pending.inWindow && measuring) {
              histograms.targetToMoves.record(now - pending.sentAt);
              counters.targetsSeen++;
            }
            pending = null;
          }
        }
      });
      room.onMessage("chat", (message) => {
        if (measuring) counters.chatsReceived++;
        if (pendingChat && message.text === pendingChat.text) {
          if (measuring && pendingChat.sentAt >= windowStart) {
            histograms.chatRoundTrip.record(performance.now() - pendingChat.sentAt);
          }
          pendingChat = null;
        }
      });
      room.onError((code) => error(`server_${code}`));
      room.onLeave((code) => {
        if (bot.closed) return;
        bot.closed = true;
        bot.timers.forEach(clearTimeout);
        if (!bot.closing) {
          error(`closed_${code}`);
          if (bot.joined) dropped++; else failed++;
        }
      });
      function click() {
        if (bot.closing || bot.closed) return;
        const now = performance.now();
        if (pending && pending.inWindow && measuring && now - pending.sentAt > 10_000) counters.targetsLost++;
        const x = home ? near(home.x) : coordinate(), y = home ? near(home.y) : coordinate();
        pending = { x, y, sentAt: now, inWindow: measuring };
        if (measuring) counters.targetsSent++;
        room.send("target", { x, y });
        bot.timers.push(setTimeout(click, config.retargetSeconds * 1000 * (0.5 + rnd())));
      }
      // Colyseus's own ping, answered by the server's transport: the part of a latency that is not the room's
      function ping() {
        if (bot.closing || bot.closed) return;
        const sentAt = performance.now();
        room.ping(() => {
          if (measuring && sentAt >= windowStart) histograms.pingRoundTrip.record(performance.now() - sentAt);
        });
        bot.timers.push(setTimeout(ping, 2000));
      }
      let chatSeq = 0;
      function chat() {
        if (bot.closing || bot.closed) return;
        const text = `hi from ${name} #${++chatSeq}`;
        pendingChat = { text, sentAt: performance.now() };
        if (measuring) counters.chatsSent++;
        room.send("chat", { text });
        bot.timers.push(setTimeout(chat, 60_000 / config.chatPerMinute * (0.5 + rnd())));
      }
      bot.close = () => {
        bot.closing = true;
        bot.timers.forEach(clearTimeout);
        if (!bot.closed) room.leave(true).catch(() => {});
      };
    }, (failure) => {
      failed++;
      error("join_failed");
      if (errors.join_failed <= 3) console.error(`bots: ${name} could not join: ${failure?.message ?? failure}`);
    });
  }

  for (const index of indexes) {
    setTimeout(() => startBot(index), Math.max(0, startAt + index * spacing - Date.now()));
  }
}
