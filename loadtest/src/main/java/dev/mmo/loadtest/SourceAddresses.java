package dev.mmo.loadtest;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the bots' REST calls come from. auth-service throttles per client address (10 registrations per address
 * per 10 minutes by default), and real players come from many addresses: against a gateway on this machine, every
 * {@link #BOTS_PER_ADDRESS} bots share one loopback address of 127.64.0.0/10 (Linux routes all of 127/8 to lo):
 * bot {@code <prefix>_<n>} uses the address {@code n / 8} of its prefix's block of 65,536 (64 blocks, by the
 * prefix's hash), so runs with other prefixes against the same auth-service do not reuse addresses that have
 * registered already. Against another host there is one client, from the machine's own address. One HttpClient
 * per address, a few kept at a time (logins run a few at once, in name order).
 */
final class SourceAddresses {

    static final int BOTS_PER_ADDRESS = 8;
    private static final int CLIENTS_KEPT = 32;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final boolean spread;
    private final URI gateway;
    private final HttpClient single;
    private final Map<Integer, HttpClient> clients = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, HttpClient> eldest) {
            if (size() > CLIENTS_KEPT) {
                eldest.getValue().shutdown(); // requests it still runs complete
                return true;
            }
            return false;
        }
    };

    SourceAddresses(URI gateway) {
        String host = gateway.getHost();
        this.spread = host.equals("localhost") || host.startsWith("127.");
        // a client bound to 127.x must reach the gateway over IPv4 loopback, not ::1
        this.gateway = spread ? URI.create(gateway.toString().replaceFirst("//localhost", "//127.0.0.1")) : gateway;
        this.single = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** The gateway's address as the clients reach it. */
    URI gateway() {
        return gateway;
    }

    boolean spread() {
        return spread;
    }

    /** The client for a bot: bots named {@code <prefix>_<n>} share by prefix and n / 8, other names by their hash. */
    synchronized HttpClient clientFor(String botName) {
        if (!spread) {
            return single;
        }
        return clients.computeIfAbsent(
                group(botName),
                g -> HttpClient.newBuilder()
                        .connectTimeout(CONNECT_TIMEOUT)
                        .localAddress(address(g))
                        .build());
    }

    static int group(String botName) {
        int underscore = botName.lastIndexOf('_');
        String prefix = underscore >= 0 ? botName.substring(0, underscore) : "";
        int block = Math.floorMod(prefix.hashCode(), 64);
        return (block << 16) | Math.floorMod(botNumber(botName) / BOTS_PER_ADDRESS, 1 << 16);
    }

    /** 127.64.0.1 and on: the group's number (22 bits) plus one, so never 127.64.0.0 itself. */
    static InetAddress address(int group) {
        int n = (group + 1) & ((1 << 22) - 1);
        return InetAddress.ofLiteral("127." + (64 + (n >> 16 & 63)) + "." + (n >> 8 & 255) + "." + (n & 255));
    }

    static int botNumber(String botName) {
        int underscore = botName.lastIndexOf('_');
        if (underscore >= 0) {
            try {
                return Integer.parseInt(botName.substring(underscore + 1));
            } catch (NumberFormatException notNumbered) {
                // fall through
            }
        }
        return botName.hashCode();
    }
}
