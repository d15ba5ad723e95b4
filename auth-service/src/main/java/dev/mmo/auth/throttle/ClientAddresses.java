package dev.mmo.auth.throttle;

import dev.mmo.auth.AuthConfig;
import dev.mmo.shared.net.TrustedProxies;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Who a request comes from, for throttling. The gateway replaces any {@code X-Forwarded-For} a client sent with the
 * address it sees the client connect from, so behind the gateway the header is the client. The header is believed
 * only when the connection itself comes from a trusted proxy ({@code mmo.auth.trusted-proxies}, default loopback):
 * anyone else could write any address into it and so escape every per-address limit.
 */
@ApplicationScoped
public class ClientAddresses {

    /** IPv6 hands a single subscriber a /64: counting its addresses one by one would give an attacker 2^64 tries. */
    private static final int IPV6_SUBSCRIBER_PREFIX_BYTES = 8;

    private final TrustedProxies trustedProxies;

    @Inject
    public ClientAddresses(AuthConfig config) {
        this(config.auth().trustedProxies());
    }

    ClientAddresses(List<String> trustedProxies) {
        this.trustedProxies = new TrustedProxies(trustedProxies);
    }

    /** The client's address as a throttling key: an IPv4 address, or an IPv6 address's /64 network. */
    public String of(HttpServerRequest request) {
        InetAddress peer = InetAddress.ofLiteral(request.remoteAddress().hostAddress());
        return key(resolve(peer, request.headers().getAll(TrustedProxies.FORWARDED_FOR)));
    }

    InetAddress resolve(InetAddress peer, List<String> forwardedFor) {
        return trustedProxies.clientOf(peer, forwardedFor);
    }

    boolean isTrusted(InetAddress address) {
        return trustedProxies.isTrusted(address);
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
}
