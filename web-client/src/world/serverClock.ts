/**
 * Which tick the server is at, estimated from the Welcome's tick plus the time elapsed at the tick rate. A frame
 * tagged with tick N proves the server has completed tick N, so a newer tick than the estimate moves it forward;
 * the estimate never goes back, so what is drawn never runs backwards.
 */
export class ServerClock {
  private anchorTick = 0;
  private anchorAt = 0;
  private ticksPerMs = 0;

  /** Starts over from a Welcome (a new connection, maybe to a restarted server whose ticks begin again at 1). */
  reset(tick: number, tickRate: number, now: number): void {
    this.anchorTick = tick;
    this.anchorAt = now;
    this.ticksPerMs = tickRate / 1000;
  }

  /** Notes that a frame tagged `tick` arrived at `now`. */
  observe(tick: number, now: number): void {
    if (tick > this.tickAt(now)) {
      this.anchorTick = tick;
      this.anchorAt = now;
    }
  }

  /** The estimated server tick at `now`, with a fraction: 12.5 is halfway through tick 13. */
  tickAt(now: number): number {
    return this.anchorTick + (now - this.anchorAt) * this.ticksPerMs;
  }
}
