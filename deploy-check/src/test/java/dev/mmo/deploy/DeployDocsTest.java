package dev.mmo.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/deploy.md's configuration reference is complete and says what the code says. */
class DeployDocsTest {

    private static final String REFERENCE_HEADER = "| variable | default | read by | what |";
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]*)`");

    record Row(String env, String defaultCell, String readByCell) {}

    /** The rows of every reference table (tables with the reference header), by variable. */
    static Map<String, Row> referenceRows() {
        Map<String, Row> rows = new LinkedHashMap<>();
        boolean inReference = false;
        for (String line : Repo.read("docs/deploy.md").split("\n")) {
            String trimmed = line.strip();
            if (trimmed.equals(REFERENCE_HEADER)) {
                inReference = true;
                continue;
            }
            if (!trimmed.startsWith("|")) {
                inReference = false;
                continue;
            }
            if (inReference && !trimmed.startsWith("|---")) {
                String[] cells = trimmed.substring(1).split("\\|");
                Matcher env = BACKTICKED.matcher(cells[0]);
                assertTrue(env.find(), "a reference row must start with a `VARIABLE`: " + trimmed);
                Row previous = rows.put(env.group(1), new Row(env.group(1), cells[1].strip(), cells[2].strip()));
                assertTrue(previous == null, env.group(1) + " is listed twice");
            }
        }
        return rows;
    }

    /** What an operator sets: every mmo.* setting, and the addresses and credentials of what the services use. */
    static boolean isOperatorSetting(String property) {
        return property.startsWith("mmo.")
                || Set.of(
                                "quarkus.http.port",
                                "quarkus.management.port",
                                "quarkus.datasource.jdbc.url",
                                "quarkus.datasource.username",
                                "quarkus.datasource.password",
                                "kafka.bootstrap.servers")
                        .contains(property);
    }

    @Test
    void everySettingIsListedWithItsDefaultAndTheServicesThatReadIt() {
        Map<String, Row> rows = referenceRows();
        Map<String, List<ServiceConfig.Setting>> byEnv = new LinkedHashMap<>();
        Map<String, Set<String>> readers = new LinkedHashMap<>();
        for (ServiceConfig service : ServiceConfig.all()) {
            for (ServiceConfig.Setting setting : service.settings().values()) {
                if (isOperatorSetting(setting.property())) {
                    byEnv.computeIfAbsent(setting.env(), e -> new ArrayList<>()).add(setting);
                    readers.computeIfAbsent(setting.env(), e -> new TreeSet<>()).add(service.name());
                }
            }
        }
        assertFalse(byEnv.isEmpty(), "no operator settings found in the services' configuration");
        for (var entry : byEnv.entrySet()) {
            String env = entry.getKey();
            Row row = rows.get(env);
            assertTrue(row != null, "docs/deploy.md's configuration reference misses " + env);

            Set<String> defaults = new TreeSet<>();
            entry.getValue().forEach(s -> s.defaultValue().ifPresent(defaults::add));
            Set<String> documented = new TreeSet<>();
            Matcher value = BACKTICKED.matcher(row.defaultCell());
            while (value.find()) {
                documented.add(value.group(1));
            }
            if (defaults.isEmpty()) {
                assertTrue(
                        documented.isEmpty() && row.defaultCell().startsWith("unset"),
                        env + " has no default: write 'unset', not " + row.defaultCell());
            } else {
                assertEquals(defaults, documented, env + ": the documented default differs from the code's");
            }

            Set<String> readBy = row.readByCell().equals("all four")
                    ? new TreeSet<>(ServiceConfig.all().stream()
                            .map(ServiceConfig::name)
                            .toList())
                    : new TreeSet<>(List.of(row.readByCell().split(",\\s*")));
            assertEquals(readers.get(env), readBy, env + ": 'read by' differs from the services that read it");
        }
        Set<String> extra = new TreeSet<>(rows.keySet());
        extra.removeAll(byEnv.keySet());
        assertEquals(Set.of(), extra, "the reference lists variables no service reads as an operator setting");
    }

    @Test
    void namesTheSecretsAndTheScriptThatMakesThem() {
        String docs = Repo.read("docs/deploy.md");
        assertTrue(docs.contains("k8s/create-secrets.sh"));
        assertFalse(Tools.generatedSecrets().isEmpty(), "k8s/create-secrets.sh makes no Secrets");
        for (var secret : Tools.generatedSecrets()) {
            String name = secret.path("metadata").path("name").asText();
            assertTrue(
                    docs.contains("create secret generic " + name),
                    "docs/deploy.md must show how to make Secret " + name + " by hand");
            secret.path("data")
                    .fieldNames()
                    .forEachRemaining(key -> assertTrue(
                            docs.contains(key), "docs/deploy.md does not mention " + name + "'s key " + key));
        }
    }
}
