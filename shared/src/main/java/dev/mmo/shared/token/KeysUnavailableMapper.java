package dev.mmo.shared.token;

import dev.mmo.shared.error.ErrorBody;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A REST call whose bearer token cannot be checked because auth-service's keys cannot be fetched: {@code 503}, not
 * {@code 401}, so that a client keeps its session and tries again instead of logging the player out.
 */
public class KeysUnavailableMapper {

    static final int RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public Response keysUnavailable(KeysUnavailableException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .entity(new ErrorBody(
                        "keys_unavailable",
                        "The token cannot be checked now: auth-service's keys are out of reach. Try again shortly."))
                .build();
    }
}
