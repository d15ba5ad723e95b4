package dev.mmo.deploy;

import static dev.mmo.deploy.DockerComposeTest.composeService;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitoring kept in k8s/monitoring/ (the Grafana dashboard, the alert rules, Prometheus' scrape configurations and
 * Grafana's provisioning): valid, and really used by docker-compose.yml and the k8s/monitoring/ kustomization, which
 * scrape every service's management port. Whether the metrics the queries name exist is e2e's MonitoringMetricsTest.
 * Where promtool is installed, it checks every rule and every dashboard query as Prometheus parses them.
 */
class MonitoringTest {

    static final String DIR = "k8s/monitoring/";
    static final String DASHBOARD = DIR + "grafana/mmo-dashboard.json";
    static final String ALERTS = DIR + "prometheus/alerts.yml";
    static final String COMPOSE_SCRAPE = DIR + "prometheus/compose.yml";
    static final String KUBERNETES_SCRAPE = DIR + "prometheus/kubernetes.yml";
    static final String DATASOURCES = DIR + "grafana/datasources.yml";
    static final String DASHBOARD_PROVIDERS = DIR + "grafana/dashboards.yml";
    private static final Pattern DURATION = Pattern.compile("(\\d+(ms|s|m|h|d|w|y))+");

    static JsonNode dashboard() {
        try {
            return new ObjectMapper().readTree(Repo.read(DASHBOARD));
        } catch (IOException e) {
            return fail(DASHBOARD + " is not JSON: " + e.getMessage());
        }
    }

    static JsonNode yaml(String file) {
        List<JsonNode> documents = Tools.documents(Repo.read(file));
        assertEquals(1, documents.size(), file + " must be one YAML document");
        return documents.getFirst();
    }

    /** Every query of the dashboard, by panel title. */
    static Map<String, List<String>> dashboardQueries() {
        Map<String, List<String>> queries = new LinkedHashMap<>();
        for (JsonNode panel : dashboard().path("panels")) {
            if (!panel.path("type").asText().equals("row")) {
                List<String> expressions = new ArrayList<>();
                panel.path("targets")
                        .forEach(t -> expressions.add(t.path("expr").asText()));
                queries.put(panel.path("title").asText(), expressions);
            }
        }
        return queries;
    }

    static List<JsonNode> alertRules() {
        List<JsonNode> rules = new ArrayList<>();
        yaml(ALERTS).path("groups").forEach(group -> group.path("rules").forEach(rules::add));
        return rules;
    }

    @Test
    void dashboardPanelsQueryTheProvisionedPrometheus() {
        JsonNode dashboard = dashboard();
        assertFalse(dashboard.path("uid").asText().isEmpty(), "a fixed uid, so links to the dashboard keep working");
        JsonNode datasource = yaml(DATASOURCES).path("datasources").get(0);
        assertEquals("prometheus", datasource.path("type").asText());
        Set<Integer> ids = new HashSet<>();
        int panels = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            String title = panel.path("title").asText();
            assertTrue(ids.add(panel.path("id").asInt()), "panel ids repeat: " + title);
            JsonNode grid = panel.path("gridPos");
            assertTrue(grid.path("x").asInt() + grid.path("w").asInt() <= 24, title + " is wider than the dashboard");
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            panels++;
            assertFalse(
                    title.isEmpty() || panel.path("description").asText().isEmpty(),
                    "every panel says what it shows: " + panel.path("id"));
            assertEquals(
                    datasource.path("uid").asText(),
                    panel.path("datasource").path("uid").asText(),
                    title + " must query the provisioned data source");
            assertFalse(panel.path("targets").isEmpty(), title + " has no query");
            Set<String> refIds = new HashSet<>();
            for (JsonNode target : panel.path("targets")) {
                assertTrue(refIds.add(target.path("refId").asText()), title + " repeats a refId");
                assertFalse(target.path("expr").asText().isBlank(), title + " has an empty query");
                assertEquals(
                        datasource.path("uid").asText(),
                        target.path("datasource").path("uid").asText(),
                        title);
            }
        }
        assertTrue(panels >= 10, "the dashboard shows what the operator needs: " + panels + " panels");
    }

    @Test
    void alertRulesAreCompleteAndDocumented() {
        Set<String> names = new TreeSet<>();
        String operations = Repo.read("docs/operations.md");
        for (JsonNode rule : alertRules()) {
            String name = rule.path("alert").asText();
            assertTrue(name.matches("Mmo[A-Z]\\w+"), "an alert named Mmo…: " + rule);
            assertTrue(names.add(name), name + " twice");
            assertFalse(rule.path("expr").asText().isBlank(), name + " has no expression");
            if (rule.has("for")) {
                assertTrue(DURATION.matcher(rule.path("for").asText()).matches(), name + " for: " + rule.path("for"));
            }
            assertTrue(
                    Set.of("critical", "warning")
                            .contains(rule.path("labels").path("severity").asText()),
                    name + " needs a severity of critical or warning");
            for (String annotation : List.of("summary", "description")) {
                assertFalse(
                        rule.path("annotations").path(annotation).asText().isBlank(), name + " needs a " + annotation);
            }
            assertTrue(operations.contains("### " + name), "docs/operations.md must say what to do about " + name);
        }
        // what the operator must hear about (issue #17)
        assertTrue(
                names.containsAll(Set.of(
                        "MmoServiceDown",
                        "MmoWorldNoOwner",
                        "MmoWorldNotTicking",
                        "MmoWorldTickSlow",
                        "MmoDatabaseDown",
                        "MmoSaveBacklogGrowing",
                        "MmoLinkSilences",
                        "MmoKafkaDown",
                        "MmoLoginRefusalsSpiking")),
                names.toString());
    }

    @Test
    void composePrometheusScrapesEveryServicesManagementPortAndLoadsTheRules() {
        JsonNode config = yaml(COMPOSE_SCRAPE);
        Map<String, String> targets = new LinkedHashMap<>();
        JsonNode job = onlyJob(config);
        for (JsonNode group : job.path("static_configs")) {
            for (JsonNode target : group.path("targets")) {
                targets.put(
                        target.asText(), group.path("labels").path("service").asText());
            }
        }
        Map<String, String> expected = new LinkedHashMap<>();
        for (ServiceConfig service : ServiceConfig.all()) {
            // the compose service's name on the compose network, on the port /q/metrics is served on
            composeService(service.name());
            expected.put(service.name() + ":" + service.healthPort(), service.name());
        }
        assertEquals(expected, targets, "one target per service, its management port, labelled service=<its name>");

        JsonNode prometheus = composeService("prometheus");
        Map<String, String> mounts = bindMounts(prometheus);
        String configFile = flag(prometheus.path("command"), "--config.file");
        assertEquals(
                Repo.path(COMPOSE_SCRAPE).toString(),
                mounts.get(configFile),
                "Prometheus must read " + COMPOSE_SCRAPE + " as its --config.file");
        assertTrue(mountedWhereRulesAreRead(config, mounts), "Prometheus must load " + ALERTS + " (rule_files)");
        assertEquals("/prometheus", flag(prometheus.path("command"), "--storage.tsdb.path"));
        assertTrue(
                DockerComposeTest.namedVolumeTargets("prometheus").contains("/prometheus"), "its samples on a volume");
    }

    @Test
    void kubernetesPrometheusFindsEveryServicesManagementPortAndLoadsTheRules() {
        JsonNode config = yaml(KUBERNETES_SCRAPE);
        JsonNode job = onlyJob(config);
        assertEquals(
                "pod", job.path("kubernetes_sd_configs").get(0).path("role").asText());
        assertTrue(
                job.path("kubernetes_sd_configs")
                        .get(0)
                        .path("namespaces")
                        .path("own_namespace")
                        .asBoolean(),
                "only pods of its own namespace: a Role suffices");
        String keptPortName = null;
        for (JsonNode relabel : job.path("relabel_configs")) {
            if (relabel.path("source_labels").toString().contains("__meta_kubernetes_pod_container_port_name")) {
                assertEquals("keep", relabel.path("action").asText());
                keptPortName = relabel.path("regex").asText();
            }
        }
        assertEquals("management", keptPortName, "it scrapes the container ports named management");
        for (ServiceConfig service : ServiceConfig.all()) {
            JsonNode container = Manifests.container(KubernetesManifestsTest.deploymentOf(service), service.name());
            assertEquals(
                    service.healthPort(),
                    Manifests.containerPort(container, JsonNodeFactory.instance.textNode(keptPortName)),
                    service.name() + "'s port named management must be the one serving /q/metrics");
            assertEquals(
                    "mmo",
                    Manifests.podLabels(KubernetesManifestsTest.deploymentOf(service))
                            .path("app.kubernetes.io/part-of")
                            .asText(),
                    service.name() + " must carry the label Prometheus keeps");
        }

        JsonNode prometheus =
                Manifests.findMonitoring("StatefulSet", "prometheus").orElseGet(() -> fail("no Prometheus"));
        JsonNode container = Manifests.podSpec(prometheus).path("containers").get(0);
        Map<String, String> files = configMapFiles(prometheus, container);
        String configFile = flag(container.path("args"), "--config.file");
        assertEquals(Repo.read(KUBERNETES_SCRAPE), files.get(configFile), "--config.file must be " + KUBERNETES_SCRAPE);
        String rules = null;
        for (String pattern : strings(config.path("rule_files"))) {
            for (var file : files.entrySet()) {
                if (FileSystems.getDefault().getPathMatcher("glob:" + pattern).matches(Path.of(file.getKey()))) {
                    rules = file.getValue();
                }
            }
        }
        assertEquals(Repo.read(ALERTS), rules, "Prometheus must load " + ALERTS + " (rule_files)");

        // pod discovery: list and watch pods of its own namespace, nothing more, nothing cluster-wide
        JsonNode role = Manifests.findMonitoring("Role", "prometheus").orElseGet(() -> fail("no Role for Prometheus"));
        assertEquals(
                "[{\"apiGroups\":[\"\"],\"resources\":[\"pods\"],\"verbs\":[\"get\",\"list\",\"watch\"]}]",
                role.path("rules").toString());
        assertTrue(
                Manifests.monitoring().stream()
                        .noneMatch(o -> o.path("kind").asText().startsWith("Cluster")),
                "no cluster-wide RBAC");
        assertEquals(
                "prometheus",
                Manifests.podSpec(prometheus).path("serviceAccountName").asText());
    }

    @Test
    void prometheusReachesTheManagementPortsThroughTheNetworkPolicies() {
        // for each base policy that admits only some pods, monitoring adds one admitting Prometheus to the
        // management port of the same pods (policies add up)
        JsonNode prometheusLabels = Manifests.podLabels(
                Manifests.findMonitoring("StatefulSet", "prometheus").orElseThrow());
        for (JsonNode policy : Manifests.ofKind("NetworkPolicy")) {
            JsonNode selector = policy.path("spec").path("podSelector").path("matchLabels");
            JsonNode workload = Manifests.workloadsSelectedBy(selector).getFirst();
            ServiceConfig service = ServiceConfig.named(Manifests.name(workload));
            boolean admitted = false;
            for (JsonNode added : Manifests.monitoring()) {
                if (added.path("kind").asText().equals("NetworkPolicy")
                        && added.path("spec")
                                .path("podSelector")
                                .path("matchLabels")
                                .equals(selector)) {
                    for (JsonNode rule : added.path("spec").path("ingress")) {
                        boolean fromPrometheus = false;
                        for (JsonNode peer : rule.path("from")) {
                            fromPrometheus |=
                                    Manifests.selects(peer.path("podSelector").path("matchLabels"), prometheusLabels);
                        }
                        for (JsonNode port : rule.path("ports")) {
                            admitted |= fromPrometheus && port.path("port").asInt() == service.healthPort();
                            assertEquals(
                                    service.healthPort(),
                                    port.path("port").asInt(),
                                    Manifests.name(added) + " opens more than the management port");
                        }
                    }
                }
            }
            assertTrue(
                    admitted,
                    "no policy lets Prometheus reach " + service.name() + "'s management port " + service.healthPort());
        }
    }

    @Test
    void grafanaIsProvisionedWithTheDataSourceAndTheDashboardOnBoth() {
        String dashboardsPath = yaml(DASHBOARD_PROVIDERS)
                .path("providers")
                .get(0)
                .path("options")
                .path("path")
                .asText();
        String dashboardFile = Path.of(DASHBOARD).getFileName().toString();

        Map<String, String> compose = bindMounts(composeService("grafana"));
        assertEquals(Repo.path(DATASOURCES).toString(), inFolder(compose, "/etc/grafana/provisioning/datasources"));
        assertEquals(
                Repo.path(DASHBOARD_PROVIDERS).toString(), inFolder(compose, "/etc/grafana/provisioning/dashboards"));
        assertEquals(Repo.path(DASHBOARD).toString(), compose.get(dashboardsPath + "/" + dashboardFile));

        JsonNode grafana = Manifests.findMonitoring("Deployment", "grafana").orElseGet(() -> fail("no Grafana"));
        JsonNode container = Manifests.podSpec(grafana).path("containers").get(0);
        Map<String, String> files = configMapFiles(grafana, container);
        assertEquals(Repo.read(DATASOURCES), inFolderOf(files, "/etc/grafana/provisioning/datasources"));
        assertEquals(Repo.read(DASHBOARD_PROVIDERS), inFolderOf(files, "/etc/grafana/provisioning/dashboards"));
        assertEquals(Repo.read(DASHBOARD), files.get(dashboardsPath + "/" + dashboardFile));

        // the data source's address is the Prometheus of each
        String url = yaml(DATASOURCES).path("datasources").get(0).path("url").asText();
        assertEquals("http://prometheus:9090", url);
        composeService("prometheus");
        JsonNode service =
                Manifests.findMonitoring("Service", "prometheus").orElseGet(() -> fail("no Service prometheus"));
        assertEquals(
                9090, service.path("spec").path("ports").get(0).path("port").asInt());

        // read-only for everyone who can reach it, changes only for the admin, whose password is in no file here
        for (Map<String, String> env :
                List.of(DockerComposeTest.environment("grafana"), Manifests.environment(container))) {
            assertEquals("true", env.get("GF_AUTH_ANONYMOUS_ENABLED"));
            assertEquals("Viewer", env.get("GF_AUTH_ANONYMOUS_ORG_ROLE"));
            assertEquals("false", env.get("GF_USERS_ALLOW_SIGN_UP"));
            assertFalse(env.containsKey("GF_SECURITY_ADMIN_PASSWORD"), "the admin password must come from a file");
            assertTrue(env.containsKey("GF_SECURITY_ADMIN_PASSWORD__FILE"));
        }
    }

    @Test
    void monitoringIsNeverBehindTheIngressNorExposedByItself() {
        for (JsonNode object : Manifests.monitoring()) {
            assertFalse(
                    object.path("kind").asText().equals("Ingress"),
                    "Grafana and Prometheus have no login of their own to face the internet");
            if (object.path("kind").asText().equals("Service")) {
                assertEquals("ClusterIP", object.path("spec").path("type").asText("ClusterIP"), Manifests.name(object));
            }
        }
        for (JsonNode workload : Manifests.allWorkloads()) {
            for (JsonNode container : Manifests.podSpec(workload).path("containers")) {
                String image = container.path("image").asText();
                assertTrue(
                        image.matches(".+:[\\w][\\w.-]*") && !image.endsWith(":latest"),
                        Manifests.name(workload) + " must run a pinned image, not " + image);
            }
        }
        // the same Prometheus and Grafana in both
        for (String name : List.of("prometheus", "grafana")) {
            String kind = name.equals("prometheus") ? "StatefulSet" : "Deployment";
            JsonNode workload = Manifests.findMonitoring(kind, name).orElseThrow();
            assertEquals(
                    composeService(name).path("image").asText(),
                    Manifests.podSpec(workload)
                            .path("containers")
                            .get(0)
                            .path("image")
                            .asText(),
                    name);
        }
    }

    @Test
    void rendersTheMonitoringExactlyAsKubectlKustomize() {
        String kubectl = Tools.kubectl().orElse(null);
        assumeTrue(kubectl != null, "kubectl is not installed: k8s/monitoring/ is rendered by Kustomization alone");
        List<JsonNode> expected = Tools.documents(
                Tools.run(kubectl, "kustomize", Repo.path("k8s/monitoring").toString()));
        List<JsonNode> actual = Manifests.monitoring();
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), "object " + i + " differs");
        }
    }

    @Test
    void promtoolAcceptsTheRulesTheDashboardsQueriesAndTheComposeConfiguration(@TempDir Path dir) throws IOException {
        String promtool = Tools.promtool().orElse(null);
        assumeTrue(
                promtool != null,
                "promtool is not installed (Debian: apt-get install prometheus): the rules and"
                        + " queries are checked for shape only");
        Tools.run(promtool, "check", "rules", Repo.path(ALERTS).toString());

        // every dashboard query as a recording rule, with Grafana's interval variable given a value
        ArrayNode rules = JsonNodeFactory.instance.arrayNode();
        int n = 0;
        for (var panel : dashboardQueries().entrySet()) {
            for (String expr : panel.getValue()) {
                assertFalse(
                        expr.replace("$__rate_interval", "").contains("$"),
                        panel.getKey() + ": an unknown variable in " + expr);
                rules.addObject()
                        .put("record", "dashboard:query_" + ++n)
                        .put("expr", expr.replace("$__rate_interval", "1m"));
            }
        }
        ObjectNode file = JsonNodeFactory.instance.objectNode();
        file.putArray("groups").addObject().put("name", "dashboard").set("rules", rules);
        Path queries = Files.writeString(dir.resolve("dashboard-queries.yml"), Tools.YAML.writeValueAsString(file));
        Tools.run(promtool, "check", "rules", queries.toString());

        checkConfig(promtool, COMPOSE_SCRAPE, dir);
    }

    @Test
    void promtoolAcceptsTheKubernetesConfiguration(@TempDir Path dir) throws IOException {
        String promtool = Tools.promtool().orElse(null);
        assumeTrue(promtool != null, "promtool is not installed (Debian: apt-get install prometheus)");
        // Debian's Prometheus is built without Kubernetes service discovery: such a promtool cannot read the file
        Path probe = Files.writeString(
                dir.resolve("probe.yml"),
                "scrape_configs: [{job_name: probe, kubernetes_sd_configs: [{role: pod}]}]\n");
        Process process = new ProcessBuilder(promtool, "check", "config", probe.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assumeTrue(
                !output.contains("kubernetes_sd_configs not found"),
                "this promtool knows no kubernetes_sd_configs (Debian's build): " + KUBERNETES_SCRAPE
                        + " is checked for shape only");
        checkConfig(promtool, KUBERNETES_SCRAPE, dir);
    }

    /** promtool check config on a copy of the configuration whose rule_files point at a copy of the rules. */
    private static void checkConfig(String promtool, String scrape, Path dir) throws IOException {
        Files.copy(Repo.path(ALERTS), dir.resolve("mmo-alerts.yml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ObjectNode config = (ObjectNode) yaml(scrape).deepCopy();
        config.putArray("rule_files").add(dir.resolve("*.yml").toString());
        Path copy = Files.writeString(
                dir.resolve(Path.of(scrape).getFileName() + ".check"), Tools.YAML.writeValueAsString(config));
        Tools.run(promtool, "check", "config", copy.toString());
    }

    private static JsonNode onlyJob(JsonNode config) {
        JsonNode jobs = config.path("scrape_configs");
        assertEquals(1, jobs.size(), "one scrape job, job=\"mmo\", which the rules and the dashboard select");
        JsonNode job = jobs.get(0);
        assertEquals("mmo", job.path("job_name").asText());
        // the path Quarkus serves Prometheus metrics on, on the management interface
        assertEquals("/q/metrics", job.path("metrics_path").asText());
        return job;
    }

    /** A command-line flag's value, --flag=value. */
    private static String flag(JsonNode args, String name) {
        for (JsonNode arg : args) {
            if (arg.asText().startsWith(name + "=")) {
                return arg.asText().substring(name.length() + 1);
            }
        }
        return fail("no " + name + " in " + args);
    }

    /** A Compose service's bind mounts: container path → host file. */
    private static Map<String, String> bindMounts(JsonNode service) {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (JsonNode volume : service.path("volumes")) {
            if (volume.path("type").asText().equals("bind")) {
                assertTrue(volume.path("read_only").asBoolean(), volume + " must be mounted read-only");
                mounts.put(volume.path("target").asText(), volume.path("source").asText());
            }
        }
        return mounts;
    }

    private static boolean mountedWhereRulesAreRead(JsonNode config, Map<String, String> mounts) {
        for (String pattern : strings(config.path("rule_files"))) {
            for (var mount : mounts.entrySet()) {
                if (FileSystems.getDefault().getPathMatcher("glob:" + pattern).matches(Path.of(mount.getKey()))
                        && mount.getValue().equals(Repo.path(ALERTS).toString())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String inFolder(Map<String, String> mounts, String folder) {
        for (var mount : mounts.entrySet()) {
            if (Path.of(mount.getKey()).getParent().toString().equals(folder)) {
                return mount.getValue();
            }
        }
        return fail("nothing is mounted in " + folder + ": " + mounts);
    }

    private static String inFolderOf(Map<String, String> files, String folder) {
        List<String> found = files.entrySet().stream()
                .filter(f -> Path.of(f.getKey()).getParent().toString().equals(folder))
                .map(Map.Entry::getValue)
                .toList();
        assertEquals(1, found.size(), "one file in " + folder + ": " + files.keySet());
        return found.getFirst();
    }

    /** The files a container sees from ConfigMaps mounted whole: path → content. */
    private static Map<String, String> configMapFiles(JsonNode workload, JsonNode container) {
        Map<String, String> files = new LinkedHashMap<>();
        for (JsonNode mount : container.path("volumeMounts")) {
            for (JsonNode volume : Manifests.podSpec(workload).path("volumes")) {
                if (volume.path("name").asText().equals(mount.path("name").asText()) && volume.has("configMap")) {
                    assertTrue(mount.path("readOnly").asBoolean(), mount + " must be read-only");
                    assertTrue(volume.path("configMap").path("items").isMissingNode(), "whole ConfigMaps only");
                    JsonNode configMap = Manifests.findMonitoring(
                                    "ConfigMap",
                                    volume.path("configMap").path("name").asText())
                            .orElseGet(() -> fail(volume + " names no ConfigMap of k8s/monitoring/"));
                    configMap
                            .path("data")
                            .properties()
                            .forEach(e -> files.put(
                                    mount.path("mountPath").asText() + "/" + e.getKey(),
                                    e.getValue().asText()));
                }
            }
        }
        return files;
    }

    private static List<String> strings(JsonNode list) {
        List<String> strings = new ArrayList<>();
        list.forEach(item -> strings.add(item.asText()));
        return strings;
    }
}
