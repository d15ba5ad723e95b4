package dev.mmo.loadtest;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gets every bot a token through the gateway's REST API: login, and on 401 register then login (so accounts are
 * reused between runs). BCrypt makes both expensive, so at most {@code concurrency} run at once, each with a few
 * retries; tokens are cached on disk between runs for as long as they stay valid (and saved every few hundred
 * logins, so an interrupted preparation keeps what it did).
 *
 * <p>A login of an unknown name costs one BCrypt run too (auth-service answers it in constant time), so for a
 * name that turns out to be new, login → register → login costs three. While most names of this run have been new
 * ones, the next name not in the cache is registered first (register → login: two runs; a taken name answers 409
 * after one wasted hash, and then logs in).
 *
 * <p>A 429 or 503 is waited out by its Retry-After and sent again, as a client should. Against a gateway on this
 * machine the bots call from many loopback addresses ({@link SourceAddresses}), as players come from many addresses:
 * from one, auth-service's per-address limits would allow 10 registrations per 10 minutes.
 */
final class Logins {

    static final String PASSWORD = "bench-password-1";
    private static final int ATTEMPTS = 4;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    record Account(String name, long actorId, String token, Instant expires) {}

    /** The longest a refusal's Retry-After is waited for, so a misconfigured limit cannot stall the run. */
    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

    private final SourceAddresses sources;
    private final Path cacheFile;
    private final int concurrency;
    private final Map<String, Account> cache = new ConcurrentHashMap<>();
    final AtomicInteger done = new AtomicInteger();
    final AtomicInteger registered = new AtomicInteger();
    /** Logins answered 200 (each a token handed out). */
    final AtomicInteger loggedIn = new AtomicInteger();
    /** Answers 429 or 503 that were waited out (their Retry-After) and sent again. */
    final AtomicInteger retriedLater = new AtomicInteger();

    final AtomicInteger fromCache = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    /** Names that existed already (logged in first time, or answered 409 to a registration). */
    final AtomicInteger existing = new AtomicInteger();

    private static final int SAVE_EVERY = 250;
    /** Bots that logged in again during the run because the world refused their token (4401). */
    final AtomicInteger refreshed = new AtomicInteger();

    private final Semaphore refreshSlots;
    final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();

    Logins(URI gateway, Path cacheFile, int concurrency) {
        this.sources = new SourceAddresses(gateway);
        this.cacheFile = cacheFile;
        this.concurrency = concurrency;
        this.refreshSlots = new Semaphore(concurrency);
        loadCache();
    }

