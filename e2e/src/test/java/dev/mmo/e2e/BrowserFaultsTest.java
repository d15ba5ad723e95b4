package dev.mmo.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mmo.testing.Await;
import io.restassured.http.ContentType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One player in a real headless Chromium while the system fails around it (#17, #16): the web client's scenario
 * {@code web-client/e2e/faults.spec.mjs} plays, and this test breaks the processes between its steps.
 * <ol>
 * <li>The gateway is killed (SIGKILL) while the player walks: the world lets the player go and saves where it was;
 * a gateway is started again on the same port, and the page reconnects by itself and stands there.</li>
 * <li>world-service is stopped (SIGSTOP): the gateway hears no heartbeat, and the page is told 1013 within about the
 * silence limit (3 s); after SIGCONT it plays again.</li>
 * <li>auth-service is stopped and the gateway restarted, so it cannot fetch the keys to check tokens: the page is
 * told 1013 (never 4401), keeps its session, and plays again once auth-service is back.</li>
 * <li>With access tokens of 75 s, a new player's page renews its token on its open connection, and a reload plays on
 * with the renewed one.</li>
 * </ol>
 */
class BrowserFaultsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long the page may take to be told of a hung world: the silence limit (3 s), a beat, and the page's poll. */
    private static final Duration TOLD_OF_HANG_WITHIN = Duration.ofSeconds(6);
    /** Access tokens live this long in step 4: the page renews a minute before expiry, so 15 s after its login. */
    private static final String SHORT_TOKEN_LIFETIME = "75s";

    private final RunningSystem system = RunningSystem.get();

    @Test
    void thePageRidesOutAGatewayCrashAHungWorldAndAnAuthOutageAndRenewsItsToken() throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
        assertTrue(
                Files.isExecutable(chromium),
                chromium + " is missing: install Debian's chromium (apt-get install chromium); .ci/run does");
        Path root =
                Path.of(System.getProperty("mmo.root", "..")).toAbsolutePath().normalize();
        Path output = Files.createDirectories(Path.of(System.getProperty("mmo.e2e.work", "target/e2e"))
                .toAbsolutePath()
                .resolveSibling("browser"));
        Path log = output.resolve("faults.log");
        ProcessBuilder play = new ProcessBuilder("node", "e2e/faults.spec.mjs")
                .directory(root.resolve("web-client").toFile())
                .redirectError(log.toFile());
        play.environment().put("MMO_BASE_URL", system.gateway("").toString());
        play.environment().put("MMO_TEST_OUTPUT", output.toString());
        play.environment().put("CHROMIUM_PATH", chromium.toString());

        Scenario page = new Scenario(play.start(), output.resolve("faults-steps.log"));
        boolean authLifetimeChanged = false;
        try {
            gatewayKilledWhileWalking(page);
            worldHung(page);
            authLifetimeChanged = true;
            authDown(page);
            page.go("renew");
            JsonNode renewed = page.ready("renew", Duration.ofMinutes(2));
            System.out.println("e2e: the page renewed its access token "
                    + renewed.path("renewedAfterMs").asLong() + " ms after its login, on the same connection");
            assertTrue(page.finished(Duration.ofSeconds(30)), "the browser scenario ends after its last step");
            assertEquals(0, page.exitValue(), "the browser scenario failed; see " + log);
        } finally {
            page.destroy();
            // the other tests expect every process running, and the usual token lifetime
            if (authLifetimeChanged || !system.auth().isRunning()) {
                system.auth().stop();
                system.auth().start(system.startTimeout());
            }
            if (!system.gatewayProcess().isRunning()) {
                system.gatewayProcess().start(system.startTimeout());
            }
        }
    }

    private void gatewayKilledWhileWalking(Scenario page) throws Exception {
        JsonNode walk = page.ready("walk", Duration.ofMinutes(2));
        long actorId = walk.path("actorId").asLong();
        double fromX = walk.path("from").path("x").asDouble();
        double y = walk.path("from").path("y").asDouble();
        double targetX = walk.path("target").path("x").asDouble();

        system.gatewayProcess().kill();
        awaitDespawned(actorId, fromX, y);
        Walks.Saved saved = Walks.saved(system, actorId).orElseThrow();
        assertTrue(
                saved.x() > fromX && saved.x() < targetX && saved.y() == y,
                "the world saved the player where it was on its walk from " + fromX + " to " + targetX + ", at "
                        + saved.x() + ", " + saved.y());

        system.gatewayProcess().start(system.startTimeout());
        page.go("back");
        JsonNode back = page.ready("back", Duration.ofMinutes(2));
        assertEquals(saved.x(), back.path("standsAt").path("x").asDouble(), "back where the world saved it (x)");
        assertEquals(saved.y(), back.path("standsAt").path("y").asDouble(), "back where the world saved it (y)");
        System.out.println("e2e: gateway killed mid-walk; saved at (" + saved.x() + ", " + saved.y()
                + "), the page reconnected by itself through " + back.path("states"));
    }

    private void worldHung(Scenario page) throws Exception {
        system.world().suspend();
        try {
            page.go("hang");
            JsonNode hang = page.ready("hang", Duration.ofSeconds(30));
            long toldAfter = hang.path("toldAfterMs").asLong();
            System.out.println("e2e: world stopped; the page was told 1013 after " + toldAfter + " ms");
            assertTrue(
                    toldAfter <= TOLD_OF_HANG_WITHIN.toMillis(),
                    "told of the hung world within " + TOLD_OF_HANG_WITHIN + ", took " + toldAfter + " ms");
        } finally {
            system.world().resume();
        }
        page.go("resumed");
        page.ready("resumed", Duration.ofMinutes(2));
    }

    private void authDown(Scenario page) throws Exception {
        system.auth().stop();
        try {
            // a gateway that starts while auth-service is away has no keys to check tokens with
            system.gatewayProcess().kill();
            system.gatewayProcess().start(system.startTimeout());
            page.go("auth-down");
            page.ready("auth-down", Duration.ofMinutes(2));
        } finally {
            system.auth().start(system.startTimeout(), Map.of("MMO_AUTH_TOKEN_LIFETIME", SHORT_TOKEN_LIFETIME));
        }
        page.go("auth-back");
        JsonNode back = page.ready("auth-back", Duration.ofMinutes(2));
        System.out.println("e2e: auth-service away and back; the page went through " + back.path("states"));
    }

    /** Waits until world-service no longer lists the actor around where it walked: the world let it go. */
    private void awaitDespawned(long actorId, double x, double y) {
        String watcher = Players.uniqueName("watch");
        given().contentType(ContentType.JSON)
                .body(Map.of("username", watcher, "password", Players.PASSWORD, "avatarId", 0))
                .post(system.auth().url("/api/auth/register"))
                .then()
                .statusCode(201);
        String token = given().contentType(ContentType.JSON)
                .body(Map.of("username", watcher, "password", Players.PASSWORD))
                .post(system.auth().url("/api/auth/login"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("token");
        Await.until(
                () -> given().auth()
                        .oauth2(token)
                        .queryParam("x", x)
                        .queryParam("y", y)
                        .get(system.world().url("/api/world/actors"))
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString(),
                listed -> !listed.contains("\"id\":" + actorId + ","),
                Duration.ofSeconds(20),
                "actor " + actorId + " let go by the world after its gateway died");
    }

    /** The browser scenario: its {@code @ready} lines, read as they come, and its {@code @go} commands. */
    private static final class Scenario {

        private final Process process;
        private final PrintWriter commands;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        Scenario(Process process, Path transcript) throws IOException {
            this.process = process;
            this.commands = new PrintWriter(process.outputWriter(StandardCharsets.UTF_8), true);
            Writer copy = Files.newBufferedWriter(transcript, StandardCharsets.UTF_8);
            Thread.ofPlatform().daemon().name("faults-scenario").start(() -> {
                try (BufferedReader out = new BufferedReader(
                                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                        copy) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        System.out.println("browser: " + line);
                        copy.write(line + "\n");
                        copy.flush();
                        lines.add(line);
                    }
                } catch (IOException e) {
                    lines.add("@failed reading the scenario: " + e);
                }
                lines.add("@ended");
            });
        }

        /** Waits for the page to report a step done, with what it saw. */
        JsonNode ready(String step, Duration within) throws Exception {
            long deadline = System.nanoTime() + within.toNanos();
            while (true) {
                String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    fail("the page did not get through step " + step + " within " + within);
                }
                if (line.startsWith("@failed") || line.equals("@ended")) {
                    fail("the browser scenario stopped before step " + step + ": " + line);
                }
                if (line.startsWith("@ready " + step + " ")) {
                    return JSON.readTree(line.substring(("@ready " + step + " ").length()));
                }
                assertFalse(line.startsWith("@ready"), "steps out of order: expected " + step + ", got " + line);
            }
        }

        void go(String step) {
            commands.println("@go " + step);
        }

        boolean finished(Duration within) throws InterruptedException {
            return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
        }

        int exitValue() {
            return process.exitValue();
        }

        void destroy() {
            commands.close();
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }
}
