package dev.mmo.loadtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The processes of the stack that {@code ./mmo up} runs, found from its pid files ({@code .mmo/run/*.pid}) and
 * what each process runs: the services (a pid file's process whose command line runs
 * {@code <service>/target/quarkus-app/quarkus-run.jar}; a standby world has a pid file of its own), the local stack's
 * launcher with its Kafka broker child, and PostgreSQL's postmaster ({@code .mmo/data/postgres/postmaster.pid}),
 * whose backends are its children. A pid file whose process is gone or runs something else is ignored.
 */
final class StackProcesses {

    /** The services, by the folder of their jar. */
    enum Kind {
        GATEWAY("gateway"),
        WORLD("world-service"),
        CHAT("chat-service"),
        AUTH("auth-service");

        final String folder;

        Kind(String folder) {
            this.folder = folder;
        }
    }

    /** One part: its name (the pid file's), its pid, and whether its children belong to it (PostgreSQL, Kafka). */
    record Part(String name, long pid, boolean tree, Kind kind) {}

    static final String KAFKA = "kafka (+ stack launcher)";
    static final String POSTGRES = "postgres (all backends)";

    private final List<Part> parts;
    private final OptionalLong kafkaBroker;

    private StackProcesses(List<Part> parts, OptionalLong kafkaBroker) {
        this.parts = List.copyOf(parts);
        this.kafkaBroker = kafkaBroker;
    }

    static StackProcesses discover(Path runDir) {
        List<Part> parts = new ArrayList<>();
        List<Path> pidFiles = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(runDir, "*.pid")) {
            files.forEach(pidFiles::add);
        } catch (IOException e) {
            // no run dir: nothing runs
        }
        // by part name ("world-service" before "world-service-standby"), not by file name ('-' sorts before '.')
        pidFiles.sort(
                java.util.Comparator.comparing(f -> f.getFileName().toString().replaceFirst("\\.pid$", "")));
        OptionalLong broker = OptionalLong.empty();
        for (Path file : pidFiles) {
            String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
            OptionalLong pid = ProcStats.pidFrom(file);
            if (pid.isEmpty()) {
                continue;
            }
            String command = commandLine(pid.getAsLong()).orElse("");
            if (name.equals("stack") && command.contains("dev.mmo.stack.LocalStackMain")) {
                parts.add(new Part(KAFKA, pid.getAsLong(), true, null));
                broker = child(pid.getAsLong(), "KafkaBrokerProcess");
                continue;
            }
            for (Kind kind : Kind.values()) {
                if (command.contains(kind.folder + "/target/quarkus-app/quarkus-run.jar")) {
                    parts.add(new Part(name, pid.getAsLong(), false, kind));
                }
            }
        }
        Path postmaster = runDir.toAbsolutePath().getParent().resolve("data/postgres/postmaster.pid");
        OptionalLong postgres = ProcStats.pidFrom(postmaster);
        if (postgres.isPresent() && commandLine(postgres.getAsLong()).orElse("").contains("postgres")) {
            parts.add(new Part(POSTGRES, postgres.getAsLong(), true, null));
        }
        return new StackProcesses(parts, broker);
    }

    /** A process's command line, its arguments joined by spaces; empty when it is gone. */
    static Optional<String> commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            if (raw.length == 0) {
                return Optional.empty();
            }
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] == 0) {
                    raw[i] = ' ';
                }
            }
            return Optional.of(new String(raw, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static OptionalLong child(long parent, String commandPart) {
        return ProcessHandle.of(parent)
                .flatMap(handle -> handle.children()
                        .filter(child -> commandLine(child.pid()).orElse("").contains(commandPart))
                        .findFirst())
                .map(handle -> OptionalLong.of(handle.pid()))
                .orElse(OptionalLong.empty());
    }

    List<Part> parts() {
        return parts;
    }

    List<Part> services(Kind kind) {
        return parts.stream().filter(p -> p.kind() == kind).toList();
    }

    Optional<Part> service(Kind kind) {
        return services(kind).stream().findFirst();
    }

    Optional<Part> part(String name) {
        return parts.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    OptionalLong kafkaBroker() {
        return kafkaBroker;
    }

    boolean isEmpty() {
        return parts.isEmpty();
    }
}
