package dev.mmo.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ListeningPortsTest {

    @Test
    void readsListeningSocketsByInode() {
        String tcp = """
                  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
                   0: 0100007F:1F92 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 228129 1 0000 100 0 0 10 0
                   1: 0100007F:2382 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 228130 1 0000 100 0 0 10 0
                   2: 0100007F:1F92 0100007F:D4C2 01 00000000:00000000 00:00000000 00000000     0        0 228131 1 0000 20 4 30 10 -1
                """;
        assertEquals(
                Map.of(228129L, 8082, 228130L, 9090),
                ListeningPorts.parse(tcp),
                "listening (0A) only, ports in hex; an established connection is not a listener");
    }
}
