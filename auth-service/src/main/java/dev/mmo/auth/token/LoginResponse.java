package dev.mmo.auth.token;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
        description = "An access token for every service (send it as `Authorization: Bearer <token>` and as the "
                + "first WebSocket frame) and the refresh token that gets the next one.")
public record LoginResponse(
        @Schema(
                description = "RS256 JWT: iss mmo-auth, sub and upn the username, groups [player], claim actorId; "
                        + "its header's `kid` names the JWKS key that verifies it.")
        String token,

        @Schema(description = "Always `Bearer`.", examples = "Bearer")
        String tokenType,

        @Schema(description = "Seconds until the access token expires (`mmo.auth.token-lifetime`).", examples = "900")
        long expiresIn,

        @Schema(description = "The id of the player's actor.", examples = "7")
        long actorId,

        @Schema(
                description = "Opaque, 64 characters: trade it at POST /api/auth/refresh for a new access token and "
                        + "a new refresh token before the access token expires. Usable once; keep it secret.")
        String refreshToken,

        @Schema(
                description = "Seconds until the refresh token expires unless used (`mmo.auth.refresh-lifetime`).",
                examples = "2592000")
        long refreshExpiresIn) {

    static LoginResponse of(LoginService.LoggedIn loggedIn) {
        return new LoginResponse(
                loggedIn.token().token(),
                "Bearer",
                loggedIn.token().lifetime().toSeconds(),
                loggedIn.actorId(),
                loggedIn.refresh().token(),
                loggedIn.refresh().lifetime().toSeconds());
    }

    /** Keeps both tokens out of logs. */
    @Override
    public String toString() {
        return "LoginResponse[actorId=" + actorId + ", expiresIn=" + expiresIn + "]";
    }
}
