package dev.mmo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Password guessing through the real gateway, from real source addresses on loopback (Linux routes all of
 * 127.0.0.0/8 to lo): the gateway tells auth-service who connects, and nothing a client writes changes that.
 */
class AuthProtectionThroughGatewayTest {

    private final RunningSystem system = RunningSystem.get();

    /** A client connecting from that loopback address. */
    private static HttpClient from(String address) {
        return HttpClient.newBuilder()
                .localAddress(InetAddress.ofLiteral(address))
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    private HttpResponse<String> login(HttpClient client, String username, String password, String forgedFor)
            throws IOException, InterruptedException {
        URI gateway = system.gateway("/api/auth/login");
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(gateway.toString().replace("localhost", "127.0.0.1")))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"));
        if (forgedFor != null) {
            request.header("X-Forwarded-For", forgedFor);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void guessingAPasswordIsCutOffWithRetryAfterWhileTheOwnerLogsInFromElsewhere() throws Exception {
        String victim = Players.uniqueName("victim");
        Players.register(system, victim, 0);
        HttpClient attacker = from("127.0.0.2");

        HttpResponse<String> answer = null;
        for (int guess = 0; guess < 6; guess++) {
            answer = login(attacker, victim, "guess " + guess, null);
            if (answer.statusCode() == 429) {
                break;
            }
            assertEquals(401, answer.statusCode(), answer.body());
        }

        assertEquals(429, answer.statusCode(), "the sixth guess at one account waits: " + answer.body());
        assertEquals("too_many_attempts", JsonPath.from(answer.body()).getString("error"));
        assertTrue(Integer.parseInt(answer.headers().firstValue("Retry-After").orElseThrow()) >= 1);
        assertEquals(
                429,
                login(attacker, victim, Players.PASSWORD, null).statusCode(),
                "from the guessing address even the right password waits");

        HttpResponse<String> owner = login(from("127.0.0.3"), victim, Players.PASSWORD, null);
        assertEquals(200, owner.statusCode(), owner.body());
    }

    @Test
    void aClientThatForgesXForwardedForIsStillCountedUnderItsOwnAddress() throws Exception {
        String victim = Players.uniqueName("forged");
        Players.register(system, victim, 0);
        HttpClient attacker = from("127.0.0.4");

        int guesses = 0;
        HttpResponse<String> answer;
        do {
            // were the header believed, every guess would come from a fresh, clean address and be checked
            answer = login(attacker, victim, "guess " + guesses, "198.51.100." + (guesses + 1));
            guesses++;
        } while (answer.statusCode() == 401 && guesses < 20);

        assertEquals(429, answer.statusCode(), answer.body());
        assertEquals(6, guesses);
        assertEquals(
                200, login(from("127.0.0.5"), victim, Players.PASSWORD, null).statusCode());
    }
}
