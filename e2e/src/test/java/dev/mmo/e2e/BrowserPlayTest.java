package dev.mmo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two people play in a real headless Chromium (Debian's {@code chromium}, driven by playwright-core) against the whole
 * running system: the web client's own scenario, {@code web-client/e2e/play.spec.mjs}, which registers both, walks,
 * chats, reloads, walks out of the other's view and back (the avatar disappears and reappears; the top bar's
 * "N near · M online" follows), and writes screenshots of both views to {@code e2e/target/browser/}.
 */
class BrowserPlayTest {

    private final RunningSystem system = RunningSystem.get();

    @Test
    void twoPlayersWalkChatReloadAndWalkOutOfViewAndBackInTheBrowser() throws IOException, InterruptedException {
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
        assertTrue(
                Files.isExecutable(chromium),
                chromium + " is missing: install Debian's chromium (apt-get install chromium); .ci/run does");
        Path root =
                Path.of(System.getProperty("mmo.root", "..")).toAbsolutePath().normalize();
        Path output = Files.createDirectories(Path.of(System.getProperty("mmo.e2e.work", "target/e2e"))
                .toAbsolutePath()
                .resolveSibling("browser"));
        Path log = output.resolve("play.log");

        ProcessBuilder play = new ProcessBuilder("node", "e2e/play.spec.mjs")
                .directory(root.resolve("web-client").toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        play.environment().put("MMO_BASE_URL", system.gateway("").toString());
        play.environment().put("MMO_TEST_OUTPUT", output.toString());
        play.environment().put("CHROMIUM_PATH", chromium.toString());
        // The scenario walks out of view and back: it needs the world's cells as this system runs them.
        play.environment().put("MMO_WORLD_CELL_SIZE", Integer.toString(RunningSystem.CELL_SIZE));
        play.environment().put("MMO_WORLD_VIEW_RADIUS", Integer.toString(RunningSystem.VIEW_RADIUS));
        Process browser = play.start();
        boolean finished = browser.waitFor(4, TimeUnit.MINUTES);
        if (!finished) {
            browser.destroyForcibly();
        }
        String transcript = Files.readString(log);
        System.out.println(transcript);
        assertTrue(finished, "the browser scenario did not finish in 4 minutes; see " + log);
        assertEquals(
                0,
                browser.exitValue(),
                "the browser scenario failed; see " + log + " and the screenshots in " + output);
        try (var shots = Files.list(output)) {
            assertTrue(
                    shots.anyMatch(file -> file.toString().endsWith(".png")), "screenshots of both views in " + output);
        }
    }
}
