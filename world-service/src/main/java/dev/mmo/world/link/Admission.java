package dev.mmo.world.link;

import dev.mmo.shared.game.CloseCodes;
import dev.mmo.shared.token.PlayerTokens;
import dev.mmo.shared.token.TokenPlayer;
import dev.mmo.world.WorldSettings;
import dev.mmo.world.persistence.ActorRecord;
import dev.mmo.world.persistence.ActorRepository;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Decides whether an OPEN may join: verifies the token and loads its actor, on a worker thread. A decision that
 * takes longer than {@code mmo.world.admission-timeout} (the database is hung, or slow to connect) is
 * {@link #UNAVAILABLE}: the player hears 1013 at once and retries, instead of waiting on a socket timeout.
 */
@ApplicationScoped
class Admission {

    private static final Logger LOG = Logger.getLogger(Admission.class);

    sealed interface Decision {}

    record Admitted(ActorRecord stored) implements Decision {}

    /** The session is refused; the gateway closes the player with this code. */
    record Refused(int closeCode, String reason) implements Decision {}

    static final Refused UNAVAILABLE =
            new Refused(CloseCodes.TRY_AGAIN_LATER, "the world cannot load your actor now; try again shortly");

    private final Vertx vertx;
    private final PlayerTokens tokens;
    private final ActorRepository actors;
    private final Duration timeout;

    Admission(Vertx vertx, PlayerTokens tokens, ActorRepository actors, WorldSettings settings) {
        this.vertx = vertx;
        this.tokens = tokens;
        this.actors = actors;
        this.timeout = settings.admissionTimeout();
    }

    /** Completes on the caller's event loop; the token check and the query run on a worker. */
    Future<Decision> decide(String token) {
        Promise<Decision> decision = Promise.promise();
        long timer = vertx.setTimer(timeout.toMillis(), ignored -> {
            if (decision.tryComplete(UNAVAILABLE)) {
                LOG.warnf("a join took over %s to admit; answered 1013", timeout);
            }
        });
        vertx.<Decision>executeBlocking(() -> decideNow(token), false).onComplete(result -> {
            vertx.cancelTimer(timer);
            if (result.succeeded()) {
                decision.tryComplete(result.result());
            } else {
                decision.tryComplete(UNAVAILABLE);
            }
        });
        return decision.future();
    }

    private Decision decideNow(String token) {
        Optional<TokenPlayer> player = tokens.verify(token);
        if (player.isEmpty()) {
            return new Refused(CloseCodes.UNAUTHORIZED, "bad or expired token");
        }
        long actorId = player.get().actorId();
        try {
            return actors.find(actorId)
                    .<Decision>map(Admitted::new)
                    .orElseGet(() -> new Refused(CloseCodes.UNAUTHORIZED, "the token's actor does not exist"));
        } catch (SQLException e) {
            LOG.warnf("could not load actor %d: %s", actorId, e.getMessage());
            return UNAVAILABLE;
        }
    }
}
