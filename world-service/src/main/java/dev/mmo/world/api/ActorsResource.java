package dev.mmo.world.api;

import dev.mmo.shared.error.ApiException;
import dev.mmo.shared.error.ErrorBody;
import dev.mmo.world.core.WorldConfig;
import dev.mmo.world.WorldSettings;
import dev.mmo.world.loop.OnlineView;
import dev.mmo.world.loop.WorldLoop;
import dev.mmo.world.protocol.ServerMessages;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

@Path("/api/world/actors")
@Tag(name = "World", description = "Who is online")
public class ActorsResource {

    private final WorldLoop loop;
    private final Duration timeout;

    private final WorldConfig rules;

    ActorsResource(WorldLoop loop, WorldSettings settings) {
        this.loop = loop;
        this.timeout = settings.snapshotTimeout();
        this.rules = settings.worldConfig();
    }

    @GET
    @RolesAllowed("player")
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "The actors online, or those around a point",
            description = "One ModelData per online actor, exactly as the game connection sends them: its model, "
                    + "its position and target (tx, ty; equal to x, y while it stands) as of the tick named in "
                    + "each entry. Without x and y: every online actor, in the order they came online. With x "
                    + "and y: the actors a player standing at (x, y) would see (its cell and the cells around "
                    + "it). A walking actor's later positions follow from the step rule (docs/protocol.md).")
    @APIResponse(responseCode = "200", description = "The actors online",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "OnlineActors")))
    @APIResponse(responseCode = "400", description = "Only one of x and y, or one that is not a number inside the world",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "503", description = "The world loop is not running",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Response online(
            @Parameter(description = "x of the point to look around (with y)") @QueryParam("x") String x,
            @Parameter(description = "y of the point to look around (with x)") @QueryParam("y") String y)
            throws InterruptedException {
        if ((x == null) != (y == null)) {
            throw new ApiException(400, "bad_request", "Give both x and y, or neither.");
        }
        CompletableFuture<OnlineView> question = x == null ? loop.onlineActors()
                : loop.actorsAround(coordinate("x", x), coordinate("y", y));
        // a worker thread waits here, so that no part of the answer is encoded on the loop thread
        OnlineView view;
        try {
            view = question.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ErrorBody("unavailable", "The world is not running right now."))
                    .build();
        }
        return Response.ok(ServerMessages.modelDataArray(view.tick(), view.actors())).build();
    }

    private double coordinate(String name, String text) {
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (!rules.checkTarget(value, 0).accepted()) {
            throw new ApiException(400, "bad_request",
                    name + " must be a number within ±" + rules.boundsHalfSize() + ", got \"" + text + "\".");
        }
        return value;
    }
}
