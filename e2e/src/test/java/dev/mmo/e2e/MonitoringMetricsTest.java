package dev.mmo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.mmo.testing.GameClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every metric the Grafana dashboard and the Prometheus alert rules in k8s/monitoring/ query is one the running
 * services really export: the packaged services play a little (an account, a login, a walk, chat up to its rate
 * limit), then each one's {@code /q/metrics} is read on its management port, and every metric name in every query
 * must be among the names exported. A renamed or lazily registered metric would leave a panel empty or an alert
 * that can never fire.
 */
class MonitoringMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Series Prometheus makes itself for every target, not the services. */
    private static final Set<String> MADE_BY_PROMETHEUS = Set.of("up");

    private final RunningSystem system = RunningSystem.get();

    @Test
    void everyMetricTheDashboardAndTheAlertsQueryIsExported() throws IOException {
        play();

        Set<String> exported = new TreeSet<>();
        for (ServiceProcess service : List.of(system.gatewayProcess(), system.auth(), system.world(), system.chat())) {
            String metrics = service.body("/q/metrics");
            assertTrue(metrics != null, service.name() + " did not answer /q/metrics on its management port");
            Set<String> names = sampleNames(metrics);
            assertFalse(names.isEmpty(), service.name() + " exported nothing");
            exported.addAll(names);
        }

        Map<String, Set<String>> missing = new TreeMap<>();
        queries().forEach((where, expression) -> {
            Set<String> names = PromQl.metricNames(expression);
            assertFalse(names.isEmpty(), where + " reads no metric: " + expression);
            for (String name : names) {
                if (!exported.contains(name) && !MADE_BY_PROMETHEUS.contains(name)) {
                    missing.computeIfAbsent(name, n -> new TreeSet<>()).add(where);
                }
            }
        });
        assertEquals(Map.of(), missing, "metrics the monitoring queries that no service exports (name → where)");
    }

    /** Traffic through the gateway that makes the services register what they register only when it happens. */
    private void play() {
        String name = Players.uniqueName("watched");
        Players.register(system, name, 1);
        try (GameClient player = GameClient.join(system.gameSocket(), Players.login(system, name))) {
            assertEquals("Welcome", player.next(WAIT).path("type").asText());
            player.target(20, 10);
            // chat takes the session just after the world; until then the gateway answers chat_unavailable
            long deadline = System.nanoTime() + WAIT.toNanos();
            String hello = "hello from " + name;
            while (true) {
                player.send(chat(hello));
                JsonNode answer = player.next(
                        m -> isChat(m, hello) || "Error".equals(m.path("type").asText()), WAIT, "our chat or an error");
                if (isChat(answer, hello)) {
                    break;
                }
                assertEquals("chat_unavailable", answer.path("code").asText(), answer.toString());
                assertTrue(System.nanoTime() < deadline, "chat never took the session");
                pause(); // before asking again
            }
            // over the rate limit (5 messages per 5 s): the refusal is counted by reason
            for (int i = 0; i < 6; i++) {
                player.send(chat("again " + i));
            }
            JsonNode refused = player.next(m -> "Error".equals(m.path("type").asText()), WAIT, "a refused chat");
            assertEquals("rate_limited", refused.path("code").asText(), refused.toString());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String chat(String text) {
        return JsonNodeFactory.instance
                .objectNode()
                .put("type", "Chat")
                .put("text", text)
                .toString();
    }

    private static boolean isChat(JsonNode message, String text) {
        return "Chat".equals(message.path("type").asText())
                && text.equals(message.path("text").asText());
    }

    /** The names of the samples in a Prometheus text exposition ({@code name{labels} value}, comments skipped). */
    static Set<String> sampleNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    /** Every query of the dashboard's panels and every alert rule's expression, by where it is. */
    private Map<String, String> queries() throws IOException {
        Map<String, String> queries = new LinkedHashMap<>();
        Path monitoring = system.root().resolve("k8s/monitoring");
        JsonNode dashboard = new ObjectMapper()
                .readTree(monitoring.resolve("grafana/mmo-dashboard.json").toFile());
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.put(
                        "panel \"" + panel.path("title").asText() + "\" "
                                + target.path("refId").asText(),
                        target.path("expr").asText());
            }
        }
        JsonNode rules = new YAMLMapper()
                .readTree(monitoring.resolve("prometheus/alerts.yml").toFile());
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                queries.put(
                        "alert " + rule.path("alert").asText(),
                        rule.path("expr").asText());
            }
        }
        assertTrue(queries.size() > 20, "the dashboard and the rules hold the queries: " + queries.keySet());
        return queries;
    }
}
