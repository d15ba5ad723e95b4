package dev.mmo.e2e;

import dev.mmo.stack.LocalStack;
import dev.mmo.stack.StackSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The whole system as users run it: a real PostgreSQL and Kafka, and every packaged service as its own process on
 * free ports, talking to each other over HTTP and WebSockets. Started once per test JVM and stopped when it exits;
 * tests that restart a service leave it running again.
 */
final class RunningSystem {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /**
     * The world's cells here: 100 units (400 by default), so that players can walk in and out of each other's view in
     * a second or two. New players stand at (0, 0), a corner of the cell [0, 100) × [0, 100), and see 3 × 3 cells
     * around it: everyone within x and y in [-100, 200).
     */
    static final int CELL_SIZE = 100;
    /** Cells seen in every direction around a player's own (the default, set here so that tests can rely on it). */
    static final int VIEW_RADIUS = 1;

    private static RunningSystem instance;

    private final LocalStack stack;
    private final ServiceProcess auth;
    private final ServiceProcess world;
    private final ServiceProcess chat;
    private final ServiceProcess gateway;
    private final Map<String, String> common = new HashMap<>();
    private final Path root;
    private final Path logs;

    private RunningSystem() throws IOException {
        root = Path.of(System.getProperty("mmo.root", "..")).toAbsolutePath().normalize();
        Path work = Files.createDirectories(Path.of(System.getProperty("mmo.e2e.work", "target/e2e")))
                .toAbsolutePath();
        logs = Files.createDirectories(work.resolve("logs"));
        Path data = Files.createTempDirectory(work, "data");
        System.out.println("e2e: starting PostgreSQL and Kafka; logs in " + logs);
        stack = LocalStack.start(StackSettings.onFreePorts(data, logs));

        common.put("QUARKUS_DATASOURCE_JDBC_URL", stack.jdbcUrl());
        common.put("QUARKUS_DATASOURCE_USERNAME", stack.username());
        common.put("QUARKUS_DATASOURCE_PASSWORD", stack.password());
        common.put("KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers());
        common.put("MMO_DATA_DIR", data.resolve("services").toString());
        // a secret of this run only: gateways present it on world's and chat's /link, which refuse anyone else
        common.put("MMO_LINK_SECRET", newLinkSecret());

        int authPort = freePort();
        common.put("MMO_AUTH_JWKS_URL", "http://localhost:" + authPort + "/api/auth/jwks");
        // Verifiers fetch the JWKS for every unknown kid here (5 s apart at most by default, which the shared unit
        // tests cover): a key rotation's new tokens then verify at once, whenever the last fetch was.
        common.put("MMO_AUTH_JWKS_REFETCH_INTERVAL", "0s");
        auth = new ServiceProcess("auth-service", jar(root, "auth-service"), authPort, authEnv(), logs);
        world = newWorld("world-service");
        chat = newChat("chat-service");
        gateway = newGateway("gateway", chat);

        System.out.println("e2e: starting auth-service, world-service, chat-service and gateway");
        auth.start(START_TIMEOUT);
        world.start(START_TIMEOUT);
        chat.start(START_TIMEOUT);
        gateway.start(START_TIMEOUT);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "e2e-stop"));
    }

    /** The link secret of this run, for a test that plays a gateway on world's or chat's {@code /link}. */
    String linkSecret() {
        return common.get("MMO_LINK_SECRET");
    }

    /**
     * Every test reaches the gateway from 127.0.0.1, so the per-address limits would soon stop them all: raised here.
     * The tests of the throttle use addresses of their own (127.0.0.2 and on) and the per-username rule. Signing
     * key files are read again every second, so a rotation shows at once.
     */
    private Map<String, String> authEnv() {
        Map<String, String> env = new HashMap<>(common);
        env.put("MMO_AUTH_THROTTLE_LOGINS_PER_ADDRESS", "100000");
        env.put("MMO_AUTH_THROTTLE_REGISTRATIONS_PER_ADDRESS", "100000");
        env.put("MMO_AUTH_THROTTLE_FREE_FAILURES_PER_ADDRESS", "1000");
        env.put("MMO_AUTH_KEY_RELOAD_INTERVAL", "1s");
        return env;
    }

    /** The folder auth-service keeps its generated signing keys in, as ./mmo rotate-keys finds it. */
    Path authKeysDir() {
        return Path.of(common.get("MMO_DATA_DIR")).resolve("keys");
    }

    /** The repository, whose packaged jars the services run from. */
    Path root() {
        return root;
    }

    static synchronized RunningSystem get() {
        if (instance == null) {
            try {
                instance = new RunningSystem();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /** The public HTTP address, as a browser sees it. */
    URI gateway(String path) {
        return gateway.url(path);
    }

    /** The game connection's address. */
    URI gameSocket() {
        return gateway.gameSocket();
    }

    LocalStack stack() {
        return stack;
    }

    ServiceProcess world() {
        return world;
    }

    ServiceProcess auth() {
        return auth;
    }

    /** The gateway process itself (its address: {@link #gateway(String)}). */
    ServiceProcess gatewayProcess() {
        return gateway;
    }

    ServiceProcess chat() {
        return chat;
    }

    /** Another chat-service replica on the same Kafka topic, not started yet. */
    ServiceProcess newChat(String name) throws IOException {
        return new ServiceProcess(name, jar(root, "chat-service"), freePort(), common, logs);
    }

    /**
     * Another world-service on the same database, not started yet: while another one owns the world it is a standby
     * ({@link ServiceProcess#startStandby}).
     */
    ServiceProcess newWorld(String name) throws IOException {
        Map<String, String> worldEnv = new HashMap<>(common);
        worldEnv.put("MMO_WORLD_CELL_SIZE", Integer.toString(CELL_SIZE));
        worldEnv.put("MMO_WORLD_VIEW_RADIUS", Integer.toString(VIEW_RADIUS));
        return new ServiceProcess(name, jar(root, "world-service"), freePort(), worldEnv, logs);
    }

    /** Another gateway in front of the same auth and world, linked to that chat replica, not started yet. */
    ServiceProcess newGateway(String name, ServiceProcess chatReplica) throws IOException {
        return newGateway(name, chatReplica, world.url("").toString());
    }

    /** A gateway in front of these world-services (a comma-separated list of base URLs), not started yet. */
    ServiceProcess newGateway(String name, ServiceProcess chatReplica, String worldUrls) throws IOException {
        Map<String, String> gatewayEnv = new HashMap<>(common);
        gatewayEnv.put("MMO_GATEWAY_AUTH_URL", auth.url("").toString());
        gatewayEnv.put("MMO_GATEWAY_WORLD_URL", worldUrls);
        gatewayEnv.put("MMO_GATEWAY_CHAT_URL", chatReplica.url("").toString());
        return new ServiceProcess(name, jar(root, "gateway"), freePort(), gatewayEnv, logs);
    }

    Duration startTimeout() {
        return START_TIMEOUT;
    }

    private void stopAll() {
        gateway.stop();
        chat.stop();
        world.stop();
        auth.stop();
        stack.close();
    }

    private static Path jar(Path root, String module) {
        return root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** 256 random bits, as {@code ./mmo up} makes them. */
    private static String newLinkSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
