package dev.mmo.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * What one service really reads, from its own sources: {@code application.properties} (default profile) and its
 * {@code @ConfigMapping} interfaces. Every deploy file is checked against this.
 */
record ServiceConfig(
        String name,
        Map<String, Setting> settings,
        Properties properties,
        List<ConfigMappingReader.MappedProperty> mapped) {

    /** A property the service reads, the environment variable that overrides it, and its default. */
    record Setting(String property, String env, Optional<String> defaultValue) {}

    /**
     * The services: modules of the parent pom with an {@code application.properties} that sets an HTTP port. The
     * module folder is the service's name everywhere (image, compose service, Deployment, Service).
     */
    static synchronized List<ServiceConfig> all() {
        if (all != null) {
            return all;
        }
        List<ServiceConfig> services = new ArrayList<>();
        for (String module : Repo.modules()) {
            var file = Repo.path(module).resolve("src/main/resources/application.properties");
            if (Files.exists(file)
                    && Repo.read(module + "/src/main/resources/application.properties")
                            .contains("quarkus.http.port")) {
                services.add(load(module));
            }
        }
        all = List.copyOf(services);
        return all;
    }

    private static List<ServiceConfig> all;

    static ServiceConfig named(String name) {
        return all().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no service " + name));
    }

    static ServiceConfig load(String module) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(Repo.read(module + "/src/main/resources/application.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Setting> settings = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (!key.startsWith("%")) { // other profiles (%test, %dev) never run in a deployment
                settings.put(key, new Setting(key, envName(key), Optional.of(properties.getProperty(key))));
            }
        }
        // its own mappings and those of the project modules it is built with (shared/ is a bean archive)
        List<ConfigMappingReader.MappedProperty> mapped = new ArrayList<>();
        for (String built : Repo.reactorModulesOf(module)) {
            var sources = Repo.path(built).resolve("src/main/java");
            if (Files.isDirectory(sources)) {
                mapped.addAll(ConfigMappingReader.read(sources));
            }
        }
        for (var property : mapped) {
            // application.properties wins over @WithDefault, as in SmallRye Config
            settings.putIfAbsent(
                    property.name(), new Setting(property.name(), envName(property.name()), property.defaultValue()));
        }
        return new ServiceConfig(module, settings, properties, List.copyOf(mapped));
    }

    /** SmallRye's rule: every character that is not a letter or digit becomes '_', then upper case. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    int httpPort() {
        return Integer.parseInt(value("quarkus.http.port", "8080"));
    }

    /** Health endpoints are on the management port when Quarkus' management interface is on. */
    int healthPort() {
        return Boolean.parseBoolean(value("quarkus.management.enabled", "false"))
                ? Integer.parseInt(value("quarkus.management.port", "9000"))
                : httpPort();
    }

    String livenessPath() {
        return healthPath("quarkus.smallrye-health.liveness-path", "live");
    }

    String readinessPath() {
        return healthPath("quarkus.smallrye-health.readiness-path", "ready");
    }

    String startupPath() {
        return healthPath("quarkus.smallrye-health.startup-path", "started");
    }

    private String healthPath(String key, String defaultPath) {
        String root = value("quarkus.http.non-application-root-path", "q");
        String health = value("quarkus.smallrye-health.root-path", "health");
        String base = root.startsWith("/") ? root : "/" + root;
        String healthBase = health.startsWith("/") ? health : base + "/" + health;
        String leaf = value(key, defaultPath);
        return leaf.startsWith("/") ? leaf : healthBase + "/" + leaf;
    }

    String value(String key, String defaultValue) {
        return properties.getProperty(key, defaultValue);
    }

    /** Does the service read this environment variable? */
    boolean readsEnv(String env) {
        return settingForEnv(env).isPresent() || readsKafkaClientEnv(env);
    }

    Optional<Setting> settingForEnv(String env) {
        return settings.values().stream().filter(s -> s.env().equals(env)).findFirst();
    }

    /**
     * A service that configures Kafka clients through kafka.* hands every kafka.* property to them (chat-service's
     * KafkaClients), so KAFKA_SECURITY_PROTOCOL is as real as KAFKA_BOOTSTRAP_SERVERS: it is when Kafka's clients
     * know the name.
     */
    private boolean readsKafkaClientEnv(String env) {
        if (!env.startsWith("KAFKA_") || settings.keySet().stream().noneMatch(k -> k.startsWith("kafka."))) {
            return false;
        }
        String property = env.toLowerCase(Locale.ROOT).replace('_', '.');
        return KAFKA_CLIENT_CONFIGS.contains(property);
    }

    private static final Set<String> KAFKA_CLIENT_CONFIGS = kafkaClientConfigs();

    private static Set<String> kafkaClientConfigs() {
        Set<String> names = new HashSet<>(ProducerConfig.configNames());
        names.addAll(ConsumerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        return names;
    }

    /** Does the service's pom use smallrye-health, which serves the probe paths? */
    boolean servesHealth() {
        return Repo.read(name + "/pom.xml").contains("<artifactId>quarkus-smallrye-health</artifactId>");
    }
}
