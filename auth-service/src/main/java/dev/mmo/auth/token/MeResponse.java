package dev.mmo.auth.token;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Who the bearer token belongs to.")
public record MeResponse(
        @Schema(description = "The username, in the letter case it was registered with.", examples = "alice")
        String username,

        @Schema(description = "The id of the player's actor.", examples = "7")
        long actorId) {}
