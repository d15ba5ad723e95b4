package dev.mmo.shared.net;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Who a request really comes from when proxies stand in front: the {@code X-Forwarded-For} header is believed only
 * when the TCP peer is one of the trusted proxies, and then only its right-most entry, the one that proxy wrote
 * (entries further left are whatever the client sent). Anyone else is their TCP peer, whatever the header says.
 */
public final class TrustedProxies {

    public static final String FORWARDED_FOR = "X-Forwarded-For";

    private final List<AddressRange> ranges;

    /** @param cidrs addresses and CIDR ranges, e.g. {@code 127.0.0.0/8}, {@code ::1}; IP literals only */
    public TrustedProxies(List<String> cidrs) {
        this.ranges = cidrs.stream()
                .filter(cidr -> !cidr.isBlank())
                .map(AddressRange::parse)
                .toList();
    }

    public boolean isTrusted(InetAddress address) {
        return ranges.stream().anyMatch(range -> range.contains(address));
    }

    /** The client: the last {@code X-Forwarded-For} entry if the peer is trusted and it is an address, else the peer. */
    public InetAddress clientOf(InetAddress peer, List<String> forwardedFor) {
        if (forwardedFor.isEmpty() || !isTrusted(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.getLast().split(",");
        return parse(hops[hops.length - 1].strip()).orElse(peer);
    }

    private static Optional<InetAddress> parse(String text) {
        // "[2001:db8::1]:4711" and "192.0.2.1:4711" are forms some proxies write
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
