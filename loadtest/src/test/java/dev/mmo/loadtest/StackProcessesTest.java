package dev.mmo.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes: what ./mmo's pid files point at, how they are pinned and given their cores back. */
class StackProcessesTest {

    /** A process whose command line names a service's jar, as ./mmo up's java -jar does. */
    private static Process fake(String jar) throws Exception {
        return new ProcessBuilder("bash", "-c", "sleep 60; exit 0", jar).start(); // (bash stays: two commands)
    }

    @Test
    void findsTheServicesAndAStandbyWorldByWhatTheirProcessesRun(@TempDir Path root) throws Exception {
        Path run = Files.createDirectories(root.resolve("run"));
        Process world = fake("/x/world-service/target/quarkus-app/quarkus-run.jar");
        Process standby = fake("/x/world-service/target/quarkus-app/quarkus-run.jar");
        Process gateway = fake("/x/gateway/target/quarkus-app/quarkus-run.jar");
        Process other = fake("/x/something-else.jar");
        try {
            Files.writeString(run.resolve("world-service.pid"), world.pid() + "\n");
            Files.writeString(run.resolve("world-service-standby.pid"), standby.pid() + "\n");
            Files.writeString(run.resolve("gateway.pid"), gateway.pid() + "\n");
            Files.writeString(run.resolve("chat-service.pid"), other.pid() + "\n"); // a reused pid: not chat
            Files.writeString(run.resolve("auth-service.pid"), "999999999\n"); // gone
            StackProcesses stack = StackProcesses.discover(run);
            assertEquals(
                    List.of("gateway", "world-service", "world-service-standby"),
                    stack.parts().stream().map(StackProcesses.Part::name).toList());
            assertEquals(2, stack.services(StackProcesses.Kind.WORLD).size());
            assertEquals(
                    gateway.pid(),
                    stack.service(StackProcesses.Kind.GATEWAY).orElseThrow().pid());
            assertTrue(stack.service(StackProcesses.Kind.CHAT).isEmpty());
            assertTrue(stack.kafkaBroker().isEmpty());
        } finally {
            List.of(world, standby, gateway, other).forEach(Process::destroyForcibly);
        }
    }

    @Test
    void pinsEveryThreadAndGivesTheCoresBack() throws Exception {
        CpuSet online = CpuSet.online().orElseThrow();
        CpuSet first = CpuSet.parse(Integer.toString(online.toArray()[0]));
        Process child = new ProcessBuilder("bash", "-c", "sleep 60 & wait").start();
        try {
            String before = Pinning.allowedCores(child.pid()).orElseThrow();
            try (Pinning pinning = new Pinning()) {
                pinning.pin("test", child.pid(), true, first);
                assertTrue(pinning.failures().isEmpty(), pinning.failures().toString());
                assertEquals(2, pinning.pinned().size(), "bash and its sleep");
                for (Pinning.Pinned p : pinning.pinned()) {
                    int[] threads = Pinning.threadsOn(p.pid(), first);
                    assertTrue(threads[0] > 0 && threads[0] == threads[1], "every thread on " + first);
                }
            }
            assertEquals(before, Pinning.allowedCores(child.pid()).orElseThrow(), "its cores given back");
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void findsTheTcpPortsAProcessListensOn() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertTrue(ListeningPorts.of(ProcessHandle.current().pid()).contains(server.getLocalPort()));
        }
    }
}
