package dev.mmo.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/security.md names every limit of the configuration reference with its default, and every secret. */
class SecurityDocsTest {

    private static final String LIMITS_HEADER = "| limit | setting | default | beyond it |";
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]*)`");
    private static final Pattern VARIABLE = Pattern.compile("[A-Z][A-Z0-9_]+");
    /** A setting whose name says it bounds something: a maximum, a timeout, a queue, a window, a rate, a lifetime. */
    static final Pattern LIMIT = Pattern.compile("(^|_)MAX(_|$)|TIMEOUT|LIMIT|LIFETIME|QUEUE|_PER_|WINDOW|DELAY"
            + "|RETRY_AFTER|MEMORY|TRACKED|THREADS|WAIT|BOUNDS|FREE_FAILURES|LENGTH|REFETCH");

    /** The default cell of security.md's limits tables, by every variable its setting cell names. */
    static Map<String, String> limitRows() {
        Map<String, String> rows = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : Repo.read("docs/security.md").split("\n")) {
            String trimmed = line.strip();
            if (trimmed.equals(LIMITS_HEADER)) {
                inTable = true;
                continue;
            }
            if (!trimmed.startsWith("|")) {
                inTable = false;
                continue;
            }
            if (inTable && !trimmed.startsWith("|---")) {
                String[] cells = trimmed.substring(1).split("\\|");
                Matcher setting = BACKTICKED.matcher(cells[1]);
                while (setting.find()) {
                    if (VARIABLE.matcher(setting.group(1)).matches()) {
                        rows.put(setting.group(1), cells[2].strip());
                    }
                }
            }
        }
        return rows;
    }

    @Test
    void everyLimitOfTheConfigurationReferenceIsInTheLimitsTablesWithItsDefault() {
        Map<String, String> limits = limitRows();
        Set<String> missing = new TreeSet<>();
        int checked = 0;
        for (DeployDocsTest.Row row : DeployDocsTest.referenceRows().values()) {
            if (!row.env().startsWith("MMO_") || !LIMIT.matcher(row.env()).find()) {
                continue;
            }
            checked++;
            String documented = limits.get(row.env());
            if (documented == null) {
                missing.add(row.env());
                continue;
            }
            Set<String> defaults = backticked(row.defaultCell());
            if (defaults.isEmpty()) {
                assertTrue(
                        documented.startsWith("unset"), row.env() + " has no default; security.md says " + documented);
            } else {
                assertTrue(
                        backticked(documented).containsAll(defaults),
                        row.env() + ": deploy.md's default " + defaults + ", security.md's " + documented);
            }
        }
        assertEquals(Set.of(), missing, "limits in deploy.md's reference that security.md's limits tables miss");
        assertTrue(checked >= 40, "the reference's limits were found: " + checked);
    }

    @Test
    void namesEverySecretWhereItLivesAndHowItIsRotated() {
        String security = Repo.read("docs/security.md");
        Set<String> secrets = new TreeSet<>();
        Tools.generatedSecrets()
                .forEach(secret ->
                        secrets.add(secret.path("metadata").path("name").asText()));
        for (JsonNode ingress : Manifests.ofKind("Ingress")) {
            ingress.path("spec")
                    .path("tls")
                    .forEach(tls -> secrets.add(tls.path("secretName").asText()));
        }
        // Compose's one-shots make its secrets into volumes
        secrets.addAll(DockerComposeTest.oneShots());
        for (String secret : secrets) {
            assertTrue(security.contains("`" + secret + "`"), "docs/security.md does not name " + secret);
        }
        for (String rotation : Set.of(
                "./mmo rotate-keys",
                "k8s/rotate-keys.sh",
                "dev.mmo.auth.token.RotateKeys",
                "ALTER USER",
                "reset-admin-password",
                "create secret tls mmo-tls")) {
            assertTrue(security.contains(rotation), "docs/security.md does not say how to rotate with " + rotation);
        }
    }

    private static Set<String> backticked(String cell) {
        Set<String> values = new TreeSet<>();
        Matcher value = BACKTICKED.matcher(cell);
        while (value.find()) {
            values.add(value.group(1));
        }
        return values;
    }
}
