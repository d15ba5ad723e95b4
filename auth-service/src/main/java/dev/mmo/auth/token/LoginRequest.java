package dev.mmo.auth.token;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A username (any letter case) and its password.")
public record LoginRequest(
        @Schema(description = "The username; letter case does not matter.", examples = "alice", maxLength = 20)
        @NotEmpty
        @Size(max = 20)
        String username,

        @Schema(description = "The password.", examples = "correct horse", maxLength = 128) @NotNull @Size(max = 128)
        String password) {}
