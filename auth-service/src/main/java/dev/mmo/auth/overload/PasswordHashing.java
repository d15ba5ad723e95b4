package dev.mmo.auth.overload;

import dev.mmo.auth.AuthConfig;
import dev.mmo.auth.RetryLaterException;
import dev.mmo.auth.account.Passwords;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs BCrypt, the one expensive thing a login or registration does, on a pool of about one thread per core with a
 * short queue. More threads would not hash faster, only make every caller wait longer; past the queue a request is
 * refused at once ({@code 503} with {@code Retry-After}) instead of waiting behind hundreds of others until the
 * gateway gives up on it.
 */
@ApplicationScoped
public class PasswordHashing {

    private final ThreadPoolExecutor pool;
    private final Duration retryAfter;
    private final Counter refused;

    public PasswordHashing(AuthConfig config, MeterRegistry registry) {
        AuthConfig.Hashing settings = config.auth().hashing();
        int threads = settings.threads().orElse(Runtime.getRuntime().availableProcessors());
        AtomicInteger number = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(settings.queue()),
                task -> {
                    Thread thread = new Thread(task, "bcrypt-" + number.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.AbortPolicy());
        this.retryAfter = settings.retryAfter();
        this.refused = Counter.builder("mmo.auth.hashing.refused")
                .description("Logins and registrations refused with 503 because the BCrypt queue was full")
                .register(registry);
        Gauge.builder("mmo.auth.hashing.queued", pool, p -> p.getQueue().size())
                .description("Password hashes waiting for a BCrypt thread")
                .register(registry);
    }

    /**
     * The password's BCrypt hash, worked out in the bounded pool.
     *
     * @throws RetryLaterException 503 when the pool and its queue are full
     */
    public String hash(String password) {
        return run(() -> Passwords.hash(password));
    }

    /**
     * Whether the password has this BCrypt hash, worked out in the bounded pool.
     *
     * @throws RetryLaterException 503 when the pool and its queue are full
     */
    public boolean matches(String password, String hash) {
        return run(() -> Passwords.matches(password, hash));
    }

    private <T> T run(Callable<T> work) {
        Future<T> result;
        try {
            result = pool.submit(work);
        } catch (RejectedExecutionException full) {
            refused.increment();
            throw RetryLaterException.unavailable("The service is busy.", retryAfter);
        }
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing a password", e);
        }
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
