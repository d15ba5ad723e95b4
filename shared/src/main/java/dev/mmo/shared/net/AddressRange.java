package dev.mmo.shared.net;

import java.net.InetAddress;
import java.util.Arrays;

/** An IP address range in CIDR notation ({@code 10.0.0.0/8}, {@code ::1}); a bare address is a range of one. */
@SuppressWarnings("ArrayRecordComponent") // compared by contains(address), never by equals
public record AddressRange(byte[] network, int prefixLength) {

    public static AddressRange parse(String cidr) {
        String text = cidr.strip();
        int slash = text.indexOf('/');
        InetAddress address = literal(slash < 0 ? text : text.substring(0, slash), cidr);
        int bits = address.getAddress().length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an address range: '" + cidr + "'");
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("not an address range: '" + cidr + "' (prefix 0 to " + bits + ")");
        }
        return new AddressRange(address.getAddress(), prefix);
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        if (!Arrays.equals(candidate, 0, fullBytes, network, 0, fullBytes)) {
            return false;
        }
        int restBits = prefixLength % 8;
        if (restBits == 0) {
            return true;
        }
        int mask = (0xFF << (8 - restBits)) & 0xFF;
        return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    /** An IP literal only: a host name here would mean a DNS look-up per request. */
    private static InetAddress literal(String text, String whole) {
        try {
            return InetAddress.ofLiteral(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an address range: '" + whole + "'");
        }
    }
}
