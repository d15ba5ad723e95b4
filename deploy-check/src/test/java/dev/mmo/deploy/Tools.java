package dev.mmo.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What the checks read, made once per test JVM: k8s/ rendered and docker-compose.yml normalised by this module's own
 * code (Kustomization, ComposeFile: no tool needed), and the Secrets k8s/create-secrets.sh makes (bash and openssl,
 * which ./mvnw's prerequisite check names). Where a real kubectl or {@code docker compose} is installed, the tests
 * also hold those readings to its output (KustomizationTest, ComposeFileTest).
 */
final class Tools {

    static final ObjectMapper YAML = new YAMLMapper();
    private static final long TIMEOUT_SECONDS = 120;

    private static List<JsonNode> kustomized;
    private static List<JsonNode> monitoring;
    private static JsonNode composeConfig;
    private static List<JsonNode> generatedSecrets;

    private Tools() {}

    /** k8s/ as {@code kubectl kustomize k8s/} renders it: every object of the base, as Kubernetes would receive it. */
    static synchronized List<JsonNode> kustomize() {
        if (kustomized == null) {
            kustomized = Kustomization.render(Repo.path("k8s"));
        }
        return kustomized;
    }

    /** k8s/monitoring/ as {@code kubectl kustomize k8s/monitoring/} renders it: Prometheus and Grafana. */
    static synchronized List<JsonNode> kustomizeMonitoring() {
        if (monitoring == null) {
            monitoring = Kustomization.render(Repo.path("k8s/monitoring"));
        }
        return monitoring;
    }

    /** promtool (Prometheus' own checker), where it is installed. */
    static Optional<String> promtool() {
        return onPath("promtool");
    }

    /** docker-compose.yml as {@code docker compose config} prints it: validated and normalised. */
    static synchronized JsonNode composeConfig() {
        if (composeConfig == null) {
            composeConfig = ComposeFile.read(Repo.path("docker-compose.yml"));
        }
        return composeConfig;
    }

    /** What {@code k8s/create-secrets.sh --dry-run} would create. */
    static synchronized List<JsonNode> generatedSecrets() {
        if (generatedSecrets == null) {
            generatedSecrets =
                    documents(run("bash", Repo.path("k8s/create-secrets.sh").toString(), "--dry-run"));
        }
        return generatedSecrets;
    }

    /** kubectl, where it is installed. */
    static Optional<String> kubectl() {
        return onPath("kubectl");
    }

    /** docker with the Compose v2 plugin ({@code docker compose version} answers), where it is installed. */
    static Optional<String> dockerCompose() {
        return onPath("docker").filter(Tools::hasComposePlugin);
    }

    private static boolean hasComposePlugin(String docker) {
        try {
            Process process = new ProcessBuilder(docker, "compose", "version")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static List<JsonNode> documents(String yaml) {
        try (var parser = new YAMLFactory().createParser(yaml)) {
            List<JsonNode> documents = new ArrayList<>();
            for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
                JsonNode document = it.next();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
            return documents;
        } catch (IOException e) {
            throw new IllegalStateException("not YAML: " + e.getMessage(), e);
        }
    }

    static Optional<String> onPath(String tool) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, tool))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst();
    }

    static String run(String... command) {
        try {
            Process process =
                    new ProcessBuilder(command).directory(Repo.ROOT.toFile()).start();
            process.getOutputStream().close();
            var stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            var stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return fail(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                return fail(
                        String.join(" ", command) + " failed (exit " + process.exitValue() + "):\n" + stderr.join());
            }
            return stdout.join();
        } catch (IOException e) {
            return fail("cannot run " + String.join(" ", command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String readAll(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
