package dev.mmo.auth.account;

import dev.mmo.auth.AuthMetrics;
import dev.mmo.auth.RetryLaterException;
import dev.mmo.auth.overload.DatabaseGuard;
import dev.mmo.auth.overload.PasswordHashing;
import dev.mmo.auth.throttle.ClientAddresses;
import dev.mmo.auth.throttle.LoginThrottle;
import dev.mmo.shared.error.ErrorBody;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/auth/register")
@Tag(name = "auth")
public class RegisterResource {

    private final AccountService accounts;
    private final AuthMetrics metrics;
    private final LoginThrottle throttle;
    private final ClientAddresses clients;
    private final PasswordHashing hashing;
    private final DatabaseGuard database;

    public RegisterResource(
            AccountService accounts,
            AuthMetrics metrics,
            LoginThrottle throttle,
            ClientAddresses clients,
            PasswordHashing hashing,
            DatabaseGuard database) {
        this.accounts = accounts;
        this.metrics = metrics;
        this.throttle = throttle;
        this.clients = clients;
        this.hashing = hashing;
        this.database = database;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create an account and its actor",
            description = "Creates the user, an entity named after it, its instance at (0, 0) and the actor "
                    + "in one transaction.")
    @APIResponse(
            responseCode = "201",
            description = "Created.",
            content = @Content(schema = @Schema(implementation = RegisterResponse.class)))
    @APIResponse(
            responseCode = "400",
            description = "The body is missing, not JSON, or breaks a rule.",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "409",
            description = "The username is taken (`username_taken`), in any letter case.",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "415",
            description = "The body is not sent as application/json.",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "429",
            description = "`too_many_attempts`: this client address has registered too "
                    + "often lately (`mmo.auth.throttle.registrations-per-address`).",
            headers =
                    @Header(
                            name = "Retry-After",
                            description = "Seconds until it may try again.",
                            schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "503",
            description = "`unavailable`: the service is overloaded (its password hashing "
                    + "is full) or its database is not answering. Answered at once, never after a long wait.",
            headers =
                    @Header(
                            name = "Retry-After",
                            description = "Seconds until it is worth trying again.",
                            schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response register(@Valid @NotNull RegisterRequest body, @Context HttpServerRequest request) {
        LoginThrottle.Registration registration = throttle.beginRegistration(clients.of(request));
        long actorId;
        try {
            String passwordHash = hashing.hash(body.password());
            actorId = database.call(() -> accounts.register(body.username(), passwordHash, body.avatarIdOrDefault()));
        } catch (RetryLaterException refused) {
            registration.abandoned(); // overloaded or no database: not held against the client's address
            throw refused;
        }
        metrics.registered();
        return Response.status(Response.Status.CREATED)
                .entity(new RegisterResponse(actorId))
                .build();
    }
}
