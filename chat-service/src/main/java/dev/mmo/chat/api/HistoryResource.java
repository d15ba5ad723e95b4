package dev.mmo.chat.api;

import dev.mmo.chat.ChatMessage;
import dev.mmo.chat.kafka.ChatFeed;
import dev.mmo.chat.kafka.ChatRelay;
import dev.mmo.shared.error.ApiException;
import dev.mmo.shared.error.ErrorBody;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/api/chat/history")
@Produces(MediaType.APPLICATION_JSON)
public class HistoryResource {

    private final ChatRelay relay;

    HistoryResource(ChatRelay relay) {
        this.relay = relay;
    }

    @GET
    @RolesAllowed("player")
    @Operation(
            summary = "The last chat messages, oldest first",
            description = "Read from the chat topic, so it survives restarts of chat-service.")
    @APIResponse(responseCode = "200", description = "Up to `limit` messages, oldest first")
    @APIResponse(
            responseCode = "400",
            description = "`limit` outside 1–100",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "503",
            description = "Kafka has not been reachable since this replica started",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public List<ChatMessage> history(
            @Parameter(description = "How many messages, 1–" + ChatFeed.HISTORY_SIZE)
                    @QueryParam("limit")
                    @DefaultValue("50")
                    @Min(1)
                    @Max(ChatFeed.HISTORY_SIZE)
                    int limit) {
        return relay.history(limit)
                .orElseThrow(() -> new ApiException(
                        503,
                        "chat_unavailable",
                        "Chat history is not loaded yet: chat-service cannot reach its message broker."));
    }
}
