package dev.mmo.auth.throttle;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    private final ClientAddresses loopbackTrusted = new ClientAddresses(List.of("127.0.0.0/8", "::1"));

    private static InetAddress ip(String literal) {
        return InetAddress.ofLiteral(literal);
    }

    @Test
    void behindATrustedProxyTheForwardedAddressIsTheClient() {
        assertThat(loopbackTrusted.resolve(ip("127.0.0.1"), List.of("203.0.113.9")), equalTo(ip("203.0.113.9")));
        assertThat(loopbackTrusted.resolve(ip("::1"), List.of("2001:db8::7")), equalTo(ip("2001:db8::7")));
    }

    @Test
    void theRightMostEntryCountsAsTheOneOurProxyWrote() {
        assertThat(
                loopbackTrusted.resolve(ip("127.0.0.1"), List.of("198.51.100.1, 203.0.113.9")),
                equalTo(ip("203.0.113.9")));
        assertThat(
                loopbackTrusted.resolve(ip("127.0.0.1"), List.of("198.51.100.1", "203.0.113.9")),
                equalTo(ip("203.0.113.9")));
        assertThat(loopbackTrusted.resolve(ip("127.0.0.1"), List.of("[2001:db8::5]:4711")), equalTo(ip("2001:db8::5")));
        assertThat(loopbackTrusted.resolve(ip("127.0.0.1"), List.of("203.0.113.9:4711")), equalTo(ip("203.0.113.9")));
    }

    @Test
    void aClientThatConnectsDirectlyCannotNameAnotherAddress() {
        assertThat(loopbackTrusted.resolve(ip("198.51.100.20"), List.of("127.0.0.1")), equalTo(ip("198.51.100.20")));
        assertThat(loopbackTrusted.resolve(ip("198.51.100.20"), List.of()), equalTo(ip("198.51.100.20")));
    }

    @Test
    void aHeaderThatIsNoAddressFallsBackToThePeer() {
        assertThat(loopbackTrusted.resolve(ip("127.0.0.1"), List.of("unknown")), equalTo(ip("127.0.0.1")));
        assertThat(loopbackTrusted.resolve(ip("127.0.0.1"), List.of("example.org")), equalTo(ip("127.0.0.1")));
    }

    @Test
    void rangesMatchByPrefix() {
        ClientAddresses privateNets = new ClientAddresses(List.of("10.0.0.0/8", "172.16.0.0/12", "fc00::/7"));

        assertThat(privateNets.isTrusted(ip("10.200.3.4")), is(true));
        assertThat(privateNets.isTrusted(ip("172.31.255.1")), is(true));
        assertThat(privateNets.isTrusted(ip("172.32.0.1")), is(false));
        assertThat(privateNets.isTrusted(ip("fd12:3456::1")), is(true));
        assertThat(privateNets.isTrusted(ip("127.0.0.1")), is(false));
        assertThrows(IllegalArgumentException.class, () -> new ClientAddresses(List.of("10.0.0.0/33")));
        assertThrows(IllegalArgumentException.class, () -> new ClientAddresses(List.of("gateway.local")));
    }

    @Test
    void anIpv6ClientIsCountedByItsSlash64() {
        assertThat(
                ClientAddresses.key(ip("2001:db8:1:2:aaaa:bbbb:cccc:dddd")),
                equalTo(ClientAddresses.key(ip("2001:db8:1:2::1"))));
        assertThat(ClientAddresses.key(ip("2001:db8:1:3::1")), equalTo("2001:db8:1:3:0:0:0:0/64"));
        assertThat(ClientAddresses.key(ip("::ffff:192.0.2.1")), equalTo("192.0.2.1"));
    }
}
