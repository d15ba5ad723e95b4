package dev.mmo.loadtest;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchOptionsTest {

    @Test
    void defaultsAreTheIssuesScenario() throws Exception {
        BenchOptions options = BenchOptions.parse();
        assertEquals(100, options.players());
        assertEquals(60, options.seconds());
        assertEquals(5, options.rampSeconds());
        assertEquals(1000, options.area());
        assertFalse(options.spread());
        assertEquals(List.of("mmo"), options.systems());
        assertEquals("127.0.0.1", options.gatewayUrl().getHost());
        // health and metrics are on the management ports, not on the game/API ports
        assertEquals("http://127.0.0.1:9080/q/health/ready", options.gatewayHealthUrl().toString());
        assertEquals("http://127.0.0.1:9082/q/metrics", options.worldMetricsUrl().toString());
        assertEquals("bot_1", options.botName(0));
        assertEquals(15, options.settleSeconds());
        assertEquals(100, options.joinWindow());
        assertEquals(1000, options.roam());
        assertEquals(60, options.loginBudgetSeconds());
        assertEquals(30, options.rampStretchSeconds());
        assertEquals(5 + 30 + 10 + 15 + 60 + 30, options.hardDeadlineSeconds());
    }

    @Test
    void readsEveryOptionInBothSpellings() throws Exception {
        BenchOptions options = BenchOptions.parse("--players", "500", "--seconds=30", "--area", "2000",
                "--chat-per-minute", "0.5", "--compare", "colyseus", "--spread", "--out", "x/y.json", "--ramp", "7",
                "--url", "http://localhost:18080", "--prefix", "b", "--first-bot", "10");
        assertEquals(500, options.players());
        assertEquals(30, options.seconds());
        assertEquals(7, options.rampSeconds());
        assertEquals(2000, options.area());
        assertEquals(0.5, options.chatPerMinute());
        assertTrue(options.spread());
        assertEquals(List.of("mmo", "colyseus"), options.systems());
        assertEquals("x/y.json", options.out().toString());
        assertEquals(18080, options.gatewayUrl().getPort());
        assertEquals("b_10", options.botName(0));
    }

    @Test
    void theRampGrowsWithThePlayers() throws Exception {
        // 25 joins a second: 50 a second overran the gateway's world link at 1000 players
        assertEquals(40, BenchOptions.parse("--players", "1000").rampSeconds());
        assertEquals(80, BenchOptions.parse("--players", "2000").rampSeconds());
        BenchOptions tenThousand = BenchOptions.parse("--players", "10000");
        assertEquals(400, tenThousand.rampSeconds());
        assertEquals(200, tenThousand.rampStretchSeconds());
        assertEquals(400 + 200 + 10 + 15 + 60 + 30, tenThousand.hardDeadlineSeconds());
        assertEquals(3600, BenchOptions.parse("--players", "20000", "--ramp", "3600").rampSeconds());
    }

    @Test
    void tenThousandBotsGetATimeBudgetForTheirLogins() throws Exception {
        assertEquals(3600, BenchOptions.parse("--players", "10000").loginBudgetSeconds());
        assertEquals(600, BenchOptions.parse("--players", "1200").loginBudgetSeconds());
        assertEquals(7200, BenchOptions.parse("--players", "10000", "--login-budget", "7200").loginBudgetSeconds());
        assertMessage("--login-budget must be between 10 and 86400, not 5", "--login-budget", "5");
    }

    @Test
    void readsTheJoinWindowAndTheRoam() throws Exception {
        BenchOptions options = BenchOptions.parse("--spread", "--roam", "800", "--join-window", "0");
        assertTrue(options.spread());
        assertEquals(800, options.roam());
        assertEquals(0, options.joinWindow());
        assertMessage("--join-window must be between 0 and 20000, not -1", "--join-window", "-1");
    }

    @Test
    void badInputGetsAMessageThatNamesTheOption() {
        assertMessage("--players needs a whole number, not 'many'", "--players", "many");
        assertMessage("--players must be between 1 and 20000, not 0", "--players", "0");
        assertMessage("--seconds needs a value", "--seconds");
        assertMessage("--area needs a number, not 'wide'", "--area", "wide");
        assertMessage("--chat-per-minute must be between 0 and 60, not -1", "--chat-per-minute", "-1");
        assertMessage("unknown option '--playrs' (see --help)", "--playrs", "5");
        assertMessage("unexpected argument 'fast'; options start with --", "fast");
        assertMessage("--compare knows only 'colyseus', not 'photon'", "--compare", "photon");
        assertMessage("--area 20000 is larger than the world (--bounds 5000 is half its side)", "--area", "20000");
    }

    @Test
    void benchmarksOnlyTargetThisMachine() throws Exception {
        assertMessage("--url must point at this machine (127.0.0.1, localhost or [::1]), not '10.0.0.5'",
                "--url", "http://10.0.0.5:8080");
        assertMessage("--url must point at this machine (127.0.0.1, localhost or [::1]), not 'example.com'",
                "--url", "http://example.com:8080");
        assertMessage("--world-metrics must look like http://127.0.0.1:PORT/..., not 'ftp://127.0.0.1/x'",
                "--world-metrics", "ftp://127.0.0.1/x");
        assertEquals(8080, BenchOptions.parse("--url", "http://127.0.0.2:8080").gatewayUrl().getPort());
    }

    @Test
    void botNamesMustBeValidUsernames() {
        assertMessage("--prefix must be 1-10 letters, digits or underscores, not 'bad-name'", "--prefix", "bad-name");
        assertMessage("--prefix must be 1-10 letters, digits or underscores, not 'abcdefghijk'", "--prefix", "abcdefghijk");
        // the longest prefix with the largest numbers still makes a valid username (at most 20 characters)
        assertTrue(assertDoesNotThrow(() -> BenchOptions.parse("--prefix", "abcdefghij", "--first-bot", "10000000",
                "--players", "20000")).botName(19_999).matches("[A-Za-z0-9_]{3,20}"));
    }

    @Test
    void helpIsTheUsage() {
        BenchOptions.UsageException help = assertThrows(BenchOptions.UsageException.class, () -> BenchOptions.parse("--help"));
        assertEquals(BenchOptions.USAGE, help.getMessage());
    }

    private static void assertMessage(String expected, String... args) {
        BenchOptions.UsageException e = assertThrows(BenchOptions.UsageException.class, () -> BenchOptions.parse(args));
        assertEquals(expected, e.getMessage());
    }
}
