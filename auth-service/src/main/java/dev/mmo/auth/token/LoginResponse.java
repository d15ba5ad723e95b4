package dev.mmo.auth.token;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "An access token for every service: send it as `Authorization: Bearer <token>` "
        + "and as the first WebSocket frame.")
public record LoginResponse(
        @Schema(description = "RS256 JWT: iss mmo-auth, sub and upn the username, groups [player], claim actorId.")
        String token,
        @Schema(description = "Always `Bearer`.", examples = "Bearer")
        String tokenType,
        @Schema(description = "Seconds until the token expires.", examples = "3600")
        long expiresIn,
        @Schema(description = "The id of the player's actor.", examples = "7")
        long actorId) {

    static LoginResponse of(LoginService.LoggedIn loggedIn) {
        return new LoginResponse(loggedIn.token().token(), "Bearer",
                loggedIn.token().lifetime().toSeconds(), loggedIn.actorId());
    }
}
