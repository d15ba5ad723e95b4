package dev.mmo.auth.account;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "The account was created.")
public record RegisterResponse(
        @Schema(description = "Id of the new actor (the player's character in the world).", examples = "7")
        long actorId) {}
