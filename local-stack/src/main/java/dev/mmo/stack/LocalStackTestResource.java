package dev.mmo.stack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Starts a fresh {@link LocalStack} (PostgreSQL and Kafka on free ports, in a new temporary directory) for Quarkus
 * tests and points the application at it. Usage:
 * <pre>{@code
 * @QuarkusTest
 * @WithTestResource(LocalStackTestResource.class)
 * class RegistrationTest { ... }
 *
 * // PostgreSQL only:
 * @WithTestResource(value = LocalStackTestResource.class,
 *                   initArgs = @ResourceArg(name = LocalStackTestResource.KAFKA, value = "false"))
 *
 * // to stop and restart Kafka in a test:
 * @InjectLocalStack LocalStack stack;   // then stack.stopKafka(); ... stack.startKafka();
 * }</pre>
 * With {@code @WithTestResource}'s default scope, test classes that declare the same resources share one stack
 * and one application start; the stack is stopped and its directory deleted afterwards.
 * <p>
 * Config it returns: {@code quarkus.datasource.jdbc.url}, {@code quarkus.datasource.username},
 * {@code quarkus.datasource.password}, {@code kafka.bootstrap.servers} (with Kafka) and {@code mmo.data-dir}
 * (an empty directory for files a service generates, such as its key pair).
 */
public class LocalStackTestResource implements QuarkusTestResourceLifecycleManager {

    /** Init arg: {@code "false"} starts PostgreSQL only. */
    public static final String KAFKA = "kafka";

    private boolean kafkaEnabled = true;
    private Path rootDir;
    private LocalStack stack;

    @Override
    public void init(Map<String, String> initArgs) {
        kafkaEnabled = !"false".equalsIgnoreCase(initArgs.getOrDefault(KAFKA, "true"));
    }

    @Override
    public Map<String, String> start() {
        try {
            rootDir = Files.createTempDirectory("mmo-local-stack-");
            Path serviceDataDir = Files.createDirectories(rootDir.resolve("service-data"));
            StackSettings settings = StackSettings.onFreePorts(rootDir.resolve("data"), rootDir.resolve("logs"));
            stack = LocalStack.start(kafkaEnabled ? settings : settings.withoutKafka());

            Map<String, String> config = new HashMap<>();
            config.put("quarkus.datasource.jdbc.url", stack.jdbcUrl());
            config.put("quarkus.datasource.username", stack.username());
            config.put("quarkus.datasource.password", stack.password());
            if (kafkaEnabled) {
                config.put("kafka.bootstrap.servers", stack.bootstrapServers());
            }
            config.put("mmo.data-dir", serviceDataDir.toString());
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the local stack in " + rootDir, e);
        }
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(
                stack, new TestInjector.AnnotatedAndMatchesType(InjectLocalStack.class, LocalStack.class));
    }

    @Override
    public void stop() {
        if (stack != null) {
            stack.close();
        }
        if (rootDir != null) {
            deleteRecursively(rootDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + dir + ": " + e.getMessage());
        }
    }
}
