// The benchmark's scenario on Colyseus: one room that everyone joins, with the MMO's rules.
//   - a fixed tick (20 Hz): apply the clicks that arrived, move every walking player by exactly speed / tickRate
//     toward its target with the same step rule as the MMO's world (docs/protocol.md), then send the tick's state
//     patch to everyone (Colyseus's own schema sync: the changed fields of the room state, delta-encoded, one
//     encoding shared by all clients);
//   - "target" {x, y} messages set a player's target; "chat" {text} is broadcast to everyone.
// Colyseus is used as installed from the npm registry (package.json); nothing of it is copied here.
//
//   node server.mjs --port 2567 --stats-port 2568 [--tick-rate 20] [--speed 70] [--bounds 5000] [--area 1000] [--spread]
//
// --stats-port serves GET /stats?from=<epoch ms>&to=<epoch ms>: the durations of the ticks in that window (tick =
// movement + broadcastPatch, which encodes the patch once and hands it to every client's socket), so the load tool
// can put them beside world-service's own tick histogram. It listens on 127.0.0.1 only.
import http from "node:http";
import { performance } from "node:perf_hooks";
import { Server, Room, matchMaker } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import { schema, t, Encoder } from "@colyseus/schema";

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}
const PORT = Number(option("--port", "2567"));
const STATS_PORT = Number(option("--stats-port", String(PORT + 1)));
const TICK_RATE = Number(option("--tick-rate", "20"));
const SPEED = Number(option("--speed", "70"));
const BOUNDS = Number(option("--bounds", "5000"));
const AREA = Number(option("--area", "1000"));
const SPREAD = process.argv.includes("--spread");
const STEP = SPEED / TICK_RATE;

// A full state or a patch of thousands of walking players is far above the encoder's default 16 KB buffer (which
// then logs an overflow and grows); size it for 2000+ players from the start.
Encoder.BUFFER_SIZE = 4 * 1024 * 1024;

// float64 positions: the MMO sends doubles too (t.number() would send 32-bit floats for fractions), and the
// bots recognise their own target by exact equality, as the Java bots compare the server's text.
export const Player = schema({
  name: t.string(),
  avatar: t.uint8(),
  x: t.float64(),
  y: t.float64(),
  tx: t.float64(),
  ty: t.float64(),
}, "Player");

export const WorldState = schema({
  tick: t.uint32(),
  players: t.map(Player),
}, "WorldState");

// tick durations with their end time, for /stats (20 Hz × 1 h fits easily)
const MAX_SAMPLES = 20 * 3600;
const tickEnds = new Float64Array(MAX_SAMPLES);
const tickDurations = new Float64Array(MAX_SAMPLES);
let samples = 0;

function spawnPoint() {
  const half = SPREAD ? BOUNDS : Math.min(AREA / 2, BOUNDS);
  return Math.round((Math.random() * 2 - 1) * half * 10) / 10;
}

class WorldRoom extends Room {
  maxClients = 100000;
  autoDispose = false;
  patchRate = null; // no timer of its own: the tick sends its patch itself, right after moving (like the MMO)
  seatReservationTimeout = 60; // joins of a thousand bots queue up; the default 15 s expires seats under load

  onCreate() {
    this.setState(new WorldState());
    this.state.tick = 0; // a field without a default starts undefined
    this.walking = new Set();
    this.onMessage("target", (client, message) => {
      const player = this.state.players.get(client.sessionId);
      const x = message?.x, y = message?.y;
      if (!player || typeof x !== "number" || typeof y !== "number" || !Number.isFinite(x) || !Number.isFinite(y)
          || Math.abs(x) > BOUNDS || Math.abs(y) > BOUNDS) {
        return;
      }
      // applied at once; the tick that follows takes the first step, as the MMO's world does
      player.tx = x;
      player.ty = y;
      if (player.x !== x || player.y !== y) {
        this.walking.add(player);
      }
    });
    this.onMessage("chat", (client, message) => {
      const player = this.state.players.get(client.sessionId);
      const text = typeof message?.text === "string" ? message.text.trim() : "";
      if (!player || text.length < 1 || text.length > 200) {
        return;
      }
      this.broadcast("chat", { from: player.name, text, at: new Date().toISOString() });
    });
    this.setSimulationInterval(() => this.tick(), 1000 / TICK_RATE);
  }

