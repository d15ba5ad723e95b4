package dev.mmo.loadtest;

import java.io.Console;
import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * The live progress line: on a terminal one line rewritten every second, elsewhere (a log, CI) a full line every
 * five seconds.
 */
final class Progress implements AutoCloseable {

    private final PrintStream out;
    private final boolean terminal;
    private final Thread thread;
    private volatile Supplier<String> status = () -> "";
    private volatile boolean running = true;
    private int lastLength;

    // System.console() is still null on JDK 25 when the JVM has no terminal (under nohup, in surefire): ProgressTest
    @SuppressWarnings("SystemConsoleNull")
    Progress(PrintStream out) {
        this.out = out;
        Console console = System.console();
        this.terminal = console != null && console.isTerminal() && System.getenv("CI") == null;
        this.thread = Thread.ofPlatform().daemon().name("bench-progress").start(this::loop);
    }

    void show(Supplier<String> status) {
        this.status = status;
    }

    /** Prints a message on its own line, above the progress line. */
    synchronized void say(String message) {
        if (terminal && lastLength > 0) {
            out.print("\r" + " ".repeat(lastLength) + "\r");
            lastLength = 0;
        }
        out.println(message);
        out.flush();
    }

    private void loop() {
        long tick = 0;
        while (running) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            tick++;
            String line;
            try {
                line = status.get();
            } catch (RuntimeException e) {
                line = "(status unavailable: " + e + ")";
            }
            if (line == null || line.isEmpty()) {
                continue;
            }
            synchronized (this) {
                if (terminal) {
                    String padded = line.length() < lastLength ? line + " ".repeat(lastLength - line.length()) : line;
                    out.print("\r" + padded);
                    lastLength = line.length();
                    out.flush();
                } else if (tick % 5 == 0) {
                    out.println(line);
                    out.flush();
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        thread.interrupt();
        if (terminal && lastLength > 0) {
            out.println();
            lastLength = 0;
        }
    }
}
