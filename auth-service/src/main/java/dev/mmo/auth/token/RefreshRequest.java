package dev.mmo.auth.token;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A refresh token from the last login or refresh.")
public record RefreshRequest(
        @Schema(description = "The `refreshToken` of the last login or refresh answer.", maxLength = 128)
        @NotNull
        @Size(max = 128)
        String refreshToken) {

    /** Keeps the token out of logs. */
    @Override
    public String toString() {
        return "RefreshRequest[]";
    }
}
