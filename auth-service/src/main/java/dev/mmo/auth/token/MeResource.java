package dev.mmo.auth.token;

import dev.mmo.shared.error.ErrorBody;
import jakarta.annotation.security.RolesAllowed;
import jakarta.json.JsonNumber;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/auth/me")
@Tag(name = "auth")
public class MeResource {

    private final JsonWebToken token;

    public MeResource(JsonWebToken token) {
        this.token = token;
    }

    @GET
    @RolesAllowed(TokenIssuer.PLAYER_ROLE)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Who am I", description = "Reads the username and actor id from the bearer token.")
    @APIResponse(
            responseCode = "200",
            description = "The token is valid.",
            content = @Content(schema = @Schema(implementation = MeResponse.class)))
    @APIResponse(
            responseCode = "401",
            description = "No token, or one that is expired, tampered with or not ours.",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "403",
            description = "A valid token without the `player` role.",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public MeResponse me() {
        JsonNumber actorId = token.getClaim(TokenIssuer.ACTOR_ID_CLAIM);
        return new MeResponse(token.getName(), actorId.longValue());
    }
}
