package dev.mmo.shared.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LinkGateTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef-gate";

    private final List<LinkGate.Refusal> counted = new ArrayList<>();
    private final LinkGate gate =
            new LinkGate("test-service", LinkCredential.of(LinkCredentialTest.settings(SECRET)), 2, counted::add);

    @Test
    void theRightCredentialBelowTheCapUpgradesAndHoldsAPlace() {
        assertEquals(Optional.empty(), gate.check(SECRET, "peer"));
        assertEquals(Optional.empty(), gate.check(SECRET, "peer"));
        assertEquals(2, gate.held());
        assertEquals(List.of(), counted);
    }

    @Test
    void noOrAWrongCredentialIs401AndCountedAndHoldsNothing() {
        assertEquals(Optional.of(LinkGate.Refusal.CREDENTIAL), gate.check(null, "peer"));
        assertEquals(Optional.of(LinkGate.Refusal.CREDENTIAL), gate.check("guess", "peer"));
        assertEquals(401, LinkGate.Refusal.CREDENTIAL.status());
        assertEquals(List.of(LinkGate.Refusal.CREDENTIAL, LinkGate.Refusal.CREDENTIAL), counted);
        assertEquals(0, gate.held());
    }

    @Test
    void atTheCapIs503UntilAPlaceIsReleasedButAStrangerStillHears401() {
        gate.check(SECRET, "first");
        gate.check(SECRET, "second");
        assertEquals(Optional.of(LinkGate.Refusal.FULL), gate.check(SECRET, "third"));
        assertEquals(503, LinkGate.Refusal.FULL.status());
        // a stranger learns nothing about how full the service is
        assertEquals(Optional.of(LinkGate.Refusal.CREDENTIAL), gate.check("guess", "stranger"));
        assertEquals(List.of(LinkGate.Refusal.FULL, LinkGate.Refusal.CREDENTIAL), counted);

        gate.release();
        assertEquals(Optional.empty(), gate.check(SECRET, "third, again"));
        assertEquals(2, gate.held());
    }

    @Test
    void aCapBelowOneIsRefusedAtStart() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new LinkGate(
                        "test-service", LinkCredential.of(LinkCredentialTest.settings(SECRET)), 0, counted::add));
    }
}
