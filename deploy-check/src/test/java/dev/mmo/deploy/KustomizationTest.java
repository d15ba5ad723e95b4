package dev.mmo.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The k8s/ renderer every Kubernetes check relies on: kustomize's own hash test cases, the rewriting of references,
 * its refusal of what it does not implement, and, wherever kubectl is installed, {@code kubectl kustomize}'s output
 * object for object and in the same order.
 */
class KustomizationTest {

    @TempDir
    Path dir;

    /**
     * Renders every place kustomize rewrites a ConfigMap's name in, two generators, literals and files, and images
     * retagged, renamed, both, a digest replaced, and a longer name left alone.
     */
    static final String EVERY_FEATURE = """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources:
              - workloads.yaml
              - others.yaml
            configMapGenerator:
              - name: settings
                literals:
                  - PLAIN=kafka:9092
                  - QUOTED="a value with spaces"
                  - SINGLE='single'
                  - HTML=a<b>&c
                  - EQUALS=a=b=c
                  - NUMBER=1
                  - BOOLEAN=true
                  - EMPTY=
                  - UNICODE=héllo ✓
                files:
                  - app.properties
                  - renamed.conf=other.conf
              - name: empty
            images:
              - name: web
                newTag: "2.0"
              - name: busybox
                newName: registry.example.com/tools/busybox
              - name: job
                newName: registry.example.com/job
                newTag: v1
              - name: db
                newTag: "17"
            """;

