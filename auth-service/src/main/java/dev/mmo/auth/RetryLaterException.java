package dev.mmo.auth;

import dev.mmo.shared.error.ApiException;
import java.time.Duration;

/**
 * A refusal that says when to come back: {@code 429} (too many attempts) or {@code 503} (overloaded, database
 * unavailable). {@link RetryLaterMapper} answers it with the JSON error and a {@code Retry-After} header.
 */
public class RetryLaterException extends ApiException {

    private final Duration retryAfter;

    public RetryLaterException(int status, String code, String message, Duration retryAfter) {
        super(status, code, message);
        this.retryAfter = retryAfter;
    }

    /** {@code Retry-After} is in whole seconds; anything left rounds up, and never to 0 (that would invite a spin). */
    public long retryAfterSeconds() {
        long seconds = (retryAfter.toMillis() + 999) / 1000;
        return Math.max(1, seconds);
    }

    /** Too many attempts from this address or at this account (429). */
    public static RetryLaterException tooManyAttempts(Duration retryAfter) {
        return new RetryLaterException(
                429, "too_many_attempts", "Too many attempts; try again in " + seconds(retryAfter) + ".", retryAfter);
    }

    /** The service cannot take the request now (503): its password hashing is full or its database is away. */
    public static RetryLaterException unavailable(String why, Duration retryAfter) {
        return new RetryLaterException(
                503, "unavailable", why + " Try again in " + seconds(retryAfter) + ".", retryAfter);
    }

    private static String seconds(Duration duration) {
        long seconds = Math.max(1, (duration.toMillis() + 999) / 1000);
        return seconds == 1 ? "a second" : seconds + " seconds";
    }
}
