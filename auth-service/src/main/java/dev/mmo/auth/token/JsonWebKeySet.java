package dev.mmo.auth.token;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "The public keys that verify tokens issued by auth-service (RFC 7517 JWK Set).")
public record JsonWebKeySet(
        @Schema(description = "The keys; pick one by the token's `kid`.")
        List<JsonWebKey> keys) {}
