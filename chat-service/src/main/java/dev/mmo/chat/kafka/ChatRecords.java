package dev.mmo.chat.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mmo.chat.ChatMessage;
import dev.mmo.chat.ChatText;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Reads a record of the chat topic back into a {@link ChatMessage}, and checks it again by the rules it was written
 * under: anyone who can write to the topic (a misconfigured client, a compromised one) must not reach players with
 * what chat-service itself would have refused. A record that fails is dropped — from live chat and from history —
 * counted in {@code mmo.chat.records.dropped{reason}}, and logged the first time each kind of failure is seen (a
 * flood of bad records must not flood the log). Thread-safe.
 */
public final class ChatRecords {

    /** Why a record was dropped; the metric's {@code reason} tag. */
    public enum Drop {
        /** Not a JSON object. */
        UNREADABLE("unreadable"),
        /**
         * Not exactly the fields id, actorId, from, text, at, each of its type: a short string id, a positive
         * actorId, an ISO-8601 at.
         */
        SHAPE("shape"),
        /** {@code from} is not a username (3–20 of A–Z, a–z, 0–9, _). */
        SENDER("sender"),
        /** {@code text} breaks the chat rules (empty, too long, control or bidi characters), see {@link ChatText}. */
        TEXT("text");

        private final String reason;

        Drop(String reason) {
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    private static final Logger LOG = Logger.getLogger(ChatRecords.class);
    private static final Set<String> FIELDS = Set.of("id", "actorId", "from", "text", "at");
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_]{3,20}");
    /** chat-service writes UUIDs; anything longer than this is not one of its ids. */
    private static final int MAX_ID_LENGTH = 64;

    private final ObjectMapper json;
    private final ChatText rules;
    private final Map<Drop, Counter> dropped = new EnumMap<>(Drop.class);
    private final Set<Drop> logged = ConcurrentHashMap.newKeySet();

    public ChatRecords(ObjectMapper json, ChatText rules, MeterRegistry metrics) {
        this.json = json;
        this.rules = rules;
        for (Drop drop : Drop.values()) {
            dropped.put(
                    drop,
                    Counter.builder("mmo.chat.records.dropped")
                            .tag("reason", drop.reason())
                            .description("Records of the chat topic dropped because they break the chat rules")
                            .register(metrics));
        }
    }

    /**
     * The message a record holds, or empty when it is dropped.
     *
     * @param where the record's place in the topic ({@code topic-partition@offset}), for the log
     */
    public Optional<ChatMessage> read(String value, String where) {
        JsonNode record;
        try {
            record = value == null ? null : json.readTree(value);
        } catch (JsonProcessingException e) {
            record = null;
        }
        if (record == null || !record.isObject()) {
            return drop(Drop.UNREADABLE, where, "not a JSON object");
        }
        Optional<String> shape = shapeProblem(record);
        if (shape.isPresent()) {
            return drop(Drop.SHAPE, where, shape.get());
        }
        String from = record.get("from").asText();
        if (!USERNAME.matcher(from).matches()) {
            return drop(Drop.SENDER, where, "from is not a username");
        }
        String text = record.get("text").asText();
        if (!(rules.check(text) instanceof ChatText.Accepted(String clean)) || !clean.equals(text)) {
            return drop(Drop.TEXT, where, "the text is not one chat-service would have accepted");
        }
        return Optional.of(new ChatMessage(
                record.get("id").asText(),
                record.get("actorId").asLong(),
                from,
                text,
                Instant.parse(record.get("at").asText())));
    }

    private static Optional<String> shapeProblem(JsonNode record) {
        for (Iterator<String> names = record.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                return Optional.of("an unknown field " + (name.length() > 40 ? name.substring(0, 40) + "…" : name));
            }
        }
        for (String field : FIELDS) {
            if (!record.hasNonNull(field)) {
                return Optional.of("no " + field);
            }
        }
        JsonNode id = record.get("id");
        if (!id.isTextual() || id.asText().isBlank() || id.asText().length() > MAX_ID_LENGTH) {
            return Optional.of("id is not a short string");
        }
        JsonNode actorId = record.get("actorId");
        if (!actorId.canConvertToLong() || !actorId.isIntegralNumber() || actorId.asLong() <= 0) {
            return Optional.of("actorId is not a positive whole number");
        }
        if (!record.get("from").isTextual()
                || !record.get("text").isTextual()
                || !record.get("at").isTextual()) {
            return Optional.of("from, text and at must be strings");
        }
        try {
            Instant.parse(record.get("at").asText());
        } catch (DateTimeParseException e) {
            return Optional.of("at is not an ISO-8601 instant");
        }
        return Optional.empty();
    }

    private Optional<ChatMessage> drop(Drop drop, String where, String why) {
        dropped.get(drop).increment();
        if (logged.add(drop)) {
            LOG.warnf(
                    "dropped record %s of the chat topic: %s. Further records dropped for this reason (%s) are"
                            + " not logged, only counted in mmo_chat_records_dropped_total",
                    where, why, drop.reason());
        }
        return Optional.empty();
    }
}
