package dev.mmo.loadtest;

/**
 * The hard deadline of a run: if the run is still going {@code seconds} after arming, the tool says so and exits,
 * whatever it is waiting for. The child processes it started are stopped by their shutdown hook.
 */
final class Watchdog {

    private final Thread thread;

    private Watchdog(Thread thread) {
        this.thread = thread;
    }

    static Watchdog arm(String what, long seconds) {
        Thread thread = Thread.ofPlatform().daemon().name("bench-watchdog").start(() -> {
            try {
                Thread.sleep(seconds * 1000);
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("\nbench: " + what + " passed its hard deadline of " + seconds + " s; stopping");
            System.exit(3);
        });
        return new Watchdog(thread);
    }

    void disarm() {
        thread.interrupt();
    }
}
