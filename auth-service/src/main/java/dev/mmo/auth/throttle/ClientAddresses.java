package dev.mmo.auth.throttle;

import dev.mmo.auth.AuthConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Who a request comes from, for throttling. The gateway replaces any {@code X-Forwarded-For} a client sent with the
 * address it sees the client connect from, so behind the gateway the header is the client. The header is believed
 * only when the connection itself comes from a trusted proxy ({@code mmo.auth.trusted-proxies}, default loopback):
 * anyone else could write any address into it and so escape every per-address limit.
 */
@ApplicationScoped
public class ClientAddresses {

    private static final String FORWARDED_FOR = "X-Forwarded-For";
    /** IPv6 hands a single subscriber a /64: counting its addresses one by one would give an attacker 2^64 tries. */
    private static final int IPV6_SUBSCRIBER_PREFIX_BYTES = 8;

    private final List<AddressRange> trustedProxies;

    @Inject
    public ClientAddresses(AuthConfig config) {
        this(config.auth().trustedProxies());
    }

    ClientAddresses(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(AddressRange::parse).toList();
    }

    /** The client's address as a throttling key: an IPv4 address, or an IPv6 address's /64 network. */
    public String of(HttpServerRequest request) {
        InetAddress peer = InetAddress.ofLiteral(request.remoteAddress().hostAddress());
        return key(resolve(peer, request.headers().getAll(FORWARDED_FOR)));
    }

    InetAddress resolve(InetAddress peer, List<String> forwardedFor) {
        if (forwardedFor.isEmpty() || !isTrusted(peer)) {
            return peer;
        }
        // The right-most entry is the one the nearest proxy (ours) wrote; entries further left came from the client.
        String last = forwardedFor.getLast();
        String[] hops = last.split(",");
        return parse(hops[hops.length - 1].strip()).orElse(peer);
    }

    boolean isTrusted(InetAddress address) {
        return trustedProxies.stream().anyMatch(range -> range.contains(address));
    }

    static String key(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] bytes = Arrays.copyOf(address.getAddress(), 16);
            Arrays.fill(bytes, IPV6_SUBSCRIBER_PREFIX_BYTES, 16, (byte) 0);
            try {
                return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
            } catch (UnknownHostException impossible) {
                throw new IllegalStateException("16 bytes are an IPv6 address", impossible);
            }
        }
        return address.getHostAddress();
    }

    private static Optional<InetAddress> parse(String text) {
        // "[2001:db8::1]" and "192.0.2.1:4711" are forms some proxies write
        String address = text.startsWith("[") && text.contains("]") ? text.substring(1, text.indexOf(']')) : text;
        if (address.indexOf(':') > 0 && address.indexOf(':') == address.lastIndexOf(':') && address.contains(".")) {
            address = address.substring(0, address.indexOf(':'));
        }
        try {
            return Optional.of(InetAddress.ofLiteral(address));
        } catch (IllegalArgumentException notAnAddress) {
            return Optional.empty();
        }
    }
}
