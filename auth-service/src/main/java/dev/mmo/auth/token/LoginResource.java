package dev.mmo.auth.token;

import dev.mmo.auth.throttle.ClientAddresses;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/auth/login")
@Tag(name = "auth")
public class LoginResource {

    private final LoginService logins;
    private final ClientAddresses clients;

    public LoginResource(LoginService logins, ClientAddresses clients) {
        this.logins = logins;
        this.clients = clients;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Log in",
            description = "Trades a username and password for a signed access token and a refresh token. Throttled "
                    + "per client address (every attempt, and failures) and per username (failures, for addresses "
                    + "that have failed themselves): see docs/api.md.")
    @APIResponse(
            responseCode = "200",
            description = "Logged in.",
            content = @Content(schema = @Schema(implementation = LoginResponse.class)))
    @APIResponse(
            responseCode = "400",
            description = "The body is missing, not JSON, or lacks a field.",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "401",
            description = "`invalid_credentials`: the same answer for an unknown username and a wrong password.",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "415",
            description = "The body is not sent as application/json.",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "429",
            description = "`too_many_attempts`: this address or this username has to wait "
                    + "before the next attempt; the password was not checked.",
            headers =
                    @Header(
                            name = "Retry-After",
                            description = "Seconds until the next attempt may be made.",
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
    public LoginResponse login(@Valid @NotNull LoginRequest body, @Context HttpServerRequest request) {
        return LoginResponse.of(logins.login(body.username(), body.password(), clients.of(request)));
    }
}
