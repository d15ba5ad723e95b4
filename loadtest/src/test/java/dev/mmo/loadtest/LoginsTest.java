package dev.mmo.loadtest;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoginsTest {

    @Test
    void theJoinPhaseCountsTokensFromAuthServiceNotFromTheCache() {
        Logins logins = new Logins(URI.create("http://127.0.0.1:8080"), Path.of("target/no-such-token-cache.tsv"), 4);
        logins.fromCache.set(100);
        logins.registered.set(300);
        logins.loggedIn.set(300);
        logins.retriedLater.set(7);

        JsonObject figures = logins.joinPhaseJson(400, 60);

        assertEquals(300, figures.getLong("tokens"));
        assertEquals(5.0, figures.getDouble("newPlayersPerSecond"));
        assertEquals(10.0, figures.getDouble("authRequestsPerSecond"));
        assertEquals(8, figures.getInteger("botsPerSourceAddress"));
        String line = logins.joinPhaseLine(400, 60);
        assertTrue(line.startsWith("[mmo] join phase: 5.0 new players/s"), line);
        assertTrue(line.contains("7 refusals waited out"), line);
    }
}
