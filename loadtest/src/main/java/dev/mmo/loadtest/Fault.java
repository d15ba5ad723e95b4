package dev.mmo.loadtest;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** A fault that {@code ./mmo bench --faults} injects while the bots play (docs/reliability.md, "Faults under load"). */
public enum Fault {
    /** kill -9 of the world-service that owns the world; a standby takes over, or the tool restarts it. */
    KILL_WORLD("kill-world", "kill -9 of the active world-service"),
    /** SIGSTOP of PostgreSQL's postmaster and every backend for --fault-seconds, then SIGCONT. */
    HANG_POSTGRES("hang-postgres", "PostgreSQL (postmaster and backends) stopped with SIGSTOP"),
    /** kill -9 of the gateway, which the tool then restarts; every player is cut and reconnects. */
    KILL_GATEWAY("kill-gateway", "kill -9 of the gateway, restarted by the tool"),
    /** kill -9 of chat-service, which the tool then restarts. */
    KILL_CHAT("kill-chat", "kill -9 of chat-service, restarted by the tool"),
    /** SIGSTOP of the Kafka broker for --fault-seconds, then SIGCONT. */
    STOP_KAFKA("stop-kafka", "the Kafka broker stopped with SIGSTOP");

    private final String label;
    private final String description;

    Fault(String label, String description) {
        this.label = label;
        this.description = description;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** Whether the fault stops a process for a while and then lets it go on (rather than killing it). */
    public boolean isHold() {
        return this == HANG_POSTGRES || this == STOP_KAFKA;
    }

    public static Optional<Fault> named(String label) {
        return Arrays.stream(values()).filter(f -> f.label.equals(label)).findFirst();
    }

    static String names() {
        return Arrays.stream(values()).map(Fault::label).collect(Collectors.joining(", "));
    }
}
