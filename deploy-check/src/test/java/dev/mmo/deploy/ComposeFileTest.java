package dev.mmo.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Compose reading every Compose check relies on: the long forms it makes of the short ones, its refusal of what
 * it does not implement, and, wherever {@code docker compose} (v2) is installed, agreement with
 * {@code docker compose config} on everything the checks read.
 */
class ComposeFileTest {

    @TempDir
    Path dir;

    /** Every form ComposeFile implements. */
    static final String EVERY_FORM = """
            services:
              app:
                build: ./app
                image: mmo/app:latest
                command: ["run", "--fast"]
                entrypoint: ["/entry"]
                environment:
                  - PLAIN=value
                  - DOLLAR=costs $$5
                  - EQUALS=a=b
                depends_on: [db]
                ports:
                  - "9090"
                  - "127.0.0.1:8081:8080/udp"
                  - target: 7000
                    published: 7001
                volumes:
                  - ./conf:/etc/app:ro
                  - data:/data
                  - type: volume
                    source: data
                    target: /backup
                    read_only: true
                healthcheck:
                  test: curl -f http://localhost:8080/
                  interval: 5s
                  retries: 3
                restart: on-failure:3
                stop_grace_period: 1m30s
                user: "999:999"
                read_only: true
                cap_drop: [ALL]
                cap_add: [CHOWN]
                security_opt: ["no-new-privileges:true"]
                tmpfs: /tmp
              db:
                image: postgres:17
                build:
                  context: .
                  dockerfile: db/Dockerfile
                environment:
                  NUMBER: 1
                  BOOLEAN: true
                  EMPTY: ""
                depends_on:
                  cache:
                    condition: service_healthy
                    restart: true
                healthcheck:
                  test: ["CMD", "pg_isready"]
                user: "999"
                tmpfs:
                  - /run
                  - /tmp:size=64m,mode=1777
              cache:
                image: redis
                healthcheck:
                  test: ["CMD-SHELL", "redis-cli ping"]
            volumes:
              data:
            """;

