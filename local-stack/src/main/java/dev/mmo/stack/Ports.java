package dev.mmo.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

final class Ports {

    private Ports() {}

    /**
     * Checks by binding the wildcard address (IPv4 and IPv6), so a listener on any local address counts as taken.
     * SO_REUSEADDR lets a port whose last user just closed (TIME_WAIT) count as free, as it will for the server.
     */
    static void requireFree(int port, String purpose) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(port));
        } catch (IOException taken) {
            throw new PortInUseException(port, purpose);
        }
    }

    /** Distinct free ports: all are held open together so that no two come out equal. */
    static List<Integer> pickFree(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                held.add(socket);
                ports.add(socket.getLocalPort());
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free port", e);
        } finally {
            held.forEach(Ports::closeQuietly);
        }
    }

    static boolean accepts(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // a probe socket that fails to close leaks nothing that matters
        }
    }
}
