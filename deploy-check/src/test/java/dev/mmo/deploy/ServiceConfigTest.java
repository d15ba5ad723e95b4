package dev.mmo.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reading of the services' configuration that every other check relies on: if it went wrong, the checks would
 * compare the deploy files with the wrong names and could pass for nothing.
 */
class ServiceConfigTest {

    static Stream<ServiceConfig> services() {
        return ServiceConfig.all().stream();
    }

    @ParameterizedTest
    @CsvSource({
        "tickRate,tick-rate",
        "maxRejectedInARow,max-rejected-in-a-row",
        "authURL,auth-url",
        "dataDir,data-dir",
        "jwksURLFor,jwks-url-for",
        "speed,speed"
    })
    void methodNamesBecomePropertyNamesAsInSmallRye(String method, String property) {
        assertEquals(property, ConfigMappingReader.kebab(method));
    }

    @ParameterizedTest
    @CsvSource({
        "mmo.gateway.auth-url,MMO_GATEWAY_AUTH_URL",
        "quarkus.datasource.jdbc.url,QUARKUS_DATASOURCE_JDBC_URL",
        "mmo.chat.rate-limit.window,MMO_CHAT_RATE_LIMIT_WINDOW",
        "kafka.bootstrap.servers,KAFKA_BOOTSTRAP_SERVERS"
    })
    void propertiesBecomeEnvironmentVariablesAsInSmallRye(String property, String env) {
        assertEquals(env, ServiceConfig.envName(property));
    }

    @Test
    void readsTypedConfigWithNestingDefaultsAndOptionals() {
        var chat = ServiceConfig.named("chat-service").settings();
        assertEquals(Optional.of("5s"), chat.get("mmo.chat.rate-limit.window").defaultValue());
        assertEquals(
                Optional.of("chat-messages"), chat.get("mmo.chat.topic.name").defaultValue());
        var auth = ServiceConfig.named("auth-service").settings();
        assertEquals(Optional.empty(), auth.get("mmo.auth.private-key-location").defaultValue());
        assertEquals(Optional.of(".mmo"), auth.get("mmo.data-dir").defaultValue());
        var world = ServiceConfig.named("world-service").settings();
        assertEquals(Optional.of("20"), world.get("mmo.world.tick-rate").defaultValue());
        assertTrue(!world.containsKey("mmo.world.world-config"), "default methods are no properties");
        var gateway = ServiceConfig.named("gateway").settings();
        assertEquals(
                Optional.of("4096"),
                gateway.get("mmo.gateway.game.max-frame-bytes").defaultValue());
        assertEquals(
                "MMO_GATEWAY_GAME_MAX_REJECTED_IN_A_ROW",
                gateway.get("mmo.gateway.game.max-rejected-in-a-row").env());
    }

    @ParameterizedTest
    @MethodSource("services")
    void everyApplicationPropertyUnderAMappingIsOneItDeclares(ServiceConfig service) {
        // SmallRye matches these names at start-up, so a key the reader did not derive means the reader is wrong
        for (String key : service.properties().stringPropertyNames()) {
            for (var mapped : service.mapped()) {
                if (!key.startsWith("%") && key.startsWith(mapped.mappingPrefix() + ".")) {
                    assertTrue(
                            service.mapped().stream().anyMatch(m -> m.name().equals(key)),
                            service.name() + ": " + key + " is under @ConfigMapping prefix " + mapped.mappingPrefix()
                                    + " but the reader found no such property");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void everyServiceHasAPortAndHealthEndpoints(ServiceConfig service) {
        assertTrue(service.httpPort() > 0);
        assertTrue(service.servesHealth(), service.name());
        assertEquals("/q/health/ready", service.readinessPath());
        assertEquals("/q/health/live", service.livenessPath());
        assertEquals("/q/health/started", service.startupPath());
    }
}
