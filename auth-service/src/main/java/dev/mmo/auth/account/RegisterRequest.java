package dev.mmo.auth.account;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A new account. Registering also creates the account's actor at (0, 0).")
public record RegisterRequest(
        @Schema(
                description = "3 to 20 letters, digits or underscores; unique ignoring case.",
                examples = "alice",
                minLength = 3,
                maxLength = 20,
                pattern = USERNAME_PATTERN)
        @NotNull
        @Size(min = 3, max = 20)
        @Pattern(regexp = USERNAME_PATTERN, message = "may contain only letters, digits and underscores")
        String username,

        @Schema(description = "8 to 128 characters.", examples = "correct horse", minLength = 8, maxLength = 128)
        @NotNull
        @Size(min = 8, max = 128)
        String password,

        @Schema(
                description = "Which of the 8 sprites the client draws for the actor; 0 when left out.",
                minimum = "0",
                maximum = "7",
                defaultValue = "0")
        @Min(0)
        @Max(7)
        Integer avatarId) {

    static final String USERNAME_PATTERN = "[A-Za-z0-9_]*";

    int avatarIdOrDefault() {
        return avatarId == null ? 0 : avatarId;
    }
}
