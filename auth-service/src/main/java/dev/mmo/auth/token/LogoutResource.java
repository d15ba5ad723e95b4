package dev.mmo.auth.token;

import dev.mmo.shared.error.ErrorBody;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/auth/logout")
@Tag(name = "auth")
public class LogoutResource {

    private final LoginService logins;

    public LogoutResource(LoginService logins) {
        this.logins = logins;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Log out",
            description = "Ends the session the refresh token belongs to: none of its refresh tokens works any more. "
                    + "Access tokens already handed out stay valid until they expire (at most "
                    + "`mmo.auth.token-lifetime`). Idempotent: a token that names no session is answered the same.")
    @APIResponse(responseCode = "204", description = "The session is ended (or there was none).")
    @APIResponse(
            responseCode = "400",
            description = "The body is missing, not JSON, or lacks `refreshToken`.",
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
    public void logout(@Valid @NotNull RefreshRequest body) {
        logins.logout(body.refreshToken());
    }
}
