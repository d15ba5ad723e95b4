package dev.mmo.shared.link;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LinkGateTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef-gate";

    private final List<LinkGate.Refusal> counted = new ArrayList<>();
    private final LinkGate gate = new LinkGate("test-service",
            LinkCredential.of(LinkCredentialTest.settings(SECRET)), 2, counted::add);

    @Test
    void theRightCredentialBelowTheCapUpgrades() {
        assertEquals(Optional.empty(), gate.check(SECRET, 0, "peer"));
        assertEquals(Optional.empty(), gate.check(SECRET, 1, "peer"));
        assertEquals(List.of(), counted);
    }

    @Test
    void noOrAWrongCredentialIs401AndCounted() {
        assertEquals(Optional.of(LinkGate.Refusal.CREDENTIAL), gate.check(null, 0, "peer"));
        assertEquals(Optional.of(LinkGate.Refusal.CREDENTIAL), gate.check("guess", 0, "peer"));
        assertEquals(401, LinkGate.Refusal.CREDENTIAL.status());
        assertEquals(List.of(LinkGate.Refusal.CREDENTIAL, LinkGate.Refusal.CREDENTIAL), counted);
    }

    @Test
    void atTheCapIs503ButAStrangerStillHears401() {
        assertEquals(Optional.of(LinkGate.Refusal.FULL), gate.check(SECRET, 2, "peer"));
        assertEquals(503, LinkGate.Refusal.FULL.status());
        // a stranger learns nothing about how full the service is
        assertEquals(Optional.of(LinkGate.Refusal.CREDENTIAL), gate.check("guess", 2, "peer"));
        assertEquals(List.of(LinkGate.Refusal.FULL, LinkGate.Refusal.CREDENTIAL), counted);
    }

    @Test
    void aCapBelowOneIsRefusedAtStart() {
        assertThrows(IllegalArgumentException.class, () -> new LinkGate("test-service",
                LinkCredential.of(LinkCredentialTest.settings(SECRET)), 0, counted::add));
    }
}
