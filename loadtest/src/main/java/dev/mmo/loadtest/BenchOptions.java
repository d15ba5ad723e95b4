package dev.mmo.loadtest;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code ./mmo bench} was asked to do. {@link #parse} turns the command line into options or fails with a
 * {@link UsageException} whose message says which argument is wrong and why.
 *
 * @param players          bots to run (each a player with its own account, {@code <prefix>_<n>})
 * @param seconds          length of the measured window, after the ramp
 * @param rampSeconds      the bots connect evenly over this time (joins are expensive: every join sends the
 *                         newcomer everyone and everyone the newcomer); default 1 s per 25 players, since 50 joins
 *                         a second overran the gateway's world link at 1000 players
 * @param joinWindow       at most this many bots may be between opening their socket and their Welcome; while
 *                         as many are, the ramp waits (and then goes on at its pace, no catching up), for at most
 *                         {@link #rampStretchSeconds()} in all; 0: no limit
 * @param settleSeconds    played but not measured between the ramp and the window, so that the backlog of the
 *                         join storm (every join sends the newcomer everyone) drains first
 * @param area             side of the square centred on (0, 0) inside which bots pick targets
 * @param spread           spread the players over the whole world (± {@code bounds}) instead of the area: each
 *                         bot has a home, uniform over the world, and clicks points of the {@code roam} square
 *                         around it
 * @param roam             with {@code spread}: the side of the square around its home in which a bot walks
 * @param bounds           half the side of the world square (the world's {@code mmo.world.bounds})
 * @param retargetSeconds  mean time between two targets of one bot (each wait is uniform in [0.5, 1.5] × this)
 * @param chatPerMinute    chat messages each bot sends per minute (0: none)
 * @param graceSeconds     added to ramp + seconds for the hard deadline; also the time bots get to close
 * @param systems          which systems to run, in order: {@code mmo}, {@code colyseus}
 * @param loginBudgetSeconds how long logging in (and registering) the bots may take before the rest are given up
 */
public record BenchOptions(
        int players,
        int seconds,
        int rampSeconds,
        int joinWindow,
        int settleSeconds,
        double area,
        boolean spread,
        double roam,
        double bounds,
        double retargetSeconds,
        double chatPerMinute,
        int graceSeconds,
        List<String> systems,
        URI gatewayUrl,
        URI worldMetricsUrl,
        Path runDir,
        Path out,
        Path tokenCache,
        Path colyseusDir,
        int colyseusPort,
        int colyseusWorkers,
        int colyseusDecoders,
        int loginConcurrency,
        int loginBudgetSeconds,
        String prefix,
        int firstBot,
        long seed,
        boolean prepareOnly) {

    /** A command line that cannot be run; the message is meant for the person who typed it. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    public static final String USAGE = """
            usage: ./mmo bench [options]        (the stack must be up: ./mmo up)
              --players N            bot players (default 100)
              --seconds S            measured seconds after the ramp (default 60)
              --ramp S               connect the bots evenly over S seconds (default max(5, players/25))
              --join-window W        at most W bots between connecting and their Welcome at once; while as many
                                     are, the ramp waits (default 100; 0 = no limit). The ramp may run over by
                                     max(30, ramp/2) s in all; bots not started by then count as failed
              --settle S             play S seconds after the ramp before measuring (default 15)
              --area A               bots walk to random points of the A x A square centred on 0,0 (default 1000)
              --spread               spread the players over the whole world (+-bounds) instead of the area:
                                     each bot has a home (uniform over the world, the same in every run) and
                                     walks to random points of the roam square around it
              --roam R               with --spread: the side of that square (default 1000)
              --bounds B             the world's half size, mmo.world.bounds (default 5000)
              --retarget S           mean seconds between two clicks of one bot (default 3)
              --chat-per-minute R    chat messages per bot per minute (default 1; 0 = none)
              --compare colyseus     run the same scenario against a Colyseus room too, and print both
              --only mmo|colyseus    run only one system
              --out FILE             JSON results (default target/bench.json)
              --url URL              the gateway (default http://127.0.0.1:8080; loopback only)
              --world-metrics URL    world-service metrics (default http://127.0.0.1:8082/q/metrics)
              --run-dir DIR          where ./mmo keeps its pid files (default .mmo/run)
              --tokens FILE          cache of bot tokens between runs (default .mmo/bench/tokens.tsv)
              --colyseus-dir DIR     the Colyseus project (default bench/colyseus)
              --colyseus-port P      its port (default 2567; P+1 serves its tick statistics)
              --colyseus-workers W   Node worker threads driving the Colyseus bots (default 2)
              --colyseus-decoders D  how many Colyseus bots decode every patch and measure latency (default 100;
                                     the others drop patches undecoded, so the driver does not become the limit)
              --login-concurrency C  parallel logins/registrations (BCrypt; default 4)
              --login-budget S       seconds the logins/registrations may take in all (default players/2,
                                     at least 60, at most 3600; a fresh 10000 needs ~20-30 min on 2 cores)
              --prefix P             bot names are P_<n> (default bot)
              --first-bot N          number of the first bot (default 1)
              --grace S              hard deadline = ramp + its stretch + 10 + settle + seconds + S (default 30)
              --seed N               random seed of the bots' choices (default 1)
              --prepare              only register/log in the bots and cache their tokens (valid as long as
                                     auth-service's token lifetime: 15 min, MMO_AUTH_TOKEN_LIFETIME), then stop
            """;

    public static BenchOptions parse(String... args) throws UsageException {
        int players = 100;
        int seconds = 60;
        Integer ramp = null;
        int joinWindow = 100;
        int settle = 15;
        double area = 1000;
        boolean spread = false;
        double roam = 1000;
        double bounds = 5000;
        double retarget = 3;
        double chat = 1;
        int grace = 30;
        List<String> systems = new ArrayList<>(List.of("mmo"));
        String url = "http://127.0.0.1:8080";
        String worldMetrics = "http://127.0.0.1:8082/q/metrics";
        String runDir = ".mmo/run";
        String out = "target/bench.json";
        String tokens = ".mmo/bench/tokens.tsv";
        String colyseusDir = "bench/colyseus";
        int colyseusPort = 2567;
        int colyseusWorkers = 2;
        int colyseusDecoders = 100;
        int loginConcurrency = 4;
        Integer loginBudget = null;
        String prefix = "bot";
        int firstBot = 1;
        long seed = 1;
        boolean prepareOnly = false;

        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                inline = arg.substring(eq + 1);
            }
            switch (name) {
                case "--help", "-h" -> throw new UsageException(USAGE);
                case "--spread" -> spread = true;
                case "--prepare" -> prepareOnly = true;
                default -> {
                    String value;
                    if (inline != null) {
                        value = inline;
                    } else if (i + 1 < args.length) {
                        value = args[++i];
                    } else if (name.startsWith("--")) {
                        throw new UsageException(name + " needs a value");
                    } else {
                        throw new UsageException("unexpected argument '" + arg + "'; options start with --");
                    }
                    switch (name) {
                        case "--players" -> players = intIn(name, value, 1, 20_000);
                        case "--seconds" -> seconds = intIn(name, value, 1, 3_600);
                        case "--ramp" -> ramp = intIn(name, value, 0, 3_600);
                        case "--join-window" -> joinWindow = intIn(name, value, 0, 20_000);
                        case "--roam" -> roam = doubleIn(name, value, 1, 1_000_000);
                        case "--settle" -> settle = intIn(name, value, 0, 600);
                        case "--area" -> area = doubleIn(name, value, 1, 1_000_000);
                        case "--bounds" -> bounds = doubleIn(name, value, 1, 1_000_000);
                        case "--retarget" -> retarget = doubleIn(name, value, 0.2, 600);
                        case "--chat-per-minute" -> chat = doubleIn(name, value, 0, 60);
                        case "--grace" -> grace = intIn(name, value, 1, 600);
                        case "--compare" -> {
                            if (!value.equals("colyseus")) {
                                throw new UsageException("--compare knows only 'colyseus', not '" + value + "'");
                            }
                            systems = new ArrayList<>(List.of("mmo", "colyseus"));
                        }
                        case "--only" -> {
                            if (!value.equals("mmo") && !value.equals("colyseus")) {
                                throw new UsageException("--only takes 'mmo' or 'colyseus', not '" + value + "'");
                            }
                            systems = new ArrayList<>(List.of(value));
                        }
                        case "--url" -> url = value;
                        case "--world-metrics" -> worldMetrics = value;
                        case "--run-dir" -> runDir = value;
                        case "--out" -> out = value;
                        case "--tokens" -> tokens = value;
                        case "--colyseus-dir" -> colyseusDir = value;
                        case "--colyseus-port" -> colyseusPort = intIn(name, value, 1024, 65_534);
                        case "--colyseus-workers" -> colyseusWorkers = intIn(name, value, 1, 16);
                        case "--colyseus-decoders" -> colyseusDecoders = intIn(name, value, 1, 20_000);
                        case "--login-concurrency" -> loginConcurrency = intIn(name, value, 1, 64);
                        case "--login-budget" -> loginBudget = intIn(name, value, 10, 86_400);
                        case "--prefix" -> prefix = value;
                        case "--first-bot" -> firstBot = intIn(name, value, 0, 10_000_000);
                        case "--seed" -> seed = longValue(name, value);
                        default -> throw new UsageException("unknown option '" + name + "' (see --help)");
                    }
                }
            }
        }
        if (!prefix.matches("[A-Za-z0-9_]{1,10}")) {
            throw new UsageException("--prefix must be 1-10 letters, digits or underscores, not '" + prefix + "'");
        }
        String lastName = prefix + "_" + (firstBot + players - 1);
        if (lastName.length() > 20 || (prefix + "_" + firstBot).length() < 3) {
            throw new UsageException("bot names like '" + lastName + "' must be 3-20 characters; shorten --prefix");
        }
        if (!spread && area / 2 > bounds) {
            throw new UsageException("--area " + fmt(area) + " is larger than the world (--bounds " + fmt(bounds)
                    + " is half its side)");
        }
        int rampSeconds = ramp != null ? ramp : Math.max(5, (players + 24) / 25);
        int loginBudgetSeconds = loginBudget != null ? loginBudget : Math.clamp(players / 2, 60, 3_600);
        return new BenchOptions(players, seconds, rampSeconds, joinWindow, settle, area, spread, roam, bounds,
                retarget, chat, grace,
                List.copyOf(systems), loopback("--url", url), loopback("--world-metrics", worldMetrics),
                Path.of(runDir), Path.of(out), Path.of(tokens), Path.of(colyseusDir), colyseusPort,
                colyseusWorkers, colyseusDecoders, loginConcurrency, loginBudgetSeconds, prefix, firstBot, seed,
                prepareOnly);
    }

    /** The bot's account name. */
    public String botName(int index) {
        return prefix + "_" + (firstBot + index);
    }

    /** How long the ramp may run over while it waits for the join window: max(30, ramp / 2) s. */
    public int rampStretchSeconds() {
        return Math.max(30, rampSeconds / 2);
    }

    /** The seconds after the ramp that the last joins get to finish before settling starts. */
    public static final int JOIN_FINISH_SECONDS = 10;

    /**
     * Ramp (with its stretch) + the last joins + settle + measured seconds + grace: after this the tool stops
     * whatever happens.
     */
    public long hardDeadlineSeconds() {
        return (long) rampSeconds + rampStretchSeconds() + JOIN_FINISH_SECONDS + settleSeconds + seconds
                + graceSeconds;
    }

    private static int intIn(String name, String value, int min, int max) throws UsageException {
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs a whole number, not '" + value + "'");
        }
        if (parsed < min || parsed > max) {
            throw new UsageException(name + " must be between " + min + " and " + max + ", not " + parsed);
        }
        return parsed;
    }

    private static double doubleIn(String name, String value, double min, double max) throws UsageException {
        double parsed;
        try {
            parsed = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs a number, not '" + value + "'");
        }
        if (!Double.isFinite(parsed) || parsed < min || parsed > max) {
            throw new UsageException(name + " must be between " + fmt(min) + " and " + fmt(max) + ", not " + value);
        }
        return parsed;
    }

    private static long longValue(String name, String value) throws UsageException {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs a whole number, not '" + value + "'");
        }
    }

    /** Benchmarks send traffic to this machine only. */
    static URI loopback(String name, String value) throws UsageException {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(name + " is not a URL: '" + value + "'");
        }
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0) {
            throw new UsageException(name + " must look like http://127.0.0.1:PORT/..., not '" + value + "'");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        boolean local = host.equals("localhost");
        if (!local) {
            try {
                // literal addresses only: no name is looked up, so nothing resolves to another machine
                if (host.matches("[0-9.]+") || host.startsWith("[")) {
                    local = InetAddress.getByName(host).isLoopbackAddress();
                }
            } catch (UnknownHostException e) {
                local = false;
            }
        }
        if (!local) {
            throw new UsageException(name + " must point at this machine (127.0.0.1, localhost or [::1]), not '"
                    + uri.getHost() + "'");
        }
        return uri;
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
