package dev.mmo.auth.token;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/auth/jwks")
@Tag(name = "auth")
public class JwksResource {

    private final SigningKeys keys;

    public JwksResource(SigningKeys keys) {
        this.keys = keys;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Public keys",
            description = "The JWK Set other services verify tokens with "
                    + "(`mp.jwt.verify.publickey.location` points here): the key tokens are signed with now and, "
                    + "after a key rotation, the one signed with before, each under its `kid`. Only public keys, "
                    + "never a private one.")
    @APIResponse(
            responseCode = "200",
            description = "The key set.",
            content = @Content(schema = @Schema(implementation = JsonWebKeySet.class)))
    public Response jwks() {
        // The project's verifiers fetch again on an unknown kid whatever this says; a short max-age lets a rotated
        // key reach other verifiers within minutes.
        return Response.ok(new JsonWebKeySet(keys.published()))
                .header("Cache-Control", "public, max-age=300")
                .build();
    }
}
