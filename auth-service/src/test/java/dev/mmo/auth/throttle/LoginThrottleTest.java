package dev.mmo.auth.throttle;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mmo.auth.RetryLaterException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The throttle's rules on a clock the test moves. */
class LoginThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private LoginThrottle throttle(Limits limits) {
        return new LoginThrottle(limits, now::get);
    }

    private void pass(Duration time) {
        now.addAndGet(time.toNanos());
    }

    private static void fail(LoginThrottle throttle, String address, String username) {
        throttle.beginLogin(address, username).failed();
    }

    private static long refusedFor(LoginThrottle throttle, String address, String username) {
        RetryLaterException refused =
                assertThrows(RetryLaterException.class, () -> throttle.beginLogin(address, username));
        assertThat(refused.status(), equalTo(429));
        assertThat(refused.code(), equalTo("too_many_attempts"));
        return refused.retryAfterSeconds();
    }

    @Test
    void anAddressGetsItsBurstOfAttemptsThenWaitsForTheBucketToRefill() {
        LoginThrottle throttle = throttle(Limits.defaults().withLogins(3));
        for (int i = 0; i < 3; i++) {
            throttle.beginLogin("192.0.2.1", "user" + i).succeeded();
        }

        assertThat(refusedFor(throttle, "192.0.2.1", "someone"), equalTo(20L)); // 3 per minute: one each 20 s
        assertDoesNotThrow(() -> throttle.beginLogin("192.0.2.2", "someone").succeeded());

        pass(Duration.ofSeconds(20));
        assertDoesNotThrow(() -> throttle.beginLogin("192.0.2.1", "someone").succeeded());
    }

    @Test
    void failuresFromOneAddressMakeItWaitLongerAndLongerUpToTheLimit() {
        LoginThrottle throttle = throttle(Limits.defaults());
        for (int i = 0; i < 10; i++) {
            fail(throttle, "192.0.2.1", "name" + i); // different names: only the address's rule applies
        }

        assertThat(refusedFor(throttle, "192.0.2.1", "fresh1"), equalTo(1L));
        pass(Duration.ofSeconds(1));
        fail(throttle, "192.0.2.1", "fresh1");
        assertThat(refusedFor(throttle, "192.0.2.1", "fresh2"), equalTo(2L));
        pass(Duration.ofSeconds(2));
        fail(throttle, "192.0.2.1", "fresh2");
        assertThat(refusedFor(throttle, "192.0.2.1", "fresh3"), equalTo(4L));
        for (int i = 0; i < 20; i++) {
            pass(Duration.ofMinutes(15));
            fail(throttle, "192.0.2.1", "late" + i);
        }
        assertThat(refusedFor(throttle, "192.0.2.1", "fresh4"), equalTo(15 * 60L));
    }

    @Test
    void theOwnerFromACleanAddressGetsInWhileTheAttackersAddressesWait() {
        LoginThrottle throttle = throttle(Limits.defaults());
        for (int i = 0; i < 5; i++) {
            fail(throttle, "203.0.113." + i, "alice"); // five addresses, one guess each
        }

        // a sixth guessing address has failed before (elsewhere), so the username's wait applies to it
        fail(throttle, "203.0.113.9", "bob");
        assertThat(refusedFor(throttle, "203.0.113.9", "Alice"), equalTo(1L));
        // and to the addresses that guessed already
        refusedFor(throttle, "203.0.113.0", "alice");

        LoginThrottle.Attempt owner = assertDoesNotThrow(() -> throttle.beginLogin("198.51.100.7", "alice"));
        owner.succeeded();
        assertDoesNotThrow(() -> throttle.beginLogin("198.51.100.7", "alice")).succeeded();
    }

    @Test
    void aCleanAddressThatGuessesWrongIsNoLongerCleanForTheUsername() {
        LoginThrottle throttle = throttle(Limits.defaults());
        for (int i = 0; i < 5; i++) {
            fail(throttle, "203.0.113." + i, "carol");
        }

        fail(throttle, "198.51.100.8", "carol"); // a fresh address: its guess is checked, and fails

        refusedFor(throttle, "198.51.100.8", "carol");
    }

    @Test
    void aSuccessTakesBackItsAttemptButDoesNotWipeEarlierFailures() {
        LoginThrottle throttle = throttle(Limits.defaults());
        for (int i = 0; i < 9; i++) {
            fail(throttle, "192.0.2.5", "n" + i);
        }
        for (int i = 0; i < 5; i++) {
            throttle.beginLogin("192.0.2.5", "mine").succeeded(); // an account of the attacker's own
        }

        fail(throttle, "192.0.2.5", "n9"); // the tenth failure: logging in meanwhile did not reset the count

        refusedFor(throttle, "192.0.2.5", "n10");
    }

    @Test
    void anAbandonedAttemptIsNotHeldAgainstAnyone() {
        LoginThrottle throttle = throttle(Limits.defaults());
        for (int i = 0; i < 100; i++) { // more than the bucket holds: abandoned attempts are given back too
            throttle.beginLogin("192.0.2.6", "dave").abandoned(); // e.g. 503: the password was never checked
        }
        assertDoesNotThrow(() -> throttle.beginLogin("192.0.2.6", "dave").succeeded());
    }

    @Test
    void aRegistrationTheServiceCouldNotMakeIsGivenBack() {
        LoginThrottle throttle = throttle(Limits.defaults());
        for (int i = 0; i < 100; i++) {
            throttle.beginRegistration("192.0.2.11").abandoned(); // 503: waiting out Retry-After costs nothing
        }
        for (int i = 0; i < 10; i++) {
            throttle.beginRegistration("192.0.2.11");
        }
        assertThrows(RetryLaterException.class, () -> throttle.beginRegistration("192.0.2.11"));
    }

    @Test
    void parallelGuessesAreCountedFromTheirStart() {
        LoginThrottle throttle = throttle(Limits.defaults());
        for (int i = 0; i < 5; i++) {
            throttle.beginLogin("192.0.2.7", "erin"); // all still running: none reported yet
        }
        refusedFor(throttle, "192.0.2.7", "erin");

        for (int i = 0; i < 5; i++) {
            throttle.beginLogin("192.0.2.7", "other" + i);
        }
        refusedFor(throttle, "192.0.2.7", "someone else");
    }

    @Test
    void failuresAreForgottenAfterTheirMemory() {
        LoginThrottle throttle = throttle(Limits.defaults());
        for (int i = 0; i < 10; i++) {
            pass(Duration.ofMinutes(1));
            fail(throttle, "192.0.2.8", "frank");
        }
        refusedFor(throttle, "192.0.2.8", "frank");

        pass(Duration.ofHours(1).plusSeconds(1));

        assertDoesNotThrow(() -> throttle.beginLogin("192.0.2.8", "frank").succeeded());
    }

    @Test
    void registrationsHaveTheirOwnBucketPerAddress() {
        LoginThrottle throttle = throttle(Limits.defaults());
        for (int i = 0; i < 10; i++) {
            throttle.beginRegistration("192.0.2.9");
        }

        RetryLaterException refused =
                assertThrows(RetryLaterException.class, () -> throttle.beginRegistration("192.0.2.9"));
        assertThat(refused.retryAfterSeconds(), equalTo(60L)); // 10 per 10 minutes
        assertDoesNotThrow(() -> throttle.beginLogin("192.0.2.9", "gina").succeeded());
        assertDoesNotThrow(() -> throttle.beginRegistration("192.0.2.10"));
    }

    @Test
    void memoryStaysBoundedHoweverManyAddressesAndNamesComeAlong() {
        LoginThrottle throttle = throttle(Limits.defaults().withMaxTracked(100));
        for (int i = 0; i < 10_000; i++) {
            fail(throttle, "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255), "name" + i);
        }

        assertThat(throttle.tracked(), lessThanOrEqualTo(200));
    }
}
