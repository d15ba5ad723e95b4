package dev.mmo.e2e;

import dev.mmo.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged service ({@code java -jar quarkus-run.jar}) run as a real process on its own port, with its management
 * interface (health, metrics) on a second free port, on the loopback address.
 */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final int managementPort;
    private final Map<String, String> env;
    private final Path log;
    private Process process;

    ServiceProcess(String name, Path jar, int port, Map<String, String> env, Path logDir) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.managementPort = freePort();
        this.env = env;
        this.log = logDir.resolve(name + ".log");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar + " is missing: package the services first (./mvnw verify builds them before e2e)");
        }
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    /** The game connection of a gateway process. */
    URI gameSocket() {
        return URI.create("ws://localhost:" + port + "/ws");
    }

    URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** A path on the management interface ({@code /q/health/ready}, {@code /q/metrics}). */
    URI management(String path) {
        return URI.create("http://localhost:" + managementPort + path);
    }

    /** Starts the process and waits until {@code /q/health/ready} (on the management port) answers UP. */
    ServiceProcess start(Duration within) {
        return start(within, Map.of());
    }

    /** Like {@link #start(Duration)}, with settings of this run only on top of the usual ones. */
    ServiceProcess start(Duration within, Map<String, String> extraEnv) {
        launch(extraEnv);
        awaitStatus("/q/health/ready", within);
        return this;
    }

    /**
     * Starts a process that is not meant to be ready (a standby world-service) and waits until
     * {@code /q/health/live} answers UP.
     */
    ServiceProcess startStandby(Duration within) {
        launch(Map.of());
        awaitStatus("/q/health/live", within);
        return this;
    }

    /** Where a GET of this path goes: {@code /q/*} on the management interface, anything else on the service's port. */
    private URI at(String path) {
        return path.startsWith("/q/") ? management(path) : url(path);
    }

    /** The status code of a GET on this service, or -1 when it does not answer. */
    int status(String path) {
        HttpRequest request =
                HttpRequest.newBuilder(at(path)).timeout(Duration.ofSeconds(2)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The body of a GET on this service (health, metrics), or null when it does not answer. */
    String body(String path) {
        HttpRequest request =
                HttpRequest.newBuilder(at(path)).timeout(Duration.ofSeconds(2)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void launch(Map<String, String> extraEnv) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens",
                "java.base/java.lang=ALL-UNNAMED",
                "-Xmx512m",
                "-jar",
                jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        builder.environment().put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        builder.environment().putAll(extraEnv);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    private void awaitStatus(String healthPath, Duration within) {
        HttpRequest ready = HttpRequest.newBuilder(management(healthPath))
                .timeout(Duration.ofSeconds(2))
                .build();
        Await.until(
                () -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
                    }
                    try {
                        return HTTP.send(ready, HttpResponse.BodyHandlers.discarding())
                                        .statusCode()
                                == 200;
                    } catch (IOException e) {
                        return false; // not listening yet
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for " + name, e);
                    }
                },
                within,
                name + " answering 200 on " + healthPath + " (see " + log + ")");
    }

    /** A graceful stop (SIGTERM), as an orchestrator does it; the service runs its shutdown hooks. */
    void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A crash (SIGKILL): no shutdown hooks run. */
    void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether the process was started and has not ended (a suspended one counts as running). */
    boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the process where it stands (SIGSTOP), as a hung machine or a debugger would: its sockets stay open. */
    void suspend() {
        signal("STOP");
    }

    /** Lets a suspended process go on (SIGCONT). */
    void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                    .inheritIO()
                    .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling " + name, e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
