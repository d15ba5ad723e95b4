package dev.mmo.auth;

import dev.mmo.shared.error.ErrorBody;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The JSON error of every other refusal, plus {@code Retry-After} in seconds. */
public class RetryLaterMapper {

    private final AuthMetrics metrics;

    public RetryLaterMapper(AuthMetrics metrics) {
        this.metrics = metrics;
    }

    @ServerExceptionMapper
    public Response retryLater(RetryLaterException e) {
        metrics.refused(e.code());
        return Response.status(e.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds())
                .entity(new ErrorBody(e.code(), e.getMessage()))
                .build();
    }
}
