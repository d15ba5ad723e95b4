package dev.mmo.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Compose file read as Compose reads it, by code the build brings, so the checks need no Compose tool. It is
 * validated strictly for what this project uses: an unknown key, a value of the wrong type, a {@code $} that Compose
 * would interpolate, an undeclared volume or dependency fails with the key's path. It is normalised into the shape
 * {@code docker compose config} (v2) prints: build context absolute, environment as a map of strings, depends_on,
 * ports, volumes and health check tests in their long forms, tmpfs as a list. Where {@code docker compose} is installed,
 * ComposeFileTest holds this reading to its output. To use a new key, teach it here first.
 */
final class ComposeFile {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> TOP_LEVEL = Set.of("services", "volumes");
    private static final Set<String> SERVICE_KEYS = Set.of(
            "image",
            "build",
            "environment",
            "volumes",
            "ports",
            "depends_on",
            "healthcheck",
            "restart",
            "stop_grace_period",
            "command",
            "entrypoint",
            "user",
            "read_only",
            "cap_drop",
            "cap_add",
            "security_opt",
            "tmpfs");
    /** What the checks read of a service besides its ports, volumes, dependencies and health check test. */
    private static final List<String> CHECKED_AS_IS = List.of(
            "image",
            "environment",
            "command",
            "entrypoint",
            "user",
            "read_only",
            "cap_drop",
            "cap_add",
            "security_opt",
            "tmpfs");

    private static final Set<String> BUILD_KEYS = Set.of("context", "dockerfile");
    private static final Set<String> HEALTHCHECK_KEYS =
            Set.of("test", "interval", "timeout", "retries", "start_period", "start_interval", "disable");
    private static final Set<String> DEPENDS_ON_KEYS = Set.of("condition", "required", "restart");
    private static final Set<String> CONDITIONS =
            Set.of("service_started", "service_healthy", "service_completed_successfully");
    private static final Set<String> PORT_KEYS = Set.of("target", "published", "protocol", "host_ip", "mode");
    private static final Set<String> VOLUME_KEYS = Set.of("type", "source", "target", "read_only");
    private static final Pattern DURATION = Pattern.compile("(\\d+(\\.\\d+)?(us|ms|s|m|h))+");
    private static final Pattern RESTART = Pattern.compile("no|always|unless-stopped|on-failure(:\\d+)?");
    private static final Pattern SHORT_PORT = Pattern.compile("(?:(?:([\\d.]+):)?(\\d+):)?(\\d+)(?:/(tcp|udp))?");

    private final Path file;
    private final Path dir;
    private final String where;

    private ComposeFile(Path file) {
        this.file = file.toAbsolutePath().normalize();
        this.dir = this.file.getParent();
        this.where = (this.file.startsWith(Repo.ROOT) ? Repo.ROOT.relativize(this.file) : this.file).toString();
    }

    /** The Compose file, validated and normalised as {@code docker compose config} would print it. */
    static JsonNode read(Path file) {
        return new ComposeFile(file).read();
    }

    private JsonNode read() {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<JsonNode> documents = Tools.documents(text);
        if (documents.size() != 1) {
            throw invalid("", "must be one YAML document");
        }
        JsonNode root = mapping(documents.getFirst(), "");
        known(root, "", TOP_LEVEL);

        ObjectNode config = JSON.objectNode();
        ObjectNode volumes = config.putObject("volumes");
        if (root.has("volumes")) {
            mapping(root.path("volumes"), "volumes");
        }
        root.path("volumes").properties().forEach(volume -> {
            JsonNode options = volume.getValue();
            if (!options.isNull() && !(options.isObject() && options.isEmpty())) {
                throw invalid(
                        "volumes." + volume.getKey(),
                        "volume options (driver, external, name) are not"
                                + " implemented here; a plain named volume is `" + volume.getKey() + ":`");
            }
            volumes.putObject(volume.getKey());
        });

        JsonNode services = mapping(root.path("services"), "services");
        ObjectNode normalised = config.putObject("services");
        services.properties()
                .forEach(s -> normalised.set(s.getKey(), service(s.getKey(), s.getValue(), services, volumes)));
        return config;
    }