  tick() {
    const started = performance.now();
    this.state.tick++;
    for (const player of this.walking) {
      const dx = player.tx - player.x;
      const dy = player.ty - player.y;
      const dist = Math.sqrt(dx * dx + dy * dy);
      if (dist <= STEP) {
        player.x = player.tx;
        player.y = player.ty;
        this.walking.delete(player);
      } else {
        player.x = player.x + (dx / dist) * STEP;
        player.y = player.y + (dy / dist) * STEP;
      }
    }
    this.broadcastPatch();
    const ended = performance.now();
    if (samples < MAX_SAMPLES) {
      tickEnds[samples] = performance.timeOrigin + ended;
      tickDurations[samples] = ended - started;
      samples++;
    }
  }

  onJoin(client, options) {
    const player = new Player();
    player.name = String(options?.name ?? client.sessionId).slice(0, 20);
    player.avatar = Number(options?.avatar ?? 0) & 7;
    // a bot with a home (--spread) starts there, as the MMO's bots stand where they left (their saved position)
    const home = (v) => (typeof v === "number" && Number.isFinite(v) && Math.abs(v) <= BOUNDS ? v : spawnPoint());
    player.x = player.tx = home(options?.x);
    player.y = player.ty = home(options?.y);
    this.state.players.set(client.sessionId, player);
  }

  onLeave(client) {
    const player = this.state.players.get(client.sessionId);
    if (player) {
      this.walking.delete(player);
      this.state.players.delete(client.sessionId);
    }
  }
}

function percentile(sorted, fraction) {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil(fraction * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

function stats(from, to) {
  const window = [];
  let count = 0;
  for (let i = 0; i < samples; i++) {
    if (tickEnds[i] >= from && tickEnds[i] <= to) {
      window.push(tickDurations[i]);
      count++;
    }
  }
  window.sort((a, b) => a - b);
  const sum = window.reduce((a, b) => a + b, 0);
  const round = (v) => Math.round(v * 100) / 100;
  const seconds = Math.max(0.001, (to - from) / 1000);
  return {
    source: "Colyseus room: movement + broadcastPatch per tick, timed in the room (performance.now)",
    count,
    mean: round(count ? sum / count : 0),
    p50: round(percentile(window, 0.5)),
    p95: round(percentile(window, 0.95)),
    p99: round(percentile(window, 0.99)),
    p999: round(percentile(window, 0.999)),
    max: round(count ? window[window.length - 1] : 0),
    ticksPerSecond: round(count / seconds),
    ticksDropped: 0,
  };
}

const server = new Server({
  // pingInterval 0: no heartbeat that cuts a client whose pong is late (the MMO's gateway has none either); under
  // load the bots' own event loops answer late and the default (3 s × 2 retries) dropped hundreds of them
  transport: new WebSocketTransport({ maxPayload: 64 * 1024, pingInterval: 0 }),
  greet: false,
});
server.define("world", WorldRoom);
await server.listen(PORT, "127.0.0.1");
const room = await matchMaker.createRoom("world", {});

http.createServer((request, response) => {
  const url = new URL(request.url, "http://127.0.0.1");
  if (url.pathname === "/stats") {
    const from = Number(url.searchParams.get("from") ?? 0);
    const to = Number(url.searchParams.get("to") ?? Date.now());
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify(stats(from, to)));
  } else if (url.pathname === "/ready") {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ roomId: room.roomId }));
  } else {
    response.writeHead(404);
    response.end();
  }
}).listen(STATS_PORT, "127.0.0.1", () => {
  console.log(`READY colyseus on 127.0.0.1:${PORT}, room ${room.roomId}, stats on 127.0.0.1:${STATS_PORT}`);
});
