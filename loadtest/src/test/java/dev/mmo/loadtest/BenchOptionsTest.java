package dev.mmo.loadtest;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

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
        // metrics are on the management ports, not on the game/API ports: the world's and its standby's
        assertEquals(
                List.of("http://127.0.0.1:9082/q/metrics", "http://127.0.0.1:9092/q/metrics"),
                options.worldMetricsUrls().stream().map(Object::toString).toList());
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
        BenchOptions options = BenchOptions.parse(
                "--players",
                "500",
                "--seconds=30",
                "--area",
                "2000",
                "--chat-per-minute",
                "0.5",
                "--compare",
                "colyseus",
                "--spread",
                "--out",
                "x/y.json",
                "--ramp",
                "7",
                "--url",
                "http://localhost:18080",
                "--prefix",
                "b",
                "--first-bot",
                "10");
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
        assertEquals(
                3600, BenchOptions.parse("--players", "20000", "--ramp", "3600").rampSeconds());
    }

    @Test
    void tenThousandBotsGetATimeBudgetForTheirLogins() throws Exception {
        assertEquals(3600, BenchOptions.parse("--players", "10000").loginBudgetSeconds());
        assertEquals(600, BenchOptions.parse("--players", "1200").loginBudgetSeconds());
        assertEquals(
                7200,
                BenchOptions.parse("--players", "10000", "--login-budget", "7200")
                        .loginBudgetSeconds());
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
        assertMessage("Invalid value for option '--players': 'many' is not an int", "--players", "many");
        assertMessage("--players must be between 1 and 20000, not 0", "--players", "0");
        assertMessage("Missing required parameter for option '--seconds' (S)", "--seconds");
        assertMessage("Invalid value for option '--area': 'wide' is not a double", "--area", "wide");
        assertMessage("--chat-per-minute must be between 0 and 60, not -1", "--chat-per-minute", "-1");
        assertMessage("--retarget must be between 0.2 and 600, not NaN", "--retarget", "NaN");
        assertMessage("unknown option '--playrs'; did you mean --players? (see --help)", "--playrs", "5");
        assertMessage("unexpected argument 'fast'; options start with --", "fast");
        assertMessage("--compare knows only 'colyseus', not 'photon'", "--compare", "photon");
        assertMessage("--area 20000 is larger than the world (--bounds 5000 is half its side)", "--area", "20000");
    }

    @Test
    void benchmarksOnlyTargetThisMachine() throws Exception {
        assertMessage(
                "--url must point at this machine (127.0.0.1, localhost or [::1]), not '10.0.0.5'",
                "--url",
                "http://10.0.0.5:8080");
        assertMessage(
                "--url must point at this machine (127.0.0.1, localhost or [::1]), not 'example.com'",
                "--url",
                "http://example.com:8080");
        assertMessage(
                "--world-metrics must look like http://127.0.0.1:PORT/..., not 'ftp://127.0.0.1/x'",
                "--world-metrics",
                "ftp://127.0.0.1/x");
        assertEquals(
                8080,
                BenchOptions.parse("--url", "http://127.0.0.2:8080")
                        .gatewayUrl()
                        .getPort());
    }

    @Test
    void botNamesMustBeValidUsernames() {
        assertMessage("--prefix must be 1-10 letters, digits or underscores, not 'bad-name'", "--prefix", "bad-name");
        assertMessage(
                "--prefix must be 1-10 letters, digits or underscores, not 'abcdefghijk'", "--prefix", "abcdefghijk");
        // the longest prefix with the largest numbers still makes a valid username (at most 20 characters)
        assertTrue(assertDoesNotThrow(() ->
                        BenchOptions.parse("--prefix", "abcdefghij", "--first-bot", "10000000", "--players", "20000"))
                .botName(19_999)
                .matches("[A-Za-z0-9_]{3,20}"));
    }

    @Test
    void helpIsGeneratedFromTheOptions() {
        BenchOptions.UsageException help =
                assertThrows(BenchOptions.UsageException.class, () -> BenchOptions.parse("--help"));
        assertTrue(help.isHelp());
        assertEquals(BenchOptions.usage(), help.getMessage());
        assertTrue(help.getMessage().startsWith("Usage: ./mmo bench"), help.getMessage());
        for (String name : BenchOptions.optionNames()) {
            assertTrue(help.getMessage().contains(name), name + " is in the help");
        }
        assertTrue(
                help.getMessage().contains("--players=N") && help.getMessage().contains("(default 100)"),
                help.getMessage());
        assertFalse(assertThrows(BenchOptions.UsageException.class, () -> BenchOptions.parse("--players", "x"))
                .isHelp());
    }

    @Test
    void everyOptionIsDescribedInTheBenchmarksPage() throws Exception {
        String page = Files.readString(Path.of("../docs/benchmarks.md"));
        for (String name : BenchOptions.optionNames()) {
            if (!name.equals("-h")) {
                assertTrue(page.contains("`" + name), "docs/benchmarks.md describes " + name);
            }
        }
    }

    @Test
    void pinsTheServersToOneCoreAndTheGeneratorToTheOtherByDefault() throws Exception {
        BenchOptions options = BenchOptions.parse();
        assertTrue(options.pin());
        assertEquals("0", options.serverCpus().toString());
        assertEquals("1", options.generatorCpus().toString());
        BenchOptions wide = BenchOptions.parse("--server-cpus", "0-2,5", "--generator-cpus", "3,4");
        assertEquals(4, wide.serverCpus().size());
        assertEquals("3-4", wide.generatorCpus().toString());
        assertMessage(
                "--server-cpus 0-1 and --generator-cpus 1 share a core: the servers and the load generator"
                        + " would compete for it",
                "--server-cpus",
                "0-1");
        assertFalse(BenchOptions.parse("--server-cpus", "0-1", "--no-pin").pin(), "unpinned, sharing is the point");
        assertMessage("--generator-cpus: 'one' is not a list of cores like 0 or 0,2-3", "--generator-cpus", "one");
        assertMessage("--server-cpus: the range '3-1' runs backwards", "--server-cpus", "3-1");
    }

    @Test
    void decodersAreASampleButEveryBotDecodesInAFaultRun() throws Exception {
        assertEquals(100, BenchOptions.parse("--players", "10000").decoders());
        assertEquals(50, BenchOptions.parse("--players", "50").decoders(), "never more than the players");
        assertEquals(
                300,
                BenchOptions.parse("--players", "10000", "--colyseus-decoders", "300")
                        .decoders(),
                "the old name still works");
        assertEquals(
                400,
                BenchOptions.parse("--players", "400", "--decoders", "10", "--faults", "kill-chat")
                        .decoders());
    }

    @Test
    void readsASweep() throws Exception {
        BenchOptions sweep = BenchOptions.parse("--sweep", "2000,500,1000", "--compare", "colyseus");
        assertEquals(List.of(500, 1000, 2000), sweep.sweep());
        assertEquals(Path.of("docs/bench"), sweep.chartDir());
        assertFalse(sweep.chartOnly());
        BenchOptions size = sweep.withPlayers(2000);
        assertEquals(2000, size.players());
        assertEquals(80, size.rampSeconds(), "the ramp follows the size");
        assertEquals(100, sweep.players(), "the sweep's own options are left alone");
        assertTrue(BenchOptions.parse("--chart", "docs/bench").chartOnly());
        assertMessage("--sweep lists a size twice: [500, 500]", "--sweep", "500,500");
        assertMessage("--sweep must be between 1 and 20000, not 0", "--sweep", "0,10");
    }

    @Test
    void readsTheFaults() throws Exception {
        BenchOptions faults = BenchOptions.parse(
                "--players",
                "200",
                "--faults",
                "kill-world,hang-postgres,kill-gateway,kill-chat,stop-kafka",
                "--fault-seconds",
                "8");
        assertEquals(
                List.of(Fault.KILL_WORLD, Fault.HANG_POSTGRES, Fault.KILL_GATEWAY, Fault.KILL_CHAT, Fault.STOP_KAFKA),
                faults.faults());
        assertEquals(8, faults.faultSeconds());
        assertEquals(20, faults.faultIntervalSeconds());
        // ramp 8 + stretch 30 + 10 + settle 15 + 5 x (20 + 8 + 120 + 60) + 20 + grace 30
        assertEquals(8 + 30 + 10 + 15 + 5 * (20 + 8 + 120 + 60) + 20 + 30, faults.hardDeadlineSeconds());
        assertTrue(BenchOptions.parse().faults().isEmpty());
        assertMessage(
                "--faults knows kill-world, hang-postgres, kill-gateway, kill-chat, stop-kafka, not 'kill-auth'",
                "--faults",
                "kill-world,kill-auth");
        assertMessage(
                "--faults runs against the MMO only; drop --compare/--only colyseus",
                "--faults",
                "kill-chat",
                "--compare",
                "colyseus");
        assertMessage("--only and --compare contradict each other; give one", "--only", "mmo", "--compare", "colyseus");
    }

    private static void assertMessage(String expected, String... args) {
        BenchOptions.UsageException e = assertThrows(BenchOptions.UsageException.class, () -> BenchOptions.parse(args));
        assertEquals(expected, e.getMessage());
    }
}