    private ObjectNode service(String name, JsonNode service, JsonNode services, JsonNode volumes) {
        String at = "services." + name;
        mapping(service, at);
        known(service, at, SERVICE_KEYS);
        ObjectNode out = JSON.objectNode();
        for (var entry : service.properties()) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            String path = at + "." + key;
            switch (key) {
                case "image" -> out.put(key, text(value, path));
                case "user" -> out.put(key, text(value, path)); // Compose refuses a number here
                case "read_only" -> out.put(key, bool(value, path));
                case "cap_drop", "cap_add", "security_opt" -> out.set(key, strings(value, path));
                case "tmpfs" ->
                    out.set(key, value.isTextual() ? JSON.arrayNode().add(text(value, path)) : strings(value, path));
                case "restart" -> out.put(key, matching(value, path, RESTART));
                case "stop_grace_period" -> out.put(key, matching(value, path, DURATION));
                case "command", "entrypoint" -> out.set(key, strings(value, path));
                case "build" -> out.set(key, build(value, path));
                case "environment" -> out.set(key, environment(value, path));
                case "depends_on" -> out.set(key, dependsOn(value, path, services));
                case "healthcheck" -> out.set(key, healthcheck(value, path));
                case "ports" -> out.set(key, ports(value, path));
                case "volumes" -> out.set(key, volumes(value, path, volumes));
                default -> throw new IllegalStateException(key);
            }
        }
        return out;
    }

    private ObjectNode build(JsonNode build, String at) {
        ObjectNode out = JSON.objectNode();
        if (build.isTextual()) {
            out.put("context", absolute(text(build, at)));
            out.put("dockerfile", "Dockerfile");
            return out;
        }
        known(mapping(build, at), at, BUILD_KEYS);
        out.put("context", absolute(text(build.path("context"), at + ".context")));
        out.put(
                "dockerfile",
                build.has("dockerfile") ? text(build.path("dockerfile"), at + ".dockerfile") : "Dockerfile");
        return out;
    }

    /** KEY: value or - KEY=value; a variable without a value would come from the shell, so none may lack one. */
    private ObjectNode environment(JsonNode environment, String at) {
        ObjectNode out = JSON.objectNode();
        if (environment.isArray()) {
            for (JsonNode item : environment) {
                String assignment = text(item, at);
                int equals = assignment.indexOf('=');
                if (equals <= 0) {
                    throw invalid(at, "'" + assignment + "' takes its value from the shell; give it one (KEY=value)");
                }
                out.put(assignment.substring(0, equals), assignment.substring(equals + 1));
            }
            return out;
        }
        mapping(environment, at).properties().forEach(e -> {
            JsonNode value = e.getValue();
            String path = at + "." + e.getKey();
            if (value.isTextual()) {
                out.put(e.getKey(), text(value, path));
            } else if (value.isIntegralNumber() || value.isBoolean()) {
                out.put(e.getKey(), value.asText()); // Compose passes numbers and booleans on as their text
            } else {
                throw invalid(
                        path,
                        "must be a string (quote it), not "
                                + (value.isNull()
                                        ? "empty: an empty value takes the shell's variable; write \"\" for an empty string"
                                        : value));
            }
        });
        return out;
    }

    private ObjectNode dependsOn(JsonNode dependsOn, String at, JsonNode services) {
        ObjectNode out = JSON.objectNode();
        if (dependsOn.isArray()) {
            for (JsonNode item : dependsOn) {
                ObjectNode dependency = out.putObject(dependency(text(item, at), at, services));
                dependency.put("condition", "service_started");
                dependency.put("required", true);
            }
            return out;
        }
        mapping(dependsOn, at).properties().forEach(e -> {
            String path = at + "." + e.getKey();
            known(mapping(e.getValue(), path), path, DEPENDS_ON_KEYS);
            ObjectNode dependency = out.putObject(dependency(e.getKey(), path, services));
            dependency.put(
                    "condition",
                    e.getValue().has("condition")
                            ? oneOf(e.getValue().path("condition"), path + ".condition", CONDITIONS)
                            : "service_started");
            dependency.put(
                    "required",
                    !e.getValue().has("required") || bool(e.getValue().path("required"), path + ".required"));
            if (e.getValue().has("restart")) {
                dependency.put("restart", bool(e.getValue().path("restart"), path + ".restart"));
            }
        });
        return out;
    }

    private String dependency(String name, String at, JsonNode services) {
        if (!services.has(name)) {
            throw invalid(at, "depends on " + name + ", which is no service of this file");
        }
        return name;
    }

    private ObjectNode healthcheck(JsonNode healthcheck, String at) {
        known(mapping(healthcheck, at), at, HEALTHCHECK_KEYS);
        ObjectNode out = JSON.objectNode();
        for (var e : healthcheck.properties()) {
            String path = at + "." + e.getKey();
            switch (e.getKey()) {
                case "test" -> {
                    if (e.getValue().isTextual()) { // a string runs in the container's shell
                        out.putArray("test").add("CMD-SHELL").add(text(e.getValue(), path));
                    } else {
                        ArrayNode test = strings(e.getValue(), path);
                        if (test.isEmpty()
                                || !Set.of("CMD", "CMD-SHELL", "NONE")
                                        .contains(test.get(0).asText())) {
                            throw invalid(path, "must start with CMD, CMD-SHELL or NONE");
                        }
                        out.set("test", test);
                    }
                }
                case "retries" -> {
                    if (!e.getValue().canConvertToInt() || !e.getValue().isIntegralNumber()) {
                        throw invalid(path, "must be a whole number");
                    }
                    out.put("retries", e.getValue().asInt());
                }
                case "disable" -> out.put("disable", bool(e.getValue(), path));
                default -> out.put(e.getKey(), matching(e.getValue(), path, DURATION));
            }
        }
        return out;
    }

    /** "[host_ip:][published:]target[/protocol]" or the long form, as the long form. */
    private ArrayNode ports(JsonNode ports, String at) {
        ArrayNode out = JSON.arrayNode();
        for (JsonNode port : sequence(ports, at)) {
            ObjectNode normalised = out.addObject();
            normalised.put("mode", "ingress");
            if (port.isTextual() || port.isIntegralNumber()) {
                Matcher parts = SHORT_PORT.matcher(port.asText());
                if (!parts.matches()) {
                    throw invalid(
                            at,
                            "'" + port.asText() + "' is not [host_ip:][published:]target[/protocol]"
                                    + " (ranges and IPv6 are not implemented here)");
                }
                if (parts.group(1) != null) {
                    normalised.put("host_ip", parts.group(1));
                }
                normalised.put("target", Integer.parseInt(parts.group(3)));
                if (parts.group(2) != null) {
                    normalised.put("published", parts.group(2));
                }
                normalised.put("protocol", parts.group(4) == null ? "tcp" : parts.group(4));
                continue;
            }
            known(mapping(port, at), at, PORT_KEYS);
            if (!port.path("target").isIntegralNumber()) {
                throw invalid(at + ".target", "must be a port number");
            }
            if (port.has("host_ip")) {
                normalised.put("host_ip", text(port.path("host_ip"), at + ".host_ip"));
            }
            normalised.put("target", port.path("target").asInt());
            if (port.has("published")) {
                normalised.put(
                        "published", matching(port.path("published"), at + ".published", Pattern.compile("\\d+")));
            }
            normalised.put(
                    "protocol",
                    port.has("protocol")
                            ? oneOf(port.path("protocol"), at + ".protocol", Set.of("tcp", "udp"))
                            : "tcp");
            if (port.has("mode")) {
                normalised.put("mode", oneOf(port.path("mode"), at + ".mode", Set.of("ingress", "host")));
            }
        }
        return out;
    }

    /** "source:target[:ro]" (a named volume, or a host path when the source starts with . or /) or the long form. */
    private ArrayNode volumes(JsonNode volumes, String at, JsonNode declared) {
        ArrayNode out = JSON.arrayNode();
        for (JsonNode volume : sequence(volumes, at)) {
            ObjectNode normalised = out.addObject();
            String source;
            String target;
            boolean readOnly;
            String type;
            if (volume.isTextual()) {
                String[] parts = text(volume, at).split(":");
                if (parts.length < 2
                        || parts.length > 3
                        || (parts.length == 3 && !Set.of("ro", "rw").contains(parts[2]))) {
                    throw invalid(
                            at,
                            "'" + volume.asText() + "' is not source:target[:ro|rw]"
                                    + " (anonymous volumes and other options are not implemented here)");
                }
                source = parts[0];
                target = parts[1];
                readOnly = parts.length == 3 && parts[2].equals("ro");
                type = source.startsWith(".") || source.startsWith("/") ? "bind" : "volume";
            } else {
                known(mapping(volume, at), at, VOLUME_KEYS);
                type = oneOf(volume.path("type"), at + ".type", Set.of("volume", "bind"));
                source = text(volume.path("source"), at + ".source");
                target = text(volume.path("target"), at + ".target");
                readOnly = volume.has("read_only") && bool(volume.path("read_only"), at + ".read_only");
            }
            if (!target.startsWith("/")) {
                throw invalid(at, "the target " + target + " must be an absolute path in the container");
            }
            if (type.equals("volume") && !declared.has(source)) {
                throw invalid(at, "uses volume " + source + ", which the top-level volumes do not declare");
            }
            normalised.put("type", type);
            normalised.put("source", type.equals("bind") ? absolute(source) : source);
            normalised.put("target", target);
            if (readOnly) {
                normalised.put("read_only", true);
            }
        }
        return out;
    }

    /**
     * What the deployment checks read of a normalised Compose configuration (this class's or
     * {@code docker compose config}'s): the two must agree on it.
     */
    static JsonNode checkedPart(JsonNode config) {
        ObjectNode out = JSON.objectNode();
        ObjectNode volumes = out.putObject("volumes");
        config.path("volumes").fieldNames().forEachRemaining(volumes::putObject);
        ObjectNode services = out.putObject("services");
        config.path("services").properties().forEach(entry -> {
            JsonNode service = entry.getValue();
            ObjectNode checked = services.putObject(entry.getKey());
            for (String key : CHECKED_AS_IS) {
                if (service.has(key)) {
                    checked.set(key, service.path(key));
                }
            }
            if (service.has("build")) {
                checked.putObject("build")
                        .put("context", service.path("build").path("context").asText())
                        .put(
                                "dockerfile",
                                service.path("build").path("dockerfile").asText());
            }
            ObjectNode dependsOn = checked.putObject("depends_on");
            service.path("depends_on")
                    .properties()
                    .forEach(d -> dependsOn.put(
                            d.getKey(), d.getValue().path("condition").asText()));
            if (service.path("healthcheck").has("test")) {
                checked.set("healthcheck_test", service.path("healthcheck").path("test"));
            }
            ArrayNode ports = checked.putArray("ports");
            service.path("ports")
                    .forEach(p -> ports.addObject()
                            .put("target", p.path("target").asInt())
                            .put("published", p.path("published").asText())
                            .put("protocol", p.path("protocol").asText())
                            .put("host_ip", p.path("host_ip").asText()));
            ArrayNode volumeMounts = checked.putArray("volumes");
            service.path("volumes")
                    .forEach(v -> volumeMounts
                            .addObject()
                            .put("type", v.path("type").asText())
                            .put("source", v.path("source").asText())
                            .put("target", v.path("target").asText())
                            .put("read_only", v.path("read_only").asBoolean(false)));
        });
        return out;
    }

    private String absolute(String path) {
        return dir.resolve(path).normalize().toString();
    }

    /** A string as the container sees it: $$ is a literal $, any other $ Compose would interpolate. */
    private String text(JsonNode node, String at) {
        if (!node.isTextual()) {
            throw invalid(at, "must be a string, not " + (node.isMissingNode() ? "missing" : node));
        }
        String value = node.asText();
        if (value.replace("$$", "").contains("$")) {
            throw invalid(
                    at,
                    "'" + value + "' would be interpolated by Compose from the shell's environment;"
                            + " this reading does not interpolate: write the value (a literal $ is $$)");
        }
        return value.replace("$$", "$");
    }

    private String matching(JsonNode node, String at, Pattern pattern) {
        String value = node.isIntegralNumber() ? node.asText() : text(node, at);
        if (!pattern.matcher(value).matches()) {
            throw invalid(at, "'" + value + "' does not match " + pattern.pattern());
        }
        return value;
    }

    private String oneOf(JsonNode node, String at, Set<String> allowed) {
        String value = text(node, at);
        if (!allowed.contains(value)) {
            throw invalid(at, "'" + value + "' is none of " + allowed);
        }
        return value;
    }

    private boolean bool(JsonNode node, String at) {
        if (!node.isBoolean()) {
            throw invalid(at, "must be true or false, not " + node);
        }
        return node.asBoolean();
    }

    private ArrayNode strings(JsonNode node, String at) {
        ArrayNode out = JSON.arrayNode();
        for (JsonNode item : sequence(node, at)) {
            out.add(text(item, at));
        }
        return out;
    }

    private JsonNode sequence(JsonNode node, String at) {
        if (!node.isArray()) {
            throw invalid(at, "must be a list, not " + node);
        }
        return node;
    }

    private JsonNode mapping(JsonNode node, String at) {
        if (!node.isObject()) {
            throw invalid(at, "must be a mapping, not " + (node.isMissingNode() ? "missing" : node));
        }
        return node;
    }

    private void known(JsonNode node, String at, Set<String> keys) {
        node.fieldNames().forEachRemaining(key -> {
            if (!keys.contains(key)) {
                throw invalid(
                        at.isEmpty() ? key : at + "." + key,
                        "is a key this reading does not implement" + " (it knows " + keys
                                + "); teach deploy-check's ComposeFile.java before using it");
            }
        });
    }

    private IllegalStateException invalid(String at, String problem) {
        return new IllegalStateException(where + (at.isEmpty() ? "" : ": " + at) + ": " + problem);
    }
}
