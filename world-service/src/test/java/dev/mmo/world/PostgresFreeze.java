package dev.mmo.world;

import dev.mmo.stack.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Hangs the test's PostgreSQL without stopping it: SIGSTOP on the postmaster and every server process under it
 * (connections stay open, nothing answers), SIGCONT to resume. Always {@link #close()} (thaw) in a finally.
 */
public final class PostgresFreeze implements AutoCloseable {

    private final List<Long> frozen = new ArrayList<>();

    private PostgresFreeze() {}

    /** Freezes the stack's PostgreSQL now. */
    public static PostgresFreeze of(LocalStack stack) {
        PostgresFreeze freeze = new PostgresFreeze();
        long postmaster = postmasterPid(stack);
        List<Long> processes = new ArrayList<>(List.of(postmaster));
        processes.addAll(children(postmaster));
        try {
            for (long pid : processes) {
                signal("STOP", pid);
                freeze.frozen.add(pid);
            }
        } catch (RuntimeException e) {
            freeze.close();
            throw e;
        }
        return freeze;
    }

    /** Resumes every frozen process. */
    @Override
    public void close() {
        for (long pid : frozen) {
            signal("CONT", pid);
        }
        frozen.clear();
    }

    private static long postmasterPid(LocalStack stack) {
        Path pidFile = stack.settings().dataDir().resolve("postgres").resolve("postmaster.pid");
        try {
            return Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
        } catch (IOException e) {
            throw new UncheckedIOException("no postmaster.pid at " + pidFile, e);
        }
    }

    private static List<Long> children(long pid) {
        Path list = Path.of("/proc", Long.toString(pid), "task", Long.toString(pid), "children");
        try {
            String text = Files.readString(list).trim();
            return text.isEmpty()
                    ? List.of()
                    : List.of(text.split("\\s+")).stream().map(Long::parseLong).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the children of " + pid, e);
        }
    }

    private static void signal(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .inheritIO()
                    .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
