package dev.mmo.loadtest;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What {@code ./mmo bench} was asked to do. picocli reads the command line into the annotated fields (and writes
 * {@code --help} from their descriptions); {@link #parse} then checks ranges and combinations and fails with a
 * {@link UsageException} whose message says which argument is wrong and why. Every option is described in
 * docs/benchmarks.md too (a unit test keeps the two in step).
 */
@Command(
        name = "./mmo bench",
        sortOptions = false,
        usageHelpWidth = 118,
        customSynopsis = "./mmo bench [options]        (the stack must be up: ./mmo up)",
        description = {
            "Runs N bot players against the stack of ./mmo up (and with --compare colyseus against a Colyseus room,",
            "back to back), each system's server side pinned to --server-cpus and the load generator to",
            "--generator-cpus, and prints the figures side by side (JSON in --out). docs/benchmarks.md explains them."
        },
        footer = {
            "",
            "Modes: a run of one size (default); --sweep runs several sizes and draws charts; --chart DIR only",
            "redraws the charts of DIR's JSON; --faults injects faults while the bots play (docs/reliability.md);",
            "--prepare only logs the bots in. Exit: 0 done, 1 a run failed, 2 bad arguments, 3 hard deadline passed,",
            "4 a run was VOID (the load generator's cores were more than " + BenchOptions.VOID_ABOVE_PERCENT
                    + " %% busy)."
        })
public final class BenchOptions implements Cloneable {

    /** A run whose load generator's cores were busier than this (in %, over the window) is VOID. */
    public static final int VOID_ABOVE_PERCENT = 85;

    /** A command line that cannot be run; the message is meant for the person who typed it. */
    public static final class UsageException extends Exception {
        private final boolean help;

        public UsageException(String message) {
            this(message, false);
        }

        UsageException(String message, boolean help) {
            super(message);
            this.help = help;
        }

        /** The message is the help that was asked for, not an error. */
        public boolean isHelp() {
            return help;
        }
    }

    // --- the scenario ---
    @Option(
            names = "--players",
            paramLabel = "N",
            defaultValue = "100",
            description = "bot players (default ${DEFAULT-VALUE})")
    private int players;

    @Option(
            names = "--seconds",
            paramLabel = "S",
            defaultValue = "60",
            description = "measured seconds after the ramp and settling (default ${DEFAULT-VALUE}); 600 and more"
                    + " is a soak: memory slope per service and p99 drift are printed")
    private int seconds;

    @Option(
            names = "--ramp",
            paramLabel = "S",
            description = "connect the bots evenly over S seconds (default max(5, players/25))")
    private Integer ramp;

    @Option(
            names = "--join-window",
            paramLabel = "W",
            defaultValue = "100",
            description = "at most W bots between connecting and their Welcome at once; while as many are, the ramp"
                    + " waits, for at most max(30, ramp/2) s in all (default ${DEFAULT-VALUE}; 0 = no limit)")
    private int joinWindow;

    @Option(
            names = "--settle",
            paramLabel = "S",
            defaultValue = "15",
            description = "play S seconds after the ramp before measuring (default ${DEFAULT-VALUE})")
    private int settleSeconds;

    @Option(
            names = "--area",
            paramLabel = "A",
            defaultValue = "1000",
            description = "bots walk to random points of the A x A square centred on 0,0 (default ${DEFAULT-VALUE})")
    private double area;

    @Option(
            names = "--spread",
            description = "spread the players over the whole world instead of the area: each bot has a home"
                    + " (uniform over the world, the same in every run) and walks around it")
    private boolean spread;

    @Option(
            names = "--roam",
            paramLabel = "R",
            defaultValue = "1000",
            description =
                    "with --spread: the side of the square around its home a bot walks in (default ${DEFAULT-VALUE})")
    private double roam;

    @Option(
            names = "--bounds",
            paramLabel = "B",
            defaultValue = "5000",
            description = "the world's half size, mmo.world.bounds (default ${DEFAULT-VALUE})")
    private double bounds;

    @Option(
            names = "--retarget",
            paramLabel = "S",
            defaultValue = "3",
            description = "mean seconds between two clicks of one bot (default ${DEFAULT-VALUE})")
    private double retargetSeconds;

    @Option(
            names = "--chat-per-minute",
            paramLabel = "R",
            defaultValue = "1",
            description = "chat lines per bot per minute (default ${DEFAULT-VALUE}; 0 = none)")
    private double chatPerMinute;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "1",
            description = "random seed of the bots' choices (default ${DEFAULT-VALUE})")
    private long seed;

    // --- the systems and a fair comparison ---
    @Option(
            names = "--compare",
            paramLabel = "colyseus",
            description = "run the same scenario against a Colyseus room right after the MMO, and print both")
    private String compare;

    @Option(names = "--only", paramLabel = "mmo|colyseus", description = "run only one system")
    private String only;

    @Option(
            names = "--server-cpus",
            paramLabel = "LIST",
            defaultValue = "0",
            description = "the cores every server process is pinned to (taskset -a): gateway, world, chat, auth,"
                    + " PostgreSQL, Kafka; or the Colyseus server (default ${DEFAULT-VALUE}; a list like 0,2-3)")
    private String serverCpus;

    @Option(
            names = "--generator-cpus",
            paramLabel = "LIST",
            defaultValue = "1",
            description =
                    "the cores of the load generator: this tool and the Colyseus bot driver (default ${DEFAULT-VALUE})")
    private String generatorCpus;

    @Option(
            names = "--no-pin",
            negatable = false,
            description = "pin nothing (the figures are then not a fair comparison; for a one-core machine)")
    private boolean noPin;

    @Option(
            names = {"--decoders", "--colyseus-decoders"},
            paramLabel = "D",
            defaultValue = "100",
            description = "how many bots of each system read every frame and measure latency (default"
                    + " ${DEFAULT-VALUE}; a fault run: all); the others count frames and bytes only, so the"
                    + " generator stays small beside the servers. The servers do the same work either way")
    private int decoders;

    // --- output, sweeps and charts ---
    @Option(
            names = "--out",
            paramLabel = "FILE",
            defaultValue = "target/bench.json",
            description = "JSON results (default ${DEFAULT-VALUE})")
    private Path out;

    @Option(
            names = "--sweep",
            paramLabel = "N,N,...",
            split = ",",
            hideParamSyntax = true,
            description = "run every size in turn (each with every system), keep each size's JSON in --chart's"
                    + " folder and draw the charts there")
    private List<Integer> sweep;

    @Option(
            names = "--chart",
            paramLabel = "DIR",
            description = "the folder of a sweep's JSON and charts (default docs/bench with --sweep); alone: only"
                    + " redraw DIR's charts from the JSON in it")
    private Path chartDir;

    @Option(
            names = "--machine-note",
            paramLabel = "TEXT",
            description = "what the charts and the JSON say about the machine (e.g. 'quiet 2-core VM')")
    private String machineNote;

    // --- faults under load ---
    @Option(
            names = "--faults",
            paramLabel = "F,F,...",
            split = ",",
            hideParamSyntax = true,
            description = "inject these faults in turn while the bots play and report each (MMO only): kill-world,"
                    + " hang-postgres, kill-gateway, kill-chat, stop-kafka; bots then reconnect like the web client")
    private List<String> faults;

    @Option(
            names = "--fault-seconds",
            paramLabel = "S",
            defaultValue = "10",
            description = "how long hang-postgres and stop-kafka hold the process stopped (default ${DEFAULT-VALUE})")
    private int faultSeconds;

    @Option(
            names = "--fault-interval",
            paramLabel = "S",
            defaultValue = "20",
            description = "steady play before each fault and after the last (default ${DEFAULT-VALUE})")
    private int faultInterval;

    @Option(
            names = "--recovery-timeout",
            paramLabel = "S",
            defaultValue = "120",
            description = "how long a fault may take until every player is back before the run goes on (default"
                    + " ${DEFAULT-VALUE})")
    private int recoveryTimeout;

    // --- where things are ---
    @Option(
            names = "--url",
            paramLabel = "URL",
            defaultValue = "http://127.0.0.1:8080",
            description = "the gateway (default ${DEFAULT-VALUE}; loopback only)")
    private String url;

    @Option(
            names = "--world-metrics",
            paramLabel = "URL",
            description = "world-service's /q/metrics (default: the owner of 9082 and 9092, the management ports of"
                    + " ./mmo up's world and its standby)")
    private String worldMetrics;

    @Option(
            names = "--run-dir",
            paramLabel = "DIR",
            defaultValue = ".mmo/run",
            description = "where ./mmo keeps its pid files (default ${DEFAULT-VALUE})")
    private Path runDir;

    @Option(
            names = "--mmo",
            paramLabel = "FILE",
            defaultValue = "./mmo",
            description =
                    "the mmo script, which the fault run asks to restart a killed part (default ${DEFAULT-VALUE})")
    private Path mmoScript;

    @Option(
            names = "--tokens",
            paramLabel = "FILE",
            defaultValue = ".mmo/bench/tokens.tsv",
            description = "cache of bot tokens between runs (default ${DEFAULT-VALUE})")
    private Path tokenCache;

    @Option(
            names = "--colyseus-dir",
            paramLabel = "DIR",
            defaultValue = "bench/colyseus",
            description = "the Colyseus project (default ${DEFAULT-VALUE})")
    private Path colyseusDir;

    @Option(
            names = "--colyseus-port",
            paramLabel = "P",
            defaultValue = "2567",
            description = "its port (default ${DEFAULT-VALUE}; P+1 serves its tick statistics)")
    private int colyseusPort;

    @Option(
            names = "--colyseus-workers",
            paramLabel = "W",
            defaultValue = "2",
            description = "Node worker threads driving the Colyseus bots (default ${DEFAULT-VALUE})")
    private int colyseusWorkers;

    // --- accounts ---
    @Option(
            names = "--login-concurrency",
            paramLabel = "C",
            defaultValue = "4",
            description = "parallel logins/registrations (BCrypt; default ${DEFAULT-VALUE})")
    private int loginConcurrency;

    @Option(
            names = "--login-budget",
            paramLabel = "S",
            description = "seconds the logins/registrations may take in all (default players/2, at least 60, at"
                    + " most 3600; a fresh 10000 needs ~20-30 min on 2 cores)")
    private Integer loginBudget;

    @Option(
            names = "--prefix",
            paramLabel = "P",
            defaultValue = "bot",
            description = "bot names are P_<n> (default ${DEFAULT-VALUE})")
    private String prefix;

    @Option(
            names = "--first-bot",
            paramLabel = "N",
            defaultValue = "1",
            description = "number of the first bot (default ${DEFAULT-VALUE})")
    private int firstBot;

    @Option(
            names = "--prepare",
            description = "only register/log in the bots and cache their tokens (valid for auth-service's token"
                    + " lifetime), then stop")
    private boolean prepareOnly;

    @Option(
            names = "--grace",
            paramLabel = "S",
            defaultValue = "30",
            description = "hard deadline = ramp + its stretch + 10 + settle + seconds + S (default ${DEFAULT-VALUE})")
    private int graceSeconds;

    @SuppressWarnings("UnusedVariable") // picocli sets it and prints the help itself
    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "this help")
    private boolean help;

    // what parse() derives
    private List<String> systems;
    private List<Fault> faultList;
    private CpuSet serverCpuSet;
    private CpuSet generatorCpuSet;
    private URI gatewayUrl;
    private List<URI> worldMetricsUrls;

    private BenchOptions() {}

    /** The generated help. */
    public static String usage() {
        return new CommandLine(new BenchOptions()).getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    /** The names of every option (for the check that docs/benchmarks.md describes them all). */
    static List<String> optionNames() {
        List<String> names = new ArrayList<>();
        new CommandLine(new BenchOptions()).getCommandSpec().options().forEach(o -> names.addAll(List.of(o.names())));
        return names;
    }

    public static BenchOptions parse(String... args) throws UsageException {
        BenchOptions options = new BenchOptions();
        CommandLine line = new CommandLine(options);
        line.setOverwrittenOptionsAllowed(true); // ./mmo passes --run-dir and --mmo first; a later one wins
        try {
            line.parseArgs(args);
        } catch (CommandLine.UnmatchedArgumentException e) {
            String first = e.getUnmatched().isEmpty() ? "" : e.getUnmatched().getFirst();
            if (!first.startsWith("-")) {
                throw new UsageException("unexpected argument '" + first + "'; options start with --");
            }
            List<String> close = e.getSuggestions();
            throw new UsageException("unknown option '" + first + "'"
                    + (close.isEmpty() ? "" : "; did you mean " + String.join(" or ", close) + "?") + " (see --help)");
        } catch (CommandLine.ParameterException e) {
            throw new UsageException(e.getMessage());
        }
        if (line.isUsageHelpRequested()) {
            throw new UsageException(line.getUsageMessage(CommandLine.Help.Ansi.OFF), true);
        }
        options.check();
        return options;
    }

    private void check() throws UsageException {
        range("--players", players, 1, 20_000);
        range("--seconds", seconds, 1, 86_400);
        if (ramp != null) {
            range("--ramp", ramp, 0, 3_600);
        }
        range("--join-window", joinWindow, 0, 20_000);
        range("--settle", settleSeconds, 0, 600);
        range("--area", area, 1, 1_000_000);
        range("--roam", roam, 1, 1_000_000);
        range("--bounds", bounds, 1, 1_000_000);
        range("--retarget", retargetSeconds, 0.2, 600);
        range("--chat-per-minute", chatPerMinute, 0, 60);
        range("--grace", graceSeconds, 1, 600);
        range("--decoders", decoders, 1, 20_000);
        range("--colyseus-port", colyseusPort, 1024, 65_534);
        range("--colyseus-workers", colyseusWorkers, 1, 16);
        range("--login-concurrency", loginConcurrency, 1, 64);
        if (loginBudget != null) {
            range("--login-budget", loginBudget, 10, 86_400);
        }
        range("--first-bot", firstBot, 0, 10_000_000);
        range("--fault-seconds", faultSeconds, 1, 600);
        range("--fault-interval", faultInterval, 5, 3_600);
        range("--recovery-timeout", recoveryTimeout, 10, 3_600);

        if (!prefix.matches("[A-Za-z0-9_]{1,10}")) {
            throw new UsageException("--prefix must be 1-10 letters, digits or underscores, not '" + prefix + "'");
        }
        int largest = sweep == null
                ? players
                : sweep.stream().mapToInt(Integer::intValue).max().orElse(players);
        String lastName = prefix + "_" + ((long) firstBot + largest - 1);
        if (lastName.length() > 20 || (prefix + "_" + firstBot).length() < 3) {
            throw new UsageException("bot names like '" + lastName + "' must be 3-20 characters; shorten --prefix");
        }
        if (!spread && area / 2 > bounds) {
            throw new UsageException("--area " + fmt(area) + " is larger than the world (--bounds " + fmt(bounds)
                    + " is half its side)");
        }

        systems = List.of("mmo");
        if (compare != null) {
            if (!compare.equals("colyseus")) {
                throw new UsageException("--compare knows only 'colyseus', not '" + compare + "'");
            }
            systems = List.of("mmo", "colyseus");
        }
        if (only != null) {
            if (!only.equals("mmo") && !only.equals("colyseus")) {
                throw new UsageException("--only takes 'mmo' or 'colyseus', not '" + only + "'");
            }
            if (compare != null) {
                throw new UsageException("--only and --compare contradict each other; give one");
            }
            systems = List.of(only);
        }

        if (sweep != null) {
            if (sweep.isEmpty()) {
                throw new UsageException("--sweep needs sizes, like 500,1000,2000");
            }
            for (int size : sweep) {
                range("--sweep", size, 1, 20_000);
            }
            if (sweep.stream().distinct().count() != sweep.size()) {
                throw new UsageException("--sweep lists a size twice: " + sweep);
            }
            sweep = sweep.stream().sorted().toList();
            if (chartDir == null) {
                chartDir = Path.of("docs/bench");
            }
        }

        faultList = List.of();
        if (faults != null) {
            List<Fault> list = new ArrayList<>();
            for (String name : faults) {
                list.add(Fault.named(name.strip())
                        .orElseThrow(
                                () -> new UsageException("--faults knows " + Fault.names() + ", not '" + name + "'")));
            }
            if (list.isEmpty()) {
                throw new UsageException("--faults needs at least one of " + Fault.names());
            }
            if (!systems.equals(List.of("mmo"))) {
                throw new UsageException("--faults runs against the MMO only; drop --compare/--only colyseus");
            }
            if (sweep != null) {
                throw new UsageException("--faults and --sweep are separate runs; give one");
            }
            faultList = List.copyOf(list);
        }
        if (prepareOnly && (sweep != null || !faultList.isEmpty())) {
            throw new UsageException("--prepare only logs the bots in; it takes no --sweep or --faults");
        }

        try {
            serverCpuSet = CpuSet.parse(serverCpus);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--server-cpus: " + e.getMessage());
        }
        try {
            generatorCpuSet = CpuSet.parse(generatorCpus);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--generator-cpus: " + e.getMessage());
        }
        if (!noPin && serverCpuSet.overlaps(generatorCpuSet)) {
            throw new UsageException("--server-cpus " + serverCpuSet + " and --generator-cpus " + generatorCpuSet
                    + " share a core: the servers and the load generator would compete for it");
        }

        gatewayUrl = loopback("--url", url);
        if (worldMetrics != null) {
            worldMetricsUrls = List.of(loopback("--world-metrics", worldMetrics));
        } else {
            // the management ports of ./mmo up's world-service and of its standby (./mmo up --standby)
            worldMetricsUrls = List.of(
                    URI.create("http://127.0.0.1:9082/q/metrics"), URI.create("http://127.0.0.1:9092/q/metrics"));
        }
    }

    /** The same options for a run of another size (a sweep's): ramp and login budget follow the size unless given. */
    BenchOptions withPlayers(int count) {
        try {
            BenchOptions copy = (BenchOptions) clone();
            copy.players = count;
            copy.sweep = null;
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    /** The same options for one system of a comparison (a sweep runs each system of each size on its own). */
    BenchOptions withSystems(List<String> which) {
        try {
            BenchOptions copy = (BenchOptions) clone();
            copy.systems = List.copyOf(which);
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    // --- what the rest of the tool reads ---

    public int players() {
        return players;
    }

    public int seconds() {
        return seconds;
    }

    /** Default 1 s per 25 players, at least 5 s: 50 joins a second overran the gateway's world link at 1000. */
    public int rampSeconds() {
        return ramp != null ? ramp : Math.max(5, (players + 24) / 25);
    }

    public int joinWindow() {
        return joinWindow;
    }

    public int settleSeconds() {
        return settleSeconds;
    }

    public double area() {
        return area;
    }

    public boolean spread() {
        return spread;
    }

    public double roam() {
        return roam;
    }

    public double bounds() {
        return bounds;
    }

    public double retargetSeconds() {
        return retargetSeconds;
    }

    public double chatPerMinute() {
        return chatPerMinute;
    }

    public int graceSeconds() {
        return graceSeconds;
    }

    /** Which systems to run, in order: {@code mmo}, {@code colyseus}. */
    public List<String> systems() {
        return systems;
    }

    public URI gatewayUrl() {
        return gatewayUrl;
    }

    /** Where world-service's metrics may be, in the order to try. */
    public List<URI> worldMetricsUrls() {
        return worldMetricsUrls;
    }

    public Path runDir() {
        return runDir;
    }

    public Path mmoScript() {
        return mmoScript;
    }

    public Path out() {
        return out;
    }

    public Path tokenCache() {
        return tokenCache;
    }

    public Path colyseusDir() {
        return colyseusDir;
    }

    public int colyseusPort() {
        return colyseusPort;
    }

    public int colyseusWorkers() {
        return colyseusWorkers;
    }

    /** Bots that decode every frame; a fault run needs every bot to know where its actor is. */
    public int decoders() {
        return faultList.isEmpty() ? Math.min(decoders, players) : players;
    }

    public int loginConcurrency() {
        return loginConcurrency;
    }

    public int loginBudgetSeconds() {
        return loginBudget != null ? loginBudget : Math.clamp(players / 2, 60, 3_600);
    }

    public String prefix() {
        return prefix;
    }

    public int firstBot() {
        return firstBot;
    }

    public long seed() {
        return seed;
    }

    public boolean prepareOnly() {
        return prepareOnly;
    }

    /** Whether to pin servers and generator to their cores. */
    public boolean pin() {
        return !noPin;
    }

    public CpuSet serverCpus() {
        return serverCpuSet;
    }

    public CpuSet generatorCpus() {
        return generatorCpuSet;
    }

    /** The sizes of a sweep (ascending), or null for a run of one size. */
    public List<Integer> sweep() {
        return sweep;
    }

    /** Where a sweep keeps its JSON and charts, or what to redraw; null when neither was asked for. */
    public Path chartDir() {
        return chartDir;
    }

    /** Only redraw the charts: --chart without --sweep. */
    public boolean chartOnly() {
        return chartDir != null && sweep == null;
    }

    public String machineNote() {
        return machineNote;
    }

    /** The faults to inject, in order; empty for a benchmark. */
    public List<Fault> faults() {
        return faultList;
    }

    public int faultSeconds() {
        return faultSeconds;
    }

    public int faultIntervalSeconds() {
        return faultInterval;
    }

    public int recoveryTimeoutSeconds() {
        return recoveryTimeout;
    }

    /** The bot's account name. */
    public String botName(int index) {
        return prefix + "_" + (firstBot + index);
    }

    /** How long the ramp may run over while it waits for the join window: max(30, ramp / 2) s. */
    public int rampStretchSeconds() {
        return Math.max(30, rampSeconds() / 2);
    }

    /** The seconds after the ramp that the last joins get to finish before settling starts. */
    public static final int JOIN_FINISH_SECONDS = 10;

    /**
     * Ramp (with its stretch) + the last joins + settle + measured seconds + grace: after this the tool stops
     * whatever happens. A fault run adds each fault's interval, hold and recovery time.
     */
    public long hardDeadlineSeconds() {
        long faultsSeconds = (long) faultList.size() * (faultInterval + faultSeconds + recoveryTimeout + 60)
                + (faultList.isEmpty() ? 0 : faultInterval);
        return (long) rampSeconds()
                + rampStretchSeconds()
                + JOIN_FINISH_SECONDS
                + settleSeconds
                + (faultList.isEmpty() ? seconds : faultsSeconds)
                + graceSeconds;
    }

    private static void range(String name, long value, long min, long max) throws UsageException {
        if (value < min || value > max) {
            throw new UsageException(name + " must be between " + min + " and " + max + ", not " + value);
        }
    }

    private static void range(String name, double value, double min, double max) throws UsageException {
        if (!Double.isFinite(value) || value < min || value > max) {
            throw new UsageException(
                    name + " must be between " + fmt(min) + " and " + fmt(max) + ", not " + fmt(value));
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
            throw new UsageException(
                    name + " must point at this machine (127.0.0.1, localhost or [::1]), not '" + uri.getHost() + "'");
        }
        return uri;
    }

    private static String fmt(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : Double.toString(value);
    }
}
