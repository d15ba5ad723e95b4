package dev.mmo.loadtest;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The TCP ports a process listens on, from {@code /proc/net/tcp}, {@code /proc/net/tcp6} (listening sockets, state
 * 0A, by inode) and the process's open files ({@code /proc/<pid>/fd/* → socket:[inode]}). The fault run uses it to
 * tell which of two world-services is the active one (whose metrics show the tick advancing).
 */
final class ListeningPorts {

    private ListeningPorts() {}

    /** Listening sockets of one {@code /proc/net/tcp}-format text: inode → port. */
    static Map<Long, Integer> parse(String procNetTcp) {
        Map<Long, Integer> ports = new HashMap<>();
        procNetTcp.lines().skip(1).forEach(line -> {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 10 || !fields[3].equals("0A")) {
                return;
            }
            String local = fields[1];
            int port = Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16);
            ports.put(Long.parseLong(fields[9]), port);
        });
        return ports;
    }

    static Set<Integer> of(long pid) {
        Map<Long, Integer> listening = new HashMap<>();
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            try {
                listening.putAll(parse(Files.readString(Path.of(table))));
            } catch (IOException | RuntimeException e) {
                // no IPv6, say
            }
        }
        Set<Long> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
                    }
                } catch (IOException | RuntimeException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException e) {
            return Set.of();
        }
        Set<Integer> ports = new TreeSet<>();
        for (long inode : inodes) {
            Integer port = listening.get(inode);
            if (port != null) {
                ports.add(port);
            }
        }
        return ports;
    }
}
