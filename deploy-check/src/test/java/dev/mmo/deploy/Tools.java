package dev.mmo.deploy;

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

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The command-line tools the checks render with, run once per test JVM. A missing tool fails the check with what to
 * install: a check that skips itself would let CI go green without looking.
 */
final class Tools {

    static final ObjectMapper YAML = new YAMLMapper();
    private static final long TIMEOUT_SECONDS = 120;

    private static List<JsonNode> kustomized;
    private static JsonNode composeConfig;
    private static List<JsonNode> generatedSecrets;

    private Tools() {
    }

    /** {@code kubectl kustomize k8s/}: every object of the base, as Kubernetes would receive it. */
    static synchronized List<JsonNode> kustomize() {
        if (kustomized == null) {
            String kubectl = require("kubectl", "Debian: apt-get install kubernetes-client (or any kubectl >= 1.14)");
            kustomized = documents(run(kubectl, "kustomize", Repo.path("k8s").toString()));
        }
        return kustomized;
    }

    /** {@code docker-compose config}: docker-compose.yml validated and normalised by Compose itself. */
    static synchronized JsonNode composeConfig() {
        if (composeConfig == null) {
            String file = Repo.path("docker-compose.yml").toString();
            Optional<String> standalone = onPath("docker-compose");
            Optional<String> docker = onPath("docker").filter(Tools::hasComposePlugin);
            String output;
            if (standalone.isPresent()) {
                output = run(standalone.get(), "--file", file, "config");
            } else if (docker.isPresent()) {
                output = run(docker.get(), "compose", "--file", file, "config");
            } else {
                output = require("docker-compose",
                        "Debian: apt-get install docker-compose; only `config` is used, no Docker engine is needed");
            }
            composeConfig = documents(output).getFirst();
        }
        return composeConfig;
    }

    /** What {@code k8s/create-secrets.sh --dry-run} would create. */
    static synchronized List<JsonNode> generatedSecrets() {
        if (generatedSecrets == null) {
            require("kubectl", "Debian: apt-get install kubernetes-client (or any kubectl >= 1.14)");
            require("openssl", "Debian: apt-get install openssl");
            generatedSecrets = documents(run("bash", Repo.path("k8s/create-secrets.sh").toString(), "--dry-run"));
        }
        return generatedSecrets;
    }

    private static boolean hasComposePlugin(String docker) {
        try {
            Process process = new ProcessBuilder(docker, "compose", "version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
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

    private static String require(String tool, String howToInstall) {
        return onPath(tool).orElseGet(() -> fail(tool + " is not installed, and the deployment checks need it. Install it ("
                + howToInstall + "); .ci/run does this on CI machines."));
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
            Process process = new ProcessBuilder(command).directory(Repo.ROOT.toFile()).start();
            process.getOutputStream().close();
            var stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            var stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return fail(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                return fail(String.join(" ", command) + " failed (exit " + process.exitValue() + "):\n" + stderr.join());
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
