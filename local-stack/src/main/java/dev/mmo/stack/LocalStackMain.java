package dev.mmo.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link LocalStack} until SIGTERM/SIGINT, with durable writes (every PostgreSQL commit synced to disk); used
 * by {@code ./mmo up}.
 * <pre>
 * LocalStackMain --data DIR --logs DIR [--pg-port 15432] [--kafka-port 19092] [--kafka-controller-port 19093]
 * </pre>
 * Prints progress, then exactly one line {@code READY jdbc=<url> kafka=<bootstrap>} once both servers accept
 * clients. Exit codes: 2 for bad arguments or a taken port, 1 for any other start failure.
 */
public final class LocalStackMain {

    private static final List<String> OPTIONS =
            List.of("--data", "--logs", "--pg-port", "--kafka-port", "--kafka-controller-port");

    private LocalStackMain() {}

    public static void main(String[] args) throws InterruptedException {
        // before the first logger is created: Kafka's admin client would otherwise dump its config at INFO
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
        StackSettings settings;
        try {
            settings = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ERROR " + e.getMessage());
            System.err.println("usage: LocalStackMain --data DIR --logs DIR [--pg-port N] [--kafka-port N]"
                    + " [--kafka-controller-port N]");
            System.exit(2);
            return;
        }

        System.out.println("starting PostgreSQL on port " + settings.postgresPort() + " and Kafka on port "
                + settings.kafkaPort() + " (data " + settings.dataDir() + ", logs " + settings.logDir() + ")");
        LocalStack stack;
        try {
            stack = LocalStack.start(settings);
        } catch (PortInUseException e) {
            System.err.println("ERROR " + e.getMessage());
            System.exit(2);
            return;
        } catch (IOException | RuntimeException e) {
            System.err.println("ERROR the local stack did not start: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
            return;
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stack.close();
                            System.out.println("STOPPED");
                        },
                        "local-stack-main-shutdown"));
        System.out.println("READY jdbc=" + stack.jdbcUrl() + " kafka=" + stack.bootstrapServers());

        new CountDownLatch(1).await(); // until a signal runs the shutdown hooks
    }

    private static StackSettings parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!OPTIONS.contains(args[i]) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + args[i]);
            }
            values.put(args[i], args[i + 1]);
        }
        if (!values.containsKey("--data") || !values.containsKey("--logs")) {
            throw new IllegalArgumentException("--data and --logs are required");
        }
        int kafkaPort = port(values.getOrDefault("--kafka-port", "19092"));
        return new StackSettings(
                Path.of(values.get("--data")),
                Path.of(values.get("--logs")),
                port(values.getOrDefault("--pg-port", "15432")),
                kafkaPort,
                port(values.getOrDefault("--kafka-controller-port", String.valueOf(kafkaPort + 1))),
                true,
                true);
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("not a port: " + text);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port: " + text);
        }
    }
}
