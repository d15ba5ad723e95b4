package dev.mmo.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A kustomization rendered as {@code kubectl kustomize} renders it, by code the build brings, so the checks need no
 * kubectl. It implements the fields k8s/kustomization.yaml uses, as kustomize 5 does them (read from kustomize's
 * source): {@code resources} (files), {@code configMapGenerator} ({@code literals}, {@code files}) with the
 * content-hash name suffix and the rewriting of references to the generated ConfigMaps, {@code images}
 * ({@code name}, {@code newName}, {@code newTag}), and kustomize's default
 * ("legacy") output order. Anything else fails with the field's name, so a later change to the kustomization cannot
 * be rendered wrong in silence: implement the field here first, and prove it against {@code kubectl kustomize}
 * (KustomizationTest does that wherever kubectl is installed).
 */
final class Kustomization {

    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "resources", "configMapGenerator", "images");
    private static final Set<String> GENERATOR_FIELDS = Set.of("name", "literals", "files");
    private static final Set<String> IMAGE_FIELDS = Set.of("name", "newName", "newTag");
    /** A tag as kustomize's image matcher allows it (api/image/image.go). */
    private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_.{}-]+");

    private static final String API_VERSION = "kustomize.config.k8s.io/v1beta1";

    /** Where kustomize's nameReference config (builtinpluginconsts/namereference.go) points at a ConfigMap's name. */
    private static final Map<String, String> POD_SPEC_BY_KIND = Map.of(
            "Pod", "spec",
            "PodTemplate", "template/spec",
            "Deployment", "spec/template/spec",
            "ReplicaSet", "spec/template/spec",
            "DaemonSet", "spec/template/spec",
            "StatefulSet", "spec/template/spec",
            "Job", "spec/template/spec",
            "CronJob", "spec/jobTemplate/spec/template/spec");

    private static final List<String> CONFIG_MAP_NAME_PATHS = List.of(
            "volumes/configMap/name",
            "volumes/projected/sources/configMap/name",
            "containers/env/valueFrom/configMapKeyRef/name",
            "initContainers/env/valueFrom/configMapKeyRef/name",
            "containers/envFrom/configMapRef/name",
            "initContainers/envFrom/configMapRef/name");

    /** kustomize's default order (SortOrderTransformer's defaultOrderFirst/Last); other kinds sit in between. */
    private static final List<String> ORDER_FIRST = List.of(
            "Namespace",
            "ResourceQuota",
            "StorageClass",
            "CustomResourceDefinition",
            "ServiceAccount",
            "PodSecurityPolicy",
            "Role",
            "ClusterRole",
            "RoleBinding",
            "ClusterRoleBinding",
            "ConfigMap",
            "Secret",
            "Endpoints",
            "Service",
            "LimitRange",
            "PriorityClass",
            "PersistentVolume",
            "PersistentVolumeClaim",
            "Deployment",
            "StatefulSet",
            "CronJob",
            "PodDisruptionBudget");

    private static final List<String> ORDER_LAST =
            List.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration");

    /** A valid ConfigMap key (Kubernetes' IsConfigMapKey, which kustomize applies to generated keys). */
    private static final Pattern CONFIG_MAP_KEY = Pattern.compile("[-._a-zA-Z0-9]+");

    private final Path dir;
    private final String where;

    private Kustomization(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
        Path file = this.dir.resolve("kustomization.yaml");
        this.where = (file.startsWith(Repo.ROOT) ? Repo.ROOT.relativize(file) : file).toString();
    }

    /** Every object of the kustomization in {@code dir}, in the order {@code kubectl kustomize dir} prints them. */
    static List<JsonNode> render(Path dir) {
        return new Kustomization(dir).render();
    }

    private List<JsonNode> render() {
        for (String other : List.of("kustomization.yml", "Kustomization")) {
            if (Files.exists(dir.resolve(other))) {
                throw invalid("this renderer reads kustomization.yaml only; rename " + other);
            }
        }
        List<JsonNode> documents = Tools.documents(read(dir.resolve("kustomization.yaml")));
        if (documents.size() != 1 || !documents.getFirst().isObject()) {
            throw invalid("must be one YAML mapping");
        }
        JsonNode kustomization = documents.getFirst();
        kustomization.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                throw invalid(
                        "'" + field + "' is a field this renderer does not implement (it knows " + FIELDS
                                + "); implement it in deploy-check's Kustomization.java and prove it against kubectl kustomize");
            }
        });
        expect(kustomization, "apiVersion", API_VERSION);
        expect(kustomization, "kind", "Kustomization");

        List<JsonNode> resources = new ArrayList<>();
        for (String file : strings(kustomization, "resources")) {
            resources.addAll(resource(file));
        }
        Map<String, String> generatedNames = new LinkedHashMap<>();
        List<JsonNode> generated = new ArrayList<>();
        for (JsonNode generator : list(kustomization, "configMapGenerator")) {
            ObjectNode configMap = configMap(generator);
            String name = generator.path("name").asText();
            if (generatedNames.containsKey(name)) {
                throw invalid("configMapGenerator makes ConfigMap " + name + " twice");
            }
            String hashed = name + "-" + hash(configMap);
            ((ObjectNode) configMap.path("metadata")).put("name", hashed);
            generatedNames.put(name, hashed);
            generated.add(configMap);
        }

        List<Image> images = new ArrayList<>();
        for (JsonNode image : list(kustomization, "images")) {
            images.add(image(image));
        }

        for (JsonNode resource : resources) {
            String kind = resource.path("kind").asText();
            if (!kind.equals("CustomResourceDefinition")) {
                for (Image image : images) {
                    retag(resource, image);
                }
            }
            if (kind.equals("ConfigMap") && generatedNames.containsKey(Manifests.name(resource))) {
                throw invalid("ConfigMap " + Manifests.name(resource) + " is both a resource and generated");
            }
            String podSpec = POD_SPEC_BY_KIND.get(kind);
            if (podSpec != null) {
                for (String path : CONFIG_MAP_NAME_PATHS) {
                    rename(resource, (podSpec + "/" + path).split("/"), 0, generatedNames);
                }
            }
            // kustomize also renames in places this renderer does not (Role resourceNames, Node configSource, an
            // nginx Ingress annotation); a reference left anywhere would be rendered wrong, so none may be
            mentions(resource, "", generatedNames.keySet());
        }

        List<JsonNode> all = new ArrayList<>(generated);
        all.addAll(resources);
        List<JsonNode> sorted = new ArrayList<>(all);
        sorted.sort(Kustomization::legacyOrder);
        return sorted;
    }

    /** The objects of one {@code resources} entry: a YAML file in this folder. */
    private List<JsonNode> resource(String file) {
        Path path = dir.resolve(file).normalize();
        if (file.contains("://") || !path.startsWith(dir) || !Files.isRegularFile(path)) {
            throw invalid("resource " + file + " is no file in " + dir.getFileName()
                    + "; this renderer reads files beside the kustomization only (no folders, bases or URLs)");
        }
        List<JsonNode> objects = new ArrayList<>();
        for (JsonNode object : Tools.documents(read(path))) {
            String what = file + ": " + object.path("kind").asText("?") + " " + Manifests.name(object);
            if (!object.isObject()
                    || object.path("apiVersion").asText().isEmpty()
                    || object.path("kind").asText().isEmpty()
                    || Manifests.name(object).isEmpty()) {
                throw invalid(what + " needs apiVersion, kind and metadata.name");
            }
            if (object.path("kind").asText().endsWith("List")) {
                throw invalid(what + ": lists of objects are not implemented; write each object as its own document");
            }
            if (object.path("metadata").has("namespace")) {
                // kustomize renames references only between objects of one namespace
                throw invalid(what + " sets metadata.namespace; the base has none (kubectl -n, or an overlay)");
            }
            objects.add(object);
        }
        return objects;
    }

    /** A generated ConfigMap, named as in the kustomization (the hash suffix comes after). */
    private ObjectNode configMap(JsonNode generator) {
        generator.fieldNames().forEachRemaining(field -> {
            if (!GENERATOR_FIELDS.contains(field)) {
                throw invalid(
                        "configMapGenerator '" + field + "' is not implemented here (it knows " + GENERATOR_FIELDS
                                + "); implement it in deploy-check's Kustomization.java and prove it against kubectl kustomize");
            }
        });
        String name = generator.path("name").asText();
        if (!generator.path("name").isTextual() || name.isEmpty()) {
            throw invalid("a configMapGenerator needs a name");
        }
        // kustomize's order: literals, then files; a key may appear once
        SortedMap<String, String> data = new TreeMap<>();
        for (String literal : strings(generator, "literals")) {
            int equals = literal.indexOf('=');
            if (equals <= 0) {
                throw invalid("ConfigMap " + name + ": literal '" + literal + "' is not KEY=VALUE");
            }
            put(data, name, literal.substring(0, equals), withoutQuotes(literal.substring(equals + 1)));
        }
        for (String source : strings(generator, "files")) {
            String[] parts = source.split("=", -1);
            if (parts.length > 2 || parts[0].isEmpty() || (parts.length == 2 && parts[1].isEmpty())) {
                throw invalid("ConfigMap " + name + ": file source '" + source + "' is not [KEY=]PATH");
            }
            String file = parts[parts.length - 1];
            Path path = dir.resolve(file).normalize();
            if (!path.startsWith(dir) || !Files.isRegularFile(path)) {
                throw invalid("ConfigMap " + name + ": " + file + " is no file in " + dir.getFileName());
            }
            put(data, name, parts.length == 2 ? parts[0] : path.getFileName().toString(), utf8(path));
        }
        ObjectNode configMap = JsonNodeFactory.instance.objectNode();
        configMap.put("apiVersion", "v1");
        configMap.put("kind", "ConfigMap");
        configMap.putObject("metadata").put("name", name);
        if (!data.isEmpty()) {
            ObjectNode map = configMap.putObject("data");
            data.forEach(map::put);
        }
        return configMap;
    }

    private void put(Map<String, String> data, String configMap, String key, String value) {
        if (key.length() > 253 || !CONFIG_MAP_KEY.matcher(key).matches() || key.equals(".") || key.startsWith("..")) {
            throw invalid("ConfigMap " + configMap + ": '" + key + "' is no valid ConfigMap key");
        }
        if (data.put(key, value) != null) {
            throw invalid("ConfigMap " + configMap + " repeats the key " + key);
        }
    }

    /** kustomize's removeQuotes: one pair of matching outer quotes goes. */
    private static String withoutQuotes(String value) {
        if (value.length() >= 2
                && value.charAt(0) == value.charAt(value.length() - 1)
                && (value.charAt(0) == '"' || value.charAt(0) == '\'')) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    /** One {@code images} entry: the image name it matches, and what replaces the name and the tag. */
    private record Image(String name, String newName, String newTag) {}

    private Image image(JsonNode entry) {
        if (!entry.isObject()) {
            throw invalid("an images entry must be a mapping, not " + entry);
        }
        entry.fieldNames().forEachRemaining(field -> {
            if (!IMAGE_FIELDS.contains(field)) {
                throw invalid(
                        "images '" + field + "' is not implemented here (it knows " + IMAGE_FIELDS
                                + "); implement it in deploy-check's Kustomization.java and prove it against kubectl kustomize");
            }
        });
        for (String field : IMAGE_FIELDS) {
            if (entry.has(field) && !entry.path(field).isTextual()) {
                throw invalid("images '" + field + "' must be a string (quote it), not " + entry.path(field));
            }
        }
        String name = entry.path("name").asText();
        String newTag = entry.path("newTag").asText();
        if (name.isEmpty() || (!entry.has("newName") && !entry.has("newTag"))) {
            throw invalid("an images entry needs a name and a newName or newTag: " + entry);
        }
        if (entry.has("newTag") && !TAG.matcher(newTag).matches()) {
            throw invalid("images newTag '" + newTag + "' is no image tag");
        }
        return new Image(name, entry.path("newName").asText(), newTag);
    }

    /**
     * kustomize's images transformer (api/filters/imagetag, its LegacyFilter): every {@code image} of an element of a
     * sequence called {@code containers} or {@code initContainers}, anywhere in the object, whose name is the
     * entry's (with any tag or digest), gets the new name and tag; a new tag replaces a digest too.
     */
    private static void retag(JsonNode node, Image image) {
        if (node.isArray()) {
            node.forEach(element -> retag(element, image));
        } else if (node.isObject()) {
            node.properties().forEach(field -> {
                retag(field.getValue(), image);
                if ((field.getKey().equals("containers") || field.getKey().equals("initContainers"))
                        && field.getValue().isArray()) {
                    for (JsonNode container : field.getValue()) {
                        JsonNode current = container.path("image");
                        if (container.isObject() && current.isTextual()) {
                            ((ObjectNode) container).put("image", retagged(current.asText(), image));
                        }
                    }
                }
            });
        }
    }

    private static String retagged(String reference, Image image) {
        Matcher matched = Pattern.compile(
                        Pattern.quote(image.name()) + "(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?")
                .matcher(reference);
        if (!matched.matches()) {
            return reference;
        }
        String tag = matched.group(1) == null ? "" : matched.group(1);
        String digest = matched.group(2) == null ? "" : matched.group(2);
        if (!image.newTag().isEmpty()) {
            tag = ":" + image.newTag();
            digest = "";
        }
        return (image.newName().isEmpty() ? image.name() : image.newName()) + tag + digest;
    }

    /**
     * kustomize's name suffix for a ConfigMap (api/hasher/hasher.go): the SHA-256 of Go's JSON encoding of
     * {data, kind, name} (keys sorted), the first ten hex digits with 0, 1, 3, a, e replaced by g, h, k, m, t.
     * kustomize looks the name up as one field called "metadata/name", finds none and hashes "" instead: the
     * suffix depends on the data alone, and so it does here.
     */
    static String hash(JsonNode configMap) {
        StringBuilder json = new StringBuilder("{\"data\":");
        JsonNode data = configMap.path("data");
        if (data.isObject()) {
            json.append('{');
            List<String> keys = new ArrayList<>();
            data.fieldNames().forEachRemaining(keys::add);
            keys.sort(null); // ConfigMap keys are ASCII: Java's order is Go's byte order
            for (String key : keys) {
                if (json.charAt(json.length() - 1) != '{') {
                    json.append(',');
                }
                goString(json, key).append(':');
                goString(json, data.path(key).asText());
            }
            json.append('}');
        } else {
            json.append("\"\"");
        }
        json.append(",\"kind\":\"ConfigMap\",\"name\":\"\"}");
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(json.toString().getBytes(StandardCharsets.UTF_8));
            char[] suffix = HexFormat.of().formatHex(digest).substring(0, 10).toCharArray();
            for (int i = 0; i < suffix.length; i++) {
                suffix[i] = switch (suffix[i]) {
                    case '0' -> 'g';
                    case '1' -> 'h';
                    case '3' -> 'k';
                    case 'a' -> 'm';
                    case 'e' -> 't';
                    default -> suffix[i];
                };
            }
            return new String(suffix);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A string as Go's encoding/json writes it: HTML characters and U+2028/9 escaped, UTF-8 otherwise. */
    private static StringBuilder goString(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    /** Renames generated ConfigMaps along one path; sequences on the way are walked element by element. */
    private static void rename(JsonNode node, String[] path, int at, Map<String, String> names) {
        if (node.isArray()) {
            node.forEach(element -> rename(element, path, at, names));
        } else if (node.isObject()) {
            JsonNode child = node.path(path[at]);
            if (at == path.length - 1) {
                if (child.isTextual() && names.containsKey(child.asText())) {
                    ((ObjectNode) node).set(path[at], TextNode.valueOf(names.get(child.asText())));
                }
            } else if (!child.isMissingNode()) {
                rename(child, path, at + 1, names);
            }
        }
    }

    private void mentions(JsonNode node, String path, Set<String> names) {
        if (node.isTextual() && names.contains(node.asText())) {
            throw invalid(
                    "'" + node.asText() + "' at " + path + " names a generated ConfigMap where this renderer"
                            + " does not rewrite references; teach Kustomization.java the field (kustomize's namereference.go)");
        }
        if (node.isObject()) {
            node.properties().forEach(e -> mentions(e.getValue(), path + "/" + e.getKey(), names));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                mentions(node.get(i), path + "/" + i, names);
            }
        }
    }

    /** kustomize's legacyIDSorter: kinds by the fixed lists, then group_version_kind, then namespace and name. */
    private static int legacyOrder(JsonNode a, JsonNode b) {
        String kindA = a.path("kind").asText();
        String kindB = b.path("kind").asText();
        int rank = Integer.compare(rank(kindA), rank(kindB));
        if (rank != 0) {
            return rank;
        }
        int gvk = gvk(a).compareTo(gvk(b));
        if (gvk != 0) {
            return kindA.equals("Namespace") && kindB.equals("Namespace") ? -gvk : gvk;
        }
        return Manifests.name(a).compareTo(Manifests.name(b));
    }

    private static int rank(String kind) {
        int first = ORDER_FIRST.indexOf(kind);
        if (first >= 0) {
            return first - ORDER_FIRST.size();
        }
        int last = ORDER_LAST.indexOf(kind);
        return last >= 0 ? last + 1 : 0;
    }

    private static String gvk(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "~G" : apiVersion.substring(0, slash);
        return group + "_" + apiVersion.substring(slash + 1) + "_"
                + object.path("kind").asText();
    }

    private void expect(JsonNode kustomization, String field, String value) {
        if (kustomization.has(field) && !kustomization.path(field).asText().equals(value)) {
            throw invalid(field + " must be " + value);
        }
    }

    private List<JsonNode> list(JsonNode parent, String field) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw invalid("'" + field + "' must be a list");
        }
        List<JsonNode> items = new ArrayList<>();
        node.forEach(items::add);
        return items;
    }

    private List<String> strings(JsonNode parent, String field) {
        List<String> strings = new ArrayList<>();
        for (JsonNode item : list(parent, field)) {
            if (!item.isTextual()) {
                throw invalid("'" + field + "' must be a list of strings, not " + item);
            }
            strings.add(item.asText());
        }
        return strings;
    }

    private String utf8(Path path) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(path)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw invalid(path.getFileName() + " is not UTF-8 text; binaryData is not implemented here");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private IllegalStateException invalid(String problem) {
        return new IllegalStateException(where + ": " + problem);
    }
}