    @Test
    void shortFormsBecomeTheLongFormsComposePrints() throws IOException {
        JsonNode config = ComposeFile.read(everyForm());
        JsonNode app = config.path("services").path("app");
        assertEquals(
                dir.resolve("app").toString(), app.path("build").path("context").asText());
        assertEquals("Dockerfile", app.path("build").path("dockerfile").asText());
        assertEquals(
                dir.toString(),
                config.path("services").path("db").path("build").path("context").asText());
        assertEquals("costs $5", app.path("environment").path("DOLLAR").asText(), "$$ is a literal $");
        assertEquals("a=b", app.path("environment").path("EQUALS").asText());
        assertEquals(
                "1",
                config.path("services")
                        .path("db")
                        .path("environment")
                        .path("NUMBER")
                        .asText());
        assertEquals(
                "true",
                config.path("services")
                        .path("db")
                        .path("environment")
                        .path("BOOLEAN")
                        .asText());
        assertEquals(
                "service_started",
                app.path("depends_on").path("db").path("condition").asText());
        assertEquals(
                "service_healthy",
                config.path("services")
                        .path("db")
                        .path("depends_on")
                        .path("cache")
                        .path("condition")
                        .asText());
        assertEquals(
                "[\"CMD-SHELL\",\"curl -f http://localhost:8080/\"]",
                app.path("healthcheck").path("test").toString());

        JsonNode ports = app.path("ports");
        assertEquals(9090, ports.get(0).path("target").asInt());
        assertFalse(ports.get(0).has("published"), "a port given alone is not published on a fixed host port");
        assertEquals("127.0.0.1", ports.get(1).path("host_ip").asText());
        assertEquals("8081", ports.get(1).path("published").asText());
        assertEquals(8080, ports.get(1).path("target").asInt());
        assertEquals("udp", ports.get(1).path("protocol").asText());
        assertEquals("7001", ports.get(2).path("published").asText());

        assertEquals("999:999", app.path("user").asText());
        assertTrue(app.path("read_only").asBoolean());
        assertEquals("[\"ALL\"]", app.path("cap_drop").toString());
        assertEquals("[\"no-new-privileges:true\"]", app.path("security_opt").toString());
        assertEquals("[\"/tmp\"]", app.path("tmpfs").toString(), "one tmpfs path becomes a list of one");
        assertEquals(
                "[\"/run\",\"/tmp:size=64m,mode=1777\"]",
                config.path("services").path("db").path("tmpfs").toString());

        JsonNode volumes = app.path("volumes");
        assertEquals("bind", volumes.get(0).path("type").asText());
        assertEquals(
                dir.resolve("conf").toString(), volumes.get(0).path("source").asText());
        assertTrue(volumes.get(0).path("read_only").asBoolean());
        assertEquals("volume", volumes.get(1).path("type").asText());
        assertEquals("data", volumes.get(1).path("source").asText());
        assertEquals("/data", volumes.get(1).path("target").asText());
        assertTrue(volumes.get(2).path("read_only").asBoolean());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "{services: {a: {image: x}}, networks: {}}|networks: is a key this reading does not implement",
                "{services: {a: {image: x, expose: [80]}}}|services.a.expose: is a key this reading does not implement",
                "{services: {a: {image: x, environment: {A: '${HOME}'}}}}|services.a.environment.A: '${HOME}' would be interpolated",
                "{services: {a: {image: x, environment: [A]}}}|services.a.environment: 'A' takes its value from the shell",
                "{services: {a: {image: x, environment: {A: }}}}|services.a.environment.A: must be a string",
                "{services: {a: {image: x, environment: {A: 1.5}}}}|services.a.environment.A: must be a string",
                "{services: {a: {image: x, volumes: ['data:/data']}}}|uses volume data, which the top-level volumes do not declare",
                "{services: {a: {image: x, depends_on: [b]}}}|services.a.depends_on: depends on b, which is no service",
                "{services: {a: {image: x, depends_on: {b: {condition: healthy}}}, b: {image: y}}}|'healthy' is none of",
                "{services: {a: {image: x, ports: {http: 80}}}}|services.a.ports: must be a list",
                "{services: {a: {image: x, ports: ['8000-8010:8000-8010']}}}|is not [host_ip:][published:]target[/protocol]",
                "{services: {a: {image: x, healthcheck: {test: [curl]}}}}|must start with CMD, CMD-SHELL or NONE",
                "{services: {a: {image: x, command: run fast}}}|services.a.command: must be a list",
                "{services: {a: {image: 7}}}|services.a.image: must be a string",
                "{services: {a: {image: x}}, volumes: {data: {external: true}}}|volume options (driver, external, name)",
                "{services: {a: {image: x, read_only: yes please}}}|services.a.read_only: must be true or false",
                "{services: {a: {image: x, cap_drop: ALL}}}|services.a.cap_drop: must be a list",
                "{services: {a: {image: x, user: 999}}}|services.a.user: must be a string",
            })
    void refusesWhatItDoesNotImplementNamingTheKey(String compose, String expected) throws IOException {
        Path file = Files.writeString(dir.resolve("compose.yml"), compose);
        var failure = assertThrows(IllegalStateException.class, () -> ComposeFile.read(file));
        assertTrue(failure.getMessage().contains(expected), failure.getMessage());
    }

    @Test
    void readsTheProjectsFileAsDockerComposeConfigDoes() {
        String docker = Tools.dockerCompose().orElse(null);
        assumeTrue(
                docker != null,
                "docker compose (v2) is not installed: docker-compose.yml is read by ComposeFile alone");
        assertReadAlike(docker, Repo.path("docker-compose.yml"));
    }

    @Test
    void readsEveryImplementedFormAsDockerComposeConfigDoes() throws IOException {
        String docker = Tools.dockerCompose().orElse(null);
        assumeTrue(docker != null, "docker compose (v2) is not installed: nothing to compare ComposeFile with");
        assertReadAlike(docker, everyForm());
    }

    private Path everyForm() throws IOException {
        Files.createDirectories(dir.resolve("app"));
        Files.createDirectories(dir.resolve("conf"));
        return Files.writeString(dir.resolve("docker-compose.yml"), EVERY_FORM);
    }

    private static void assertReadAlike(String docker, Path file) {
        JsonNode compose = Tools.documents(Tools.run(docker, "compose", "--file", file.toString(), "config"))
                .getFirst();
        assertEquals(ComposeFile.checkedPart(literalDollars(compose)), ComposeFile.checkedPart(ComposeFile.read(file)));
    }

    /** {@code config} prints its output to be read again, with a literal $ written $$; the container sees $. */
    private static JsonNode literalDollars(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.properties().forEach(e -> object.set(e.getKey(), literalDollars(e.getValue())));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, literalDollars(array.get(i)));
            }
        } else if (node.isTextual()) {
            return TextNode.valueOf(node.asText().replace("$$", "$"));
        }
        return node;
    }
}
