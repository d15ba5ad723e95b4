package dev.mmo.shared.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every client error into the JSON body {@code {"error","message"}}, so no 4xx ever
 * answers with HTML, a stack trace or an empty body.
 */
public class JsonErrorMappers {

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return respond(e.status(), e.code(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        String message = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(JsonErrorMappers::describe)
                .collect(Collectors.joining("; "));
        return respond(400, "bad_request", message);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        return respond(400, "bad_request", "The body is not valid JSON of the expected shape.");
    }

    /**
     * Wrong types and shapes ({@code "avatarId": "x"}, {@code []}). quarkus-rest-jackson has a
     * built-in mapper for exactly this subtype, which wins over {@link #unreadable} and answers
     * without our JSON body (a bare 400 in production); this one takes its place.
     */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthorized() {
        return respond(401, "unauthorized", "A valid bearer token is required.");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(403, "forbidden", "This token may not do that.");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return e.getResponse();
        }
        return respond(status, codeFor(status), messageFor(status));
    }

    private static String describe(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        // "register.request.username" -> "username": the caller knows the field, not our method names
        String field = path.substring(path.lastIndexOf('.') + 1);
        return field + " " + violation.getMessage();
    }

    private static String codeFor(int status) {
        return switch (status) {
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406, 415 -> "unsupported_media_type";
            case 409 -> "conflict";
            default -> "bad_request";
        };
    }

    private static String messageFor(int status) {
        return switch (status) {
            case 401 -> "A valid bearer token is required.";
            case 403 -> "This token may not do that.";
            case 404 -> "No such resource.";
            case 405 -> "This method is not allowed here.";
            case 406 -> "Only application/json is produced here.";
            case 415 -> "Send the body as application/json.";
            default -> "The request is not valid.";
        };
    }

    static Response respond(int status, String code, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(code, message))
                .build();
    }
}