    static final String WORKLOADS = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              template:
                spec:
                  initContainers:
                    - name: init
                      image: busybox:1.36
                      env:
                        - name: A
                          valueFrom:
                            configMapKeyRef: {name: settings, key: PLAIN}
                      envFrom:
                        - configMapRef: {name: settings}
                  containers:
                    - name: web
                      image: web
                      env:
                        - name: B
                          valueFrom:
                            configMapKeyRef: {name: empty, key: none, optional: true}
                      envFrom:
                        - configMapRef: {name: settings}
                    - name: sidecar
                      image: web-extra:1
                  volumes:
                    - name: config
                      configMap: {name: settings}
                    - name: projected
                      projected:
                        sources:
                          - configMap: {name: settings}
                          - configMap: {name: not-generated}
            ---
            apiVersion: batch/v1
            kind: CronJob
            metadata:
              name: nightly
            spec:
              schedule: "0 3 * * *"
              jobTemplate:
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                        - name: job
                          image: job
                          envFrom:
                            - configMapRef: {name: settings}
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: db
            spec:
              serviceName: db
              template:
                spec:
                  containers:
                    - name: db
                      image: db@sha256:0123456789abcdef
                      volumeMounts: [{name: config, mountPath: /etc/db}]
                  volumes:
                    - name: config
                      configMap: {name: settings}
            """;
    static final String OTHERS = """
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              ports: [{port: 80, targetPort: http}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: b-policy}
            spec: {podSelector: {}}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: a-policy}
            spec: {podSelector: {}}
            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: web}
            spec: {maxReplicas: 2, scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: game}
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: web}
            spec: {minAvailable: 1}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: not-generated}
            data: {KEY: "1"}
            """;

    @Test
    void hashIsKustomizesOnItsOwnTestCases() {
        // api/hasher/hasher_test.go, TestConfigMapHash: "empty data" and "one key"
        assertEquals(
                "6ct58987ht",
                Kustomization.hash(
                        Tools.documents("apiVersion: v1\nkind: ConfigMap").getFirst()));
        assertEquals("9g67k2htb6", Kustomization.hash(Tools.documents("""
                apiVersion: v1
                kind: ConfigMap
                data:
                  one: ""
                """).getFirst()));
    }

    @Test
    void theBaseNamesItsConfigMapByItsContentAndEveryReferenceFollows() {
        List<JsonNode> configMaps = Manifests.ofKind("ConfigMap");
        assertEquals(1, configMaps.size(), "k8s/ generates one ConfigMap");
        JsonNode configMap = configMaps.getFirst();
        assertEquals("mmo-config-" + Kustomization.hash(configMap), Manifests.name(configMap));
        int references = 0;
        for (JsonNode workload : Manifests.workloads()) {
            for (JsonNode container : Manifests.podSpec(workload).path("containers")) {
                for (JsonNode variable : container.path("env")) {
                    JsonNode reference = variable.path("valueFrom").path("configMapKeyRef");
                    if (!reference.isMissingNode()) {
                        assertEquals(
                                Manifests.name(configMap),
                                reference.path("name").asText());
                        references++;
                    }
                }
            }
        }
        assertTrue(references > 0, "the services read their addresses from the generated ConfigMap");
    }

    @Test
    void renamesEveryReferenceKustomizeRenamesAndKeepsKustomizesOrder() throws IOException {
        List<JsonNode> rendered = Kustomization.render(everyFeature());
        assertEquals(
                List.of(
                        "Namespace/game",
                        "ConfigMap/empty-6ct58987ht",
                        "ConfigMap/not-generated",
                        "ConfigMap/settings-" + Kustomization.hash(rendered.get(3)),
                        "Service/web",
                        "Deployment/web",
                        "StatefulSet/db",
                        "CronJob/nightly",
                        "PodDisruptionBudget/web",
                        "HorizontalPodAutoscaler/web",
                        "NetworkPolicy/a-policy",
                        "NetworkPolicy/b-policy"),
                rendered.stream()
                        .map(o -> o.path("kind").asText() + "/" + Manifests.name(o))
                        .toList());
        String settings = Manifests.name(rendered.get(3));
        assertEquals("a<b>&c", rendered.get(3).path("data").path("HTML").asText());
        assertEquals(
                "a value with spaces",
                rendered.get(3).path("data").path("QUOTED").asText());
        assertEquals(
                "other = 2\n", rendered.get(3).path("data").path("renamed.conf").asText());
        String all = rendered.toString();
        // seven references and the ConfigMap's own name
        assertEquals(
                8, all.split("\"" + settings + "\"", -1).length - 1, "every reference to settings renamed: " + all);
        assertTrue(all.contains("\"name\":\"empty-6ct58987ht\""));
        assertTrue(all.contains("\"name\":\"not-generated\""), "a ConfigMap from the resources keeps its name");
    }

    @Test
    void retagsAndRenamesImagesWhereverContainersAre() throws IOException {
        Map<String, String> images = new java.util.TreeMap<>();
        for (JsonNode object : Kustomization.render(everyFeature())) {
            for (String field : List.of("containers", "initContainers")) {
                JsonNode spec = object.path("kind").asText().equals("CronJob")
                        ? object.path("spec")
                                .path("jobTemplate")
                                .path("spec")
                                .path("template")
                                .path("spec")
                        : Manifests.podSpec(object);
                spec.path(field)
                        .forEach(c -> images.put(
                                Manifests.name(object) + "/" + c.path("name").asText(),
                                c.path("image").asText()));
            }
        }
        assertEquals(
                Map.of(
                        "web/web",
                        "web:2.0",
                        "web/sidecar",
                        "web-extra:1",
                        "web/init",
                        "registry.example.com/tools/busybox:1.36",
                        "nightly/job",
                        "registry.example.com/job:v1",
                        "db/db",
                        "db:17"),
                images);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "namePrefix: game-|'namePrefix' is a field this renderer does not implement",
                "generatorOptions: {disableNameSuffixHash: true}|'generatorOptions' is a field",
                "configMapGenerator: [{name: x, envs: [x.env]}]|configMapGenerator 'envs' is not implemented",
                "configMapGenerator: [{name: x, literals: [NOVALUE]}]|literal 'NOVALUE' is not KEY=VALUE",
                "configMapGenerator: [{name: x, literals: [A=1, A=2]}]|ConfigMap x repeats the key A",
                "resources: [https://example.invalid/base]|resource https://example.invalid/base is no file",
                "resources: [../outside.yaml]|resource ../outside.yaml is no file",
                "{resources: [role.yaml], configMapGenerator: [{name: x}]}|'x' at /rules/0/resourceNames/0 names a generated",
                "resources: [namespaced.yaml]|sets metadata.namespace",
                "images: [{name: web, digest: 'sha256:00'}]|images 'digest' is not implemented",
                "images: [{name: web, newTag: 2.0}]|images 'newTag' must be a string",
                "images: [{name: web}]|needs a name and a newName or newTag",
            })
    void refusesWhatItDoesNotImplementNamingIt(String kustomization, String expected) throws IOException {
        Files.writeString(dir.resolve("role.yaml"), """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {name: reader}
                rules: [{apiGroups: [""], resources: [configmaps], resourceNames: [x], verbs: [get]}]
                """);
        Files.writeString(
                dir.resolve("namespaced.yaml"), "apiVersion: v1\nkind: Service\nmetadata: {name: a, namespace: b}\n");
        Files.writeString(dir.resolve("kustomization.yaml"), kustomization);
        var failure = assertThrows(IllegalStateException.class, () -> Kustomization.render(dir));
        assertTrue(failure.getMessage().contains(expected), failure.getMessage());
    }

    @Test
    void rendersTheBaseExactlyAsKubectlKustomize() {
        String kubectl = Tools.kubectl().orElse(null);
        assumeTrue(kubectl != null, "kubectl is not installed: the base is rendered by Kustomization alone");
        assertRenderedAlike(
                Tools.documents(Tools.run(kubectl, "kustomize", Repo.path("k8s").toString())), Manifests.all());
    }

    @Test
    void rendersEveryImplementedFeatureExactlyAsKubectlKustomize() throws IOException {
        String kubectl = Tools.kubectl().orElse(null);
        assumeTrue(kubectl != null, "kubectl is not installed: nothing to compare Kustomization with");
        Path everyFeature = everyFeature();
        assertRenderedAlike(
                Tools.documents(Tools.run(kubectl, "kustomize", everyFeature.toString())),
                Kustomization.render(everyFeature));
    }

    private Path everyFeature() throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), EVERY_FEATURE);
        Files.writeString(dir.resolve("workloads.yaml"), WORKLOADS);
        Files.writeString(dir.resolve("others.yaml"), OTHERS);
        Files.writeString(dir.resolve("app.properties"), "greeting = \"hello\" <world> & more \u2028\n\tindented\n");
        Files.writeString(dir.resolve("other.conf"), "other = 2\n");
        return dir;
    }

    private static void assertRenderedAlike(List<JsonNode> expected, List<JsonNode> actual) {
        assertEquals(names(expected), names(actual), "the same objects in the same order");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), "object " + i + " differs");
        }
    }

    private static List<String> names(List<JsonNode> objects) {
        return objects.stream()
                .map(o -> o.path("kind").asText() + "/" + Manifests.name(o))
                .toList();
    }
}
