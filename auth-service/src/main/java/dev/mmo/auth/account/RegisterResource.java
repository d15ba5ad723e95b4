package dev.mmo.auth.account;

import dev.mmo.auth.AuthMetrics;
import dev.mmo.shared.error.ErrorBody;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/auth/register")
@Tag(name = "auth")
public class RegisterResource {

    private final AccountService accounts;
    private final AuthMetrics metrics;

    public RegisterResource(AccountService accounts, AuthMetrics metrics) {
        this.accounts = accounts;
        this.metrics = metrics;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an account and its actor",
            description = "Creates the user, an entity named after it, its instance at (0, 0) and the actor "
                    + "in one transaction.")
    @APIResponse(responseCode = "201", description = "Created.",
            content = @Content(schema = @Schema(implementation = RegisterResponse.class)))
    @APIResponse(responseCode = "400", description = "The body is missing, not JSON, or breaks a rule.",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "The username is taken (`username_taken`), in any letter case.",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "415", description = "The body is not sent as application/json.",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response register(@Valid @NotNull RegisterRequest body) {
        long actorId = accounts.register(body.username(), body.password(), body.avatarIdOrDefault());
        metrics.registered();
        return Response.status(Response.Status.CREATED).entity(new RegisterResponse(actorId)).build();
    }
}
