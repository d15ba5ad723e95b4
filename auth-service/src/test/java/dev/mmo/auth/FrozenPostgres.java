package dev.mmo.auth;

import dev.mmo.stack.LocalStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A hung PostgreSQL: SIGSTOP to the embedded postmaster and every process it started, SIGCONT on close. Connections
 * stay open and accept bytes, but nothing answers, as with a server stuck on a dead disk. Use it in
 * try-with-resources, so the database always runs again after the test.
 */
public final class FrozenPostgres implements AutoCloseable {

    private final List<Long> pids;

    private FrozenPostgres(List<Long> pids) {
        this.pids = pids;
    }

    public static FrozenPostgres freeze(LocalStack stack) throws IOException, InterruptedException {
        Path pidFile = stack.settings().dataDir().resolve("postgres").resolve("postmaster.pid");
        long postmaster = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
        List<Long> pids = new ArrayList<>(List.of(postmaster));
        String children = Files.readString(
                        Path.of("/proc", Long.toString(postmaster), "task", Long.toString(postmaster), "children"))
                .strip();
        if (!children.isEmpty()) {
            for (String child : children.split("\\s+")) {
                pids.add(Long.parseLong(child));
            }
        }
        signal("-STOP", pids);
        return new FrozenPostgres(pids);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        signal("-CONT", pids);
    }

    private static void signal(String signal, List<Long> pids) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kill", signal));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        Process kill = new ProcessBuilder(command).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed");
        }
    }
}
