package dev.mmo.auth.token;

import dev.mmo.shared.error.ErrorBody;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/auth/login")
@Tag(name = "auth")
public class LoginResource {

    private final LoginService logins;

    public LoginResource(LoginService logins) {
        this.logins = logins;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log in", description = "Trades a username and password for a signed access token.")
    @APIResponse(responseCode = "200", description = "Logged in.",
            content = @Content(schema = @Schema(implementation = LoginResponse.class)))
    @APIResponse(responseCode = "400", description = "The body is missing, not JSON, or lacks a field.",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "401",
            description = "`invalid_credentials`: the same answer for an unknown username and a wrong password.",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "415", description = "The body is not sent as application/json.",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public LoginResponse login(@Valid @NotNull LoginRequest body) {
        return LoginResponse.of(logins.login(body.username(), body.password()));
    }
}
