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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/auth/refresh")
@Tag(name = "auth")
public class RefreshResource {

    private final LoginService logins;

    public RefreshResource(LoginService logins) {
        this.logins = logins;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Refresh",
            description = "Trades a refresh token for a new access token and a new refresh token; the one sent is "
                    + "spent. Presenting a spent refresh token again ends its whole session (every token of the "
                    + "family): someone has a copy, and both holders must log in again.")
    @APIResponse(
            responseCode = "200",
            description = "New tokens, the same shape as a login's answer.",
            content = @Content(schema = @Schema(implementation = LoginResponse.class)))
    @APIResponse(
            responseCode = "400",
            description = "The body is missing, not JSON, or lacks `refreshToken`.",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "401",
            description = "`invalid_refresh_token`: unknown, expired, logged out, or "
                    + "already spent (which has just ended its session).",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "415",
            description = "The body is not sent as application/json.",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "503",
            description = "`unavailable`: the database is not answering.",
            headers =
                    @Header(
                            name = "Retry-After",
                            description = "Seconds until it is worth trying again.",
                            schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public LoginResponse refresh(@Valid @NotNull RefreshRequest body) {
        return LoginResponse.of(logins.refresh(body.refreshToken()));
    }
}
