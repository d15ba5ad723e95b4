package dev.mmo.world.api;

import dev.mmo.shared.error.ApiException;
import dev.mmo.shared.error.ErrorBody;
import dev.mmo.world.WorldSettings;
import dev.mmo.world.core.WorldConfig;
import dev.mmo.world.loop.OnlineView;
import dev.mmo.world.loop.ViewQueueFull;
import dev.mmo.world.loop.WorldLoop;
import dev.mmo.world.protocol.ServerMessages;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/world/actors")
@Tag(name = "World", description = "Who is where")
public class ActorsResource {

    /** Seconds a client waits before asking again when the world is busy or not served here. */
    private static final String RETRY_AFTER_SECONDS = "1";

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
    @Operation(
            summary = "The actors around a point",
            description = "The actors a player standing at (x, y) would see (its cell and the cells around it): "
                    + "one ModelData each, exactly as the game connection sends them: its model, its position and "
                    + "target (tx, ty; equal to x, y while it stands) as of the tick named in each entry. A walking "
                    + "actor's later positions follow from the step rule (docs/protocol.md). There is no listing "
                    + "of the whole world. The loop answers a bounded number of these per tick: past the queue "
                    + "(mmo.world.view-queue), 503 at once with Retry-After.")
    @APIResponse(
            responseCode = "200",
            description = "The actors around (x, y)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "OnlineActors")))
    @APIResponse(
            responseCode = "400",
            description = "x or y missing, or not a number inside the world",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "401",
            description = "No valid bearer token",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "503",
            description = "Too many requests wait for the world loop, or the world is "
                    + "not served here (a standby, or stopping); Retry-After says when to ask again",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ErrorBody.class)))
    public Response around(
            @Parameter(description = "x of the point to look around", required = true) @QueryParam("x") String x,
            @Parameter(description = "y of the point to look around", required = true) @QueryParam("y") String y)
            throws InterruptedException {
        if (x == null || y == null) {
            throw new ApiException(
                    400,
                    "bad_request",
                    "Give x and y: the actors around that point are listed, never the whole world.");
        }
        CompletableFuture<OnlineView> question = loop.actorsAround(coordinate("x", x), coordinate("y", y));
        // a worker thread waits here, so that no part of the answer is encoded on the loop thread; the queue bounds
        // how many wait
        OnlineView view;
        try {
            view = question.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return e.getCause() instanceof ViewQueueFull
                    ? unavailable("The world is answering as many of these as it can; ask again in a second.")
                    : unavailable("The world is not served here right now.");
        } catch (TimeoutException e) {
            return unavailable("The world did not answer in time.");
        }
        return Response.ok(ServerMessages.modelDataArray(view.tick(), view.actors()))
                .build();
    }

    private static Response unavailable(String message) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody("unavailable", message))
                .build();
    }

    private double coordinate(String name, String text) {
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (!rules.checkTarget(value, 0).accepted()) {
            throw new ApiException(
                    400,
                    "bad_request",
                    name + " must be a number within ±" + rules.boundsHalfSize() + ", got \"" + text + "\".");
        }
        return value;
    }
}
