package dev.mmo.loadtest;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The bots of one MMO run on two Vert.x event loops: made from the accounts, started over the ramp, and closed at
 * the end. Which bots decode every frame: every n-th one, {@link BenchOptions#decoders()} in all (the same rule as
 * the Colyseus bot driver's).
 */
final class BotFleet implements AutoCloseable {

    private static final double TICK_RATE = 20; // the world's default; the Welcome says so too

    final BotMetrics metrics = new BotMetrics();
    final List<MmoBot> bots = new ArrayList<>();
    private final BenchOptions options;
    private final Vertx vertx;
    private final WebSocketClient client;
    private volatile int started;

    /** How the ramp went: its length, how long it waited for the join window, the bots it never started. */
    record Ramp(double seconds, double waitedSeconds, int notStarted) {}

    /** @param ledger non-null in a fault run: the bots reconnect and report there */
    BotFleet(BenchOptions options, List<Logins.Account> accounts, Logins logins, FaultLedger ledger) {
        this.options = options;
        this.vertx = Vertx.vertx(
                new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(2).setBlockedThreadCheckInterval(10_000));
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxConnections(options.players() * 2 + 16)
                .setMaxFrameSize(64 * 1024 * 1024)
                .setMaxMessageSize(64 * 1024 * 1024)
                .setConnectTimeout(15_000)
                .setIdleTimeout(0));
        TargetPicker picker =
                new TargetPicker(options.spread() ? 2 * options.bounds() : options.area(), options.bounds());
        int every = decodeEvery(options.players(), options.decoders());
        for (int i = 0; i < accounts.size(); i++) {
            Logins.Account account = accounts.get(i);
            if (account == null) {
                continue;
            }
            MmoBot bot = new MmoBot(i, account, options, metrics, picker, vertx, TICK_RATE, i % every == 0, ledger);
            // a refused token (4401): log in again off the event loop, then carry on
            bot.onUnauthorized(b -> Thread.ofVirtual().start(() -> b.loggedInAgain(logins.refresh(b.name))));
            bots.add(bot);
        }
    }

    /** Every n-th bot decodes, so that {@code decoders} of {@code players} do (the Colyseus driver's rule too). */
    static int decodeEvery(int players, int decoders) {
        return Math.max(1, Math.round((float) players / Math.max(1, decoders)));
    }

    int decoding() {
        return (int) bots.stream().filter(b -> b.decodes).count();
    }

    int started() {
        return started;
    }

    /**
     * Starts the bots evenly over the ramp, each on a timer of its own (so they spread over the event loops), but
     * never while {@code joinWindow} bots are still between connecting and their Welcome: then it waits, and goes
     * on at the same pace afterwards (its schedule moves by the time waited: no burst to catch up). It gives up on
     * the bots it has not started {@link BenchOptions#rampStretchSeconds()} after the ramp's planned end.
     */
    Ramp ramp(long rampStart) throws InterruptedException {
        double spacingNanos = bots.isEmpty() ? 0 : options.rampSeconds() * 1e9 / bots.size();
        long giveUpAt = rampStart + TimeUnit.SECONDS.toNanos(options.rampSeconds() + options.rampStretchSeconds());
        long waited = 0;
        long waitingSince = -1;
        int next = 0;
        while (next < bots.size()) {
            long now = System.nanoTime();
            if (now >= giveUpAt) {
                break;
            }
            if (options.joinWindow() > 0 && metrics.joining.get() >= options.joinWindow()) {
                if (waitingSince < 0) {
                    waitingSince = now;
                }
                Thread.sleep(5);
                continue;
            }
            if (waitingSince >= 0) {
                waited += now - waitingSince;
                waitingSince = -1;
            }
            long due = rampStart + waited + (long) (next * spacingNanos);
            if (now < due) {
                Thread.sleep(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(due - now), 20)));
                continue;
            }
            MmoBot bot = bots.get(next++);
            metrics.joining.incrementAndGet();
            vertx.setTimer(1, id -> bot.connect(client));
            started = next;
        }
        if (waitingSince >= 0) {
            waited += System.nanoTime() - waitingSince;
        }
        return new Ramp((System.nanoTime() - rampStart) / 1e9, waited / 1e9, bots.size() - next);
    }

    /** Lets the last joins finish (each sends the newcomer everyone), for at most a few seconds. */
    void awaitLastJoins() throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(BenchOptions.JOIN_FINISH_SECONDS);
        while (metrics.joining.get() > 0 && System.nanoTime() < until) {
            Thread.sleep(100);
        }
    }

    /** Every bot on its own loop (what must not race with its handlers), waiting until all have run it. */
    void onEveryLoop(java.util.function.Consumer<MmoBot> action) throws InterruptedException {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(bots.size());
        for (MmoBot bot : bots) {
            if (bot.context() == null) {
                done.countDown();
                continue;
            }
            bot.onLoop(() -> {
                try {
                    action.accept(bot);
                } finally {
                    done.countDown();
                }
            });
        }
        done.await(10, TimeUnit.SECONDS);
    }

    /**
     * Closes every bot's connection normally and waits for them (at most {@code seconds}); false when some did not
     * close in time (a stalled server can leave sockets that do not close; the results are still the results).
     */
    boolean leave(int seconds) throws InterruptedException {
        bots.forEach(MmoBot::close);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (metrics.open.get() > 0 && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        return metrics.open.get() == 0;
    }

    @Override
    public void close() {
        client.close();
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // sockets that would not close: the process ends soon anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
