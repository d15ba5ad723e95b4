package dev.mmo.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The rendered k8s/ base (as {@code kubectl kustomize} renders it: Kustomization) and the checks' look-ups. */
final class Manifests {

    static final List<String> WORKLOAD_KINDS = List.of("Deployment", "StatefulSet");

    private Manifests() {}

    static List<JsonNode> all() {
        return Tools.kustomize();
    }

    static List<JsonNode> ofKind(String kind) {
        return all().stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    static Optional<JsonNode> find(String kind, String name) {
        return ofKind(kind).stream()
                .filter(o -> o.path("metadata").path("name").asText().equals(name))
                .findFirst();
    }

    static JsonNode workload(String kind, String name) {
        return find(kind, name).orElseGet(() -> fail("k8s/ renders no " + kind + " named " + name));
    }

    static List<JsonNode> workloads() {
        return all().stream()
                .filter(o -> WORKLOAD_KINDS.contains(o.path("kind").asText()))
                .toList();
    }

    /** The rendered k8s/monitoring/ kustomization (Prometheus, Grafana), applied beside the base. */
    static List<JsonNode> monitoring() {
        return Tools.kustomizeMonitoring();
    }

    static Optional<JsonNode> findMonitoring(String kind, String name) {
        return monitoring().stream()
                .filter(o -> o.path("kind").asText().equals(kind) && name(o).equals(name))
                .findFirst();
    }

    /** The workloads of the base and of k8s/monitoring/. */
    static List<JsonNode> allWorkloads() {
        List<JsonNode> all = new ArrayList<>(workloads());
        monitoring().stream()
                .filter(o -> WORKLOAD_KINDS.contains(o.path("kind").asText()))
                .forEach(all::add);
        return all;
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    static JsonNode podSpec(JsonNode workload) {
        return workload.path("spec").path("template").path("spec");
    }

    static JsonNode podLabels(JsonNode workload) {
        return workload.path("spec").path("template").path("metadata").path("labels");
    }

    static JsonNode container(JsonNode workload, String name) {
        for (JsonNode container : podSpec(workload).path("containers")) {
            if (container.path("name").asText().equals(name)) {
                return container;
            }
        }
        return fail(name(workload) + " has no container named " + name);
    }

    /** Do these labels carry every key and value of the selector? */
    static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.isMissingNode() || selector.isEmpty()) {
            return false;
        }
        for (var entry : selector.properties()) {
            if (!labels.path(entry.getKey())
                    .asText("\0")
                    .equals(entry.getValue().asText())) {
                return false;
            }
        }
        return true;
    }

    /** The workloads whose pods a Service (or any label selector) selects. */
    static List<JsonNode> workloadsSelectedBy(JsonNode selector) {
        return workloads().stream().filter(w -> selects(selector, podLabels(w))).toList();
    }

    /** A port given by number or by the container port's name, as a number. */
    static int containerPort(JsonNode container, JsonNode port) {
        if (port.isInt() || port.asText().matches("\\d+")) {
            return port.asInt();
        }
        for (JsonNode declared : container.path("ports")) {
            if (declared.path("name").asText().equals(port.asText())) {
                return declared.path("containerPort").asInt();
            }
        }
        return fail("container " + container.path("name").asText() + " has no port named " + port.asText());
    }

    /**
     * A container's environment, each value resolved: literal values and ConfigMap keys to their text (the
     * ConfigMap must be rendered and hold the key), Secret keys to "secret:NAME/KEY".
     */
    static Map<String, String> environment(JsonNode container) {
        Map<String, String> env = new LinkedHashMap<>();
        if (container.has("envFrom")) {
            fail(container.path("name").asText() + " uses envFrom; name each variable, so each one can be checked"
                    + " against what the service reads");
        }
        for (JsonNode variable : container.path("env")) {
            String name = variable.path("name").asText();
            JsonNode from = variable.path("valueFrom");
            if (variable.has("value")) {
                env.put(name, variable.path("value").asText());
            } else if (from.has("configMapKeyRef")) {
                String map = from.path("configMapKeyRef").path("name").asText();
                String key = from.path("configMapKeyRef").path("key").asText();
                JsonNode data = find("ConfigMap", map)
                        .orElseGet(() -> fail(name + " reads ConfigMap " + map + ", which k8s/ does not render"))
                        .path("data");
                if (!data.has(key)) {
                    fail(name + " reads key " + key + " of ConfigMap " + map + ", which has no such key");
                }
                env.put(name, data.path(key).asText());
            } else if (from.has("secretKeyRef")) {
                env.put(
                        name,
                        "secret:" + from.path("secretKeyRef").path("name").asText() + "/"
                                + from.path("secretKeyRef").path("key").asText());
            } else {
                fail(name + " has a valueFrom this check does not know: " + from);
            }
        }
        return env;
    }

    /**
     * Every Secret a pod of the base or of k8s/monitoring/ uses, as NAME/KEY (env references) or NAME/* (whole-secret
     * volumes: their items).
     */
    static List<String> secretReferences() {
        List<String> references = new ArrayList<>();
        for (JsonNode workload : allWorkloads()) {
            JsonNode pod = podSpec(workload);
            List<JsonNode> containers = new ArrayList<>();
            pod.path("containers").forEach(containers::add);
            pod.path("initContainers").forEach(containers::add);
            for (JsonNode container : containers) {
                for (String value : environment(container).values()) {
                    if (value.startsWith("secret:")) {
                        references.add(value.substring("secret:".length()));
                    }
                }
            }
            for (JsonNode volume : pod.path("volumes")) {
                if (volume.has("secret")) {
                    references.add(volume.path("secret").path("secretName").asText() + "/*");
                }
            }
        }
        return references;
    }
}
