package dev.mmo.auth.throttle;

import dev.mmo.auth.AuthConfig;
import dev.mmo.auth.RetryLaterException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Slows password guessing and mass registration, in this order, before any password is hashed:
 * <ol>
 * <li><b>Per client address, every attempt</b>: a token bucket for logins and one for registrations. A flood from
 * one address is cut off without touching any account.</li>
 * <li><b>Per client address, failures</b>: after {@code free-failures-per-address} failed logins (at any
 * usernames) each further attempt from that address waits {@code first-delay}, doubling with every failure up to
 * {@code max-delay}.</li>
 * <li><b>Per username, failures</b>: after {@code free-failures-per-username} failed logins at one username the
 * same growing wait applies to that username, but only for addresses that have failures of their own. An address
 * with a clean record (no failed login it is remembered for) always gets its password checked.</li>
 * </ol>
 * The last rule is what keeps the owner in while their account is attacked from elsewhere: the attacker's
 * addresses get slower and slower, the owner, logging in from an address that has not been guessing, is let through
 * and gets in with the right password. An attacker with many fresh addresses gets one guess per address per
 * {@code failure-memory} at that username, then that address is no longer clean; that is the price of never locking
 * the owner out. A login that succeeds does not wipe the counts (an attacker could otherwise reset them between
 * guesses by logging in to an account of their own); they are forgotten {@code failure-memory} after the last
 * failure.
 * <p>
 * An attempt counts as a failure from the moment it starts (and is taken back when the password turns out right),
 * so a burst of parallel guesses cannot all pass before the first one is counted. State lives in memory, bounded
 * to {@code max-tracked} addresses and as many usernames; with several auth-service replicas each keeps its own.
 */
@ApplicationScoped
public class LoginThrottle {

    private final AuthConfig.Throttle limits;
    private final LongSupplier clock;
    private final BoundedRecords<AddressRecord> addresses;
    private final BoundedRecords<Failures> usernames;

    @Inject
    public LoginThrottle(AuthConfig config) {
        this(config.auth().throttle(), System::nanoTime);
    }

    LoginThrottle(AuthConfig.Throttle limits, LongSupplier clock) {
        this.limits = limits;
        this.clock = clock;
        this.addresses = new BoundedRecords<>(limits.maxTracked());
        this.usernames = new BoundedRecords<>(limits.maxTracked());
    }

    private final class AddressRecord {
        final TokenBucket logins;
        final TokenBucket registrations;
        final Failures failures = new Failures();

        AddressRecord(long now) {
            logins = new TokenBucket(limits.loginsPerAddress(), limits.loginWindow(), now);
            registrations = new TokenBucket(limits.registrationsPerAddress(), limits.registrationWindow(), now);
        }
    }

    /** A login that was let through; report how it ended exactly once. */
    public interface Attempt {
        void succeeded();

        void failed();

        /**
         * Neither: the service could not check the password (overload, database away); nothing is held against it,
         * not even the attempt, so a client that waits out the 503's Retry-After is not throttled for it.
         */
        void abandoned();
    }

    /** A registration that was let through; if the service could not make it, say so. */
    public interface Registration {
        /** The service could not register (overload, database away): the attempt is given back. */
        void abandoned();
    }

    /**
     * A login attempt may go on: counted against its address and username until it ends.
     *
     * @throws RetryLaterException 429 when this address or this username must wait
     */
    public Attempt beginLogin(String address, String username) {
        String user = username.toLowerCase(Locale.ROOT);
        synchronized (this) {
            long now = clock.getAsLong();
            AddressRecord from = addresses.get(address, () -> new AddressRecord(now));
            refuseIfWaiting(from.logins.take(now));
            int addressFailures = from.failures.count(now, limits.failureMemory());
            refuseIfWaiting(
                    from.failures.wait(now, limits.freeFailuresPerAddress(), limits.firstDelay(), limits.maxDelay()));
            Failures at = usernames.get(user, Failures::new);
            at.count(now, limits.failureMemory());
            if (addressFailures > 0) {
                refuseIfWaiting(at.wait(now, limits.freeFailuresPerUsername(), limits.firstDelay(), limits.maxDelay()));
            }
            from.failures.add(now);
            at.add(now);
            return new CountedAttempt(from, at);
        }
    }

    /**
     * A registration may go on: counted against its address.
     *
     * @throws RetryLaterException 429 when this address has registered too often
     */
    public Registration beginRegistration(String address) {
        synchronized (this) {
            long now = clock.getAsLong();
            AddressRecord from = addresses.get(address, () -> new AddressRecord(now));
            refuseIfWaiting(from.registrations.take(now));
            return () -> {
                synchronized (LoginThrottle.this) {
                    from.registrations.giveBack();
                }
            };
        }
    }

    private static void refuseIfWaiting(Duration wait) {
        if (!wait.isZero()) {
            throw RetryLaterException.tooManyAttempts(wait);
        }
    }

    private final class CountedAttempt implements Attempt {
        private final AddressRecord address;
        private final Failures username;
        private boolean reported;

        CountedAttempt(AddressRecord address, Failures username) {
            this.address = address;
            this.username = username;
        }

        @Override
        public void succeeded() {
            report(false);
        }

        @Override
        public void failed() {
            synchronized (LoginThrottle.this) {
                reported = true; // counted as a failure when it began
            }
        }

        @Override
        public void abandoned() {
            report(true);
        }

        /** Takes back the failure counted in advance, and for an attempt never made, the attempt too. */
        private void report(boolean neverMade) {
            synchronized (LoginThrottle.this) {
                if (!reported) {
                    reported = true;
                    address.failures.remove();
                    username.remove();
                    if (neverMade) {
                        address.logins.giveBack();
                    }
                }
            }
        }
    }

    /** Addresses and usernames held now; for tests of the memory bound. */
    synchronized int tracked() {
        return addresses.size() + usernames.size();
    }
}
