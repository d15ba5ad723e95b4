package dev.mmo.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SourceAddressesTest {

    @Test
    void eightBotsShareALoopbackAddress() {
        assertEquals(InetAddress.ofLiteral("127.64.0.1"), SourceAddresses.address(0));
        assertEquals(InetAddress.ofLiteral("127.64.1.0"), SourceAddresses.address(255));
        assertEquals(InetAddress.ofLiteral("127.65.0.0"), SourceAddresses.address(65535));
        assertEquals(7, SourceAddresses.botNumber("bot_7"));

        SourceAddresses sources = new SourceAddresses(URI.create("http://localhost:8080"));
        assertTrue(sources.spread());
        assertEquals(URI.create("http://127.0.0.1:8080"), sources.gateway());
        assertSame(sources.clientFor("bot_0"), sources.clientFor("bot_7"));
        assertNotSame(sources.clientFor("bot_7"), sources.clientFor("bot_8"));
        assertEquals(SourceAddresses.group("bot_8") + 1, SourceAddresses.group("bot_16"));
        assertNotEquals(SourceAddresses.group("bot_8"), SourceAddresses.group("other_8"));
    }

    @Test
    void aRemoteGatewayIsCalledFromTheMachinesOwnAddress() {
        SourceAddresses sources = new SourceAddresses(URI.create("http://mmo.example.org:8080"));

        assertFalse(sources.spread());
        assertSame(sources.clientFor("bot_0"), sources.clientFor("bot_800"));
    }

    @Test
    void theServerSeesTheBotsGroupAddress() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] peer =
                    exchange.getRemoteAddress().getAddress().getHostAddress().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, peer.length);
            exchange.getResponseBody().write(peer);
            exchange.close();
        });
        server.start();
        try {
            SourceAddresses sources = new SourceAddresses(
                    URI.create("http://localhost:" + server.getAddress().getPort()));
            HttpResponse<String> answer = sources.clientFor("bot_17")
                    .send(
                            HttpRequest.newBuilder(sources.gateway().resolve("/"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            assertEquals(
                    SourceAddresses.address(SourceAddresses.group("bot_16")).getHostAddress(), answer.body());
        } finally {
            server.stop(0);
        }
    }
}
