package dev.mmo.stack;

import java.io.IOException;

/**
 * The main class of the Kafka child JVM: formats the storage on first start, then runs {@code kafka.Kafka}.
 * Arguments: {@code <server.properties> <cluster id>}.
 * <p>
 * The parent keeps this process's stdin open as a pipe; when it reads end-of-file the parent is gone (even after
 * kill -9, when no shutdown hook ran), and the broker shuts down instead of lingering as an orphan.
 */
public final class KafkaBrokerProcess {

    private KafkaBrokerProcess() {}

    public static void main(String[] args) {
        String serverProperties = args[0];
        String clusterId = args[1];
        Thread.ofPlatform().daemon().name("parent-watchdog").start(KafkaBrokerProcess::exitWhenParentIsGone);

        // --ignore-formatted: an existing log dir keeps its data and its cluster id
        int formatted = kafka.tools.StorageTool.execute(
                new String[] {"format", "-t", clusterId, "-c", serverProperties, "--ignore-formatted"}, System.out);
        if (formatted != 0) {
            System.err.println("Formatting the Kafka storage failed with code " + formatted);
            System.exit(formatted);
        }
        kafka.Kafka.main(new String[] {serverProperties});
    }

    private static void exitWhenParentIsGone() {
        try {
            while (System.in.read() != -1) {
                // the parent never writes; any byte is ignored
            }
        } catch (IOException closed) {
            // same meaning as end-of-file
        }
        System.err.println("Parent process is gone; shutting Kafka down");
        System.exit(0);
    }
}