    /**
     * A valid account per name (null where every attempt failed), in the order of {@code names}. Tokens that stay
     * valid for at least {@code mustLast} come from the cache.
     */
    List<Account> accounts(List<String> names, Duration mustLast, Duration budget) throws InterruptedException {
        Instant needed = Instant.now().plus(mustLast);
        Semaphore slots = new Semaphore(concurrency);
        List<Future<Account>> results = new ArrayList<>();
        long deadline = System.nanoTime() + budget.toNanos();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String name : names) {
                results.add(executor.submit(() -> {
                    Account cached = cache.get(name.toLowerCase(Locale.ROOT));
                    if (cached != null && cached.expires().isAfter(needed)) {
                        fromCache.incrementAndGet();
                        done.incrementAndGet();
                        return cached;
                    }
                    if (!slots.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                        error("login_budget_exceeded");
                        failed.incrementAndGet();
                        return null;
                    }
                    try {
                        boolean registerFirst = cached == null && registered.get() > existing.get() + 8;
                        Account account =
                                registerFirst ? registerThenLogin(name, deadline) : loginOrRegister(name, deadline);
                        if (account == null) {
                            failed.incrementAndGet();
                        } else {
                            cache.put(name.toLowerCase(Locale.ROOT), account);
                        }
                        if (done.incrementAndGet() % SAVE_EVERY == 0) {
                            saveCache();
                        }
                        return account;
                    } finally {
                        slots.release();
                    }
                }));
            }
            List<Account> accounts = new ArrayList<>();
            for (Future<Account> result : results) {
                try {
                    accounts.add(result.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    error("login_exception");
                    accounts.add(null);
                }
            }
            saveCache();
            return accounts;
        }
    }

    /** Forgets a cached token (its actor no longer exists, say, after the database was reset). */
    void forget(String name) {
        cache.remove(name.toLowerCase(Locale.ROOT));
    }

    /** A fresh login for one bot, used when the world refused a cached token. */
    Account refresh(String name) {
        forget(name);
        refreshed.incrementAndGet();
        // as many at once as the logins before the run: a wave of refused tokens must not become a BCrypt storm
        // on an auth-service that is already slow (which is often why the tokens were refused)
        try {
            if (!refreshSlots.tryAcquire(60, TimeUnit.SECONDS)) {
                error("relogin_queue_timeout");
                return null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        try {
            Account account = loginOrRegister(
                    name, System.nanoTime() + Duration.ofSeconds(60).toNanos());
            if (account != null) {
                cache.put(name.toLowerCase(Locale.ROOT), account);
            }
            return account;
        } finally {
            refreshSlots.release();
        }
    }

    synchronized void saveCache() {
        try {
            Files.createDirectories(cacheFile.toAbsolutePath().getParent());
            StringBuilder text =
                    new StringBuilder("# name\tactorId\texpires (epoch s)\ttoken — bot tokens of ./mmo bench\n");
            for (Account account : cache.values()) {
                text.append(account.name())
                        .append('\t')
                        .append(account.actorId())
                        .append('\t')
                        .append(account.expires().getEpochSecond())
                        .append('\t')
                        .append(account.token())
                        .append('\n');
            }
            Path temp = cacheFile.resolveSibling(cacheFile.getFileName() + ".tmp");
            Files.writeString(temp, text);
            Files.move(temp, cacheFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            System.err.println("bench: could not save the token cache " + cacheFile + ": " + e.getMessage());
        }
    }

    private void loadCache() {
        if (!Files.isRegularFile(cacheFile)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(cacheFile)) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] parts = line.split("\t");
                if (parts.length == 4) {
                    cache.put(
                            parts[0].toLowerCase(Locale.ROOT),
                            new Account(
                                    parts[0],
                                    Long.parseLong(parts[1]),
                                    parts[3],
                                    Instant.ofEpochSecond(Long.parseLong(parts[2]))));
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("bench: ignoring the unreadable token cache " + cacheFile + ": " + e.getMessage());
        }
    }

    /** Registers, then logs in; if the registration fails otherwise than 201/409, the normal login path. */
    private Account registerThenLogin(String name, long deadline) {
        try {
            HttpResponse<String> register = register(name);
            if (register.statusCode() == 201) {
                registered.incrementAndGet();
                return loginOrRegister(name, deadline, true);
            }
            if (register.statusCode() == 409) {
                existing.incrementAndGet();
                return loginOrRegister(name, deadline, true);
            }
            error("register_" + register.statusCode());
        } catch (IOException e) {
            error("login_io");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (RuntimeException e) {
            error("login_bad_answer");
        }
        return loginOrRegister(name, deadline);
    }

    private HttpResponse<String> register(String name) throws IOException, InterruptedException {
        return post(
                name,
                "/api/auth/register",
                new JsonObject()
                        .put("username", name)
                        .put("password", PASSWORD)
                        .put("avatarId", Math.floorMod(name.hashCode(), 8)));
    }

    private Account loginOrRegister(String name, long deadline) {
        return loginOrRegister(name, deadline, false);
    }

    /** @param justRegistered the name was registered a moment ago: its first login is not an existing account's */
    private Account loginOrRegister(String name, long deadline, boolean justRegistered) {
        boolean counted = justRegistered;
        for (int attempt = 1; attempt <= ATTEMPTS && System.nanoTime() < deadline; attempt++) {
            try {
                HttpResponse<String> login = post(
                        name,
                        "/api/auth/login",
                        new JsonObject().put("username", name).put("password", PASSWORD));
                if (login.statusCode() == 200) {
                    loggedIn.incrementAndGet();
                    if (!counted) {
                        existing.incrementAndGet();
                    }
                    JsonObject body = new JsonObject(login.body());
                    return new Account(
                            name,
                            body.getLong("actorId"),
                            body.getString("token"),
                            Instant.now().plusSeconds(body.getLong("expiresIn", 3600L) - 30));
                }
                if (login.statusCode() == 401) {
                    HttpResponse<String> register = register(name);
                    if (register.statusCode() == 201) {
                        registered.incrementAndGet();
                        counted = true;
                        continue; // and log in
                    }
                    if (register.statusCode() != 409) { // 409: registered by an earlier attempt; log in again
                        error("register_" + register.statusCode());
                    } else {
                        error("login_401_but_name_taken"); // a password other than the bench's
                        return null;
                    }
                } else {
                    error("login_" + login.statusCode());
                }
            } catch (IOException e) {
                error("login_io");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } catch (RuntimeException e) {
                error("login_bad_answer");
            }
            try {
                Thread.sleep(200L * attempt * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /**
     * Sends from the bot's source address. A 429 or 503 says when to come back (Retry-After): the bot waits that
     * long, as a client should, and sends again, for as long as the answer comes back like that within a minute.
     */
    private HttpResponse<String> post(String bot, String path, JsonObject body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(sources.gateway().resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
                .build();
        long giveUp = System.nanoTime() + MAX_RETRY_AFTER.toNanos();
        while (true) {
            HttpResponse<String> answer = sources.clientFor(bot).send(request, HttpResponse.BodyHandlers.ofString());
            int status = answer.statusCode();
            long waitMillis = retryAfterMillis(answer);
            if ((status != 429 && status != 503)
                    || waitMillis < 0
                    || System.nanoTime() + waitMillis * 1_000_000 > giveUp) {
                return answer;
            }
            error("retry_after_" + status);
            retriedLater.incrementAndGet();
            // a little jitter, so bots refused together do not come back together
            Thread.sleep(waitMillis
                    + java.util.concurrent.ThreadLocalRandom.current().nextLong(waitMillis / 5 + 1));
        }
    }

    /** Retry-After in milliseconds, or -1 without one (or with a date, which auth-service does not send). */
    private static long retryAfterMillis(HttpResponse<String> answer) {
        return answer.headers()
                .firstValue("Retry-After")
                .map(value -> {
                    try {
                        return Math.max(0, Long.parseLong(value.strip())) * 1000;
                    } catch (NumberFormatException notSeconds) {
                        return -1L;
                    }
                })
                .orElse(-1L);
    }

    /** Whether the bots' REST calls come from many loopback addresses (a local gateway), see SourceAddresses. */
    boolean spreadOverAddresses() {
        return sources.spread();
    }

    private void error(String code) {
        errors.computeIfAbsent(code, k -> new AtomicInteger()).incrementAndGet();
    }
}
