package dev.mmo.chat.kafka;

import dev.mmo.chat.ChatMessage;
import dev.mmo.shared.link.Backoff;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * This replica's reader of the whole chat topic, on a thread of its own. At start it seeks each partition to the
 * last {@value #HISTORY_SIZE} messages and reads them into the history only; every message after that (the end
 * of the topic when it attached) is also handed to {@code onLive}, once, in topic order. One consumer for both
 * means there is no gap and no overlap between history and live chat.
 * <p>
 * It uses no consumer group (it assigns itself every partition and commits nothing), so every replica reads
 * everything, no rebalance ever moves its position, and it picks up where it stopped when Kafka comes back.
 * Every record is checked again by {@link ChatRecords}: one that breaks the chat rules reaches neither history nor
 * players.
 */
public final class ChatFeed implements AutoCloseable {

    public static final int HISTORY_SIZE = 100;
    private static final Logger LOG = Logger.getLogger(ChatFeed.class);
    private static final Duration POLL = Duration.ofMillis(500);
    /** Waits between attempts while Kafka cannot be read: jittered, so that replicas do not all retry at once. */
    private static final Duration RETRY_FIRST = Duration.ofMillis(500);

    private static final Duration RETRY_MAX = Duration.ofSeconds(5);

    private final KafkaClients clients;
    private final ChatRecords records;
    private final Consumer<ChatMessage> onLive;
    private final MeterRegistry metrics;
    private final ArrayDeque<ChatMessage> history = new ArrayDeque<>(HISTORY_SIZE);
    /** Per partition: the first offset that is live (delivered), the end of the topic when the feed attached. */
    private final Map<TopicPartition, Long> liveFrom = new HashMap<>();
    /** The feed's thread only. */
    private final Backoff backoff = new Backoff(RETRY_FIRST, RETRY_MAX);

    private final Thread thread;
    /** Guards {@code loopEnded}, so that close() never interrupts the thread once it is closing the consumer. */
    private final Object loopLock = new Object();

    private boolean loopEnded;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean attached;
    private volatile boolean historyRead;
    private volatile boolean connected;
    private volatile long lag;
    private volatile boolean closing;
    private Metric connectionCount;
    private boolean warnedUnattached;

    public ChatFeed(KafkaClients clients, ChatRecords records, Consumer<ChatMessage> onLive, MeterRegistry metrics) {
        this.clients = clients;
        this.records = records;
        this.onLive = onLive;
        this.metrics = metrics;
        this.thread = Thread.ofPlatform().name("chat-feed").unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    /** Whether the feed has found the topic and reads it: from then on every new message reaches {@code onLive}. */
    public boolean isAttached() {
        return attached;
    }

    /** Whether the history holds what the topic held when the feed attached. */
    public boolean hasReadHistory() {
        return historyRead;
    }

    /** Whether the consumer holds a connection to a broker right now. */
    public boolean isConnected() {
        return connected;
    }

    /** Messages in the topic that the feed has not read yet (as of its last fetch). */
    public long lag() {
        return lag;
    }

    /** False only when the feed's thread died, which is a bug: liveness reports it. */
    public boolean isRunning() {
        return closing || thread.getState() != Thread.State.TERMINATED;
    }

    /** The last {@code limit} messages, oldest first. */
    public List<ChatMessage> history(int limit) {
        synchronized (history) {
            return history.stream().skip(Math.max(0, history.size() - limit)).toList();
        }
    }

    @Override
    public void close() {
        closing = true;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        // also ends a wait for Kafka's answer while attaching, which a wakeup does not reach
        synchronized (loopLock) {
            if (!loopEnded) {
                thread.interrupt();
            }
        }
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(clients.consumer());
                KafkaClientMetrics kafkaMetrics = new KafkaClientMetrics(kafka)) {
            kafkaMetrics.bindTo(metrics);
            consumer = kafka;
            while (!closing) {
                try {
                    if (!attached && !attach(kafka)) {
                        Thread.sleep(backoff.next());
                        continue;
                    }
                    for (ConsumerRecord<String, String> record : kafka.poll(POLL)) {
                        read(record);
                    }
                    observe(kafka);
                    backoff.reset();
                } catch (WakeupException | InterruptException stopping) {
                    break;
                } catch (KafkaException e) {
                    Duration wait = backoff.next();
                    LOG.warnf("reading the chat topic failed (%s); retrying in %d ms", e.toString(), wait.toMillis());
                    Thread.sleep(wait);
                }
            }
            // an interrupt from close() must not make the consumer's own close fail half-way
            synchronized (loopLock) {
                loopEnded = true;
                Thread.interrupted();
            }
        } catch (InterruptedException | WakeupException | InterruptException stopping) {
            // closing
        }
    }

    /** Creates the topic if needed, assigns its partitions and seeks to the history's start; false to retry later. */
    private boolean attach(KafkaConsumer<String, String> kafka) throws InterruptedException {
        String topic = clients.topic().name();
        Duration timeout = Duration.ofMillis(KafkaClients.LOOKUP_TIMEOUT_MS);
        List<TopicPartition> assigned;
        Map<TopicPartition, Long> beginnings;
        Map<TopicPartition, Long> ends;
        try {
            ChatTopic.ensureExists(clients.admin(), clients.topic());
            assigned = kafka.partitionsFor(topic, timeout).stream()
                    .map(partition -> new TopicPartition(topic, partition.partition()))
                    .toList();
            if (assigned.isEmpty()) {
                return false; // a topic just created may take a moment to show up in metadata
            }
            beginnings = kafka.beginningOffsets(assigned, timeout);
            ends = kafka.endOffsets(assigned, timeout);
        } catch (InterruptedException | WakeupException e) {
            throw e;
        } catch (Exception e) {
            if (!warnedUnattached) {
                LOG.warnf(
                        "cannot read topic %s yet (%s); chat is unavailable until Kafka answers", topic, e.toString());
                warnedUnattached = true;
            }
            return false;
        }
        kafka.assign(assigned);
        for (TopicPartition partition : assigned) {
            long end = ends.get(partition);
            liveFrom.put(partition, end);
            kafka.seek(partition, Math.max(beginnings.get(partition), end - HISTORY_SIZE));
        }
        attached = true;
        LOG.infof("reading topic %s from its last %d messages", topic, HISTORY_SIZE);
        return true;
    }

    private void read(ConsumerRecord<String, String> record) {
        ChatMessage message = records.read(
                        record.value(), record.topic() + "-" + record.partition() + "@" + record.offset())
                .orElse(null);
        if (message == null) {
            return;
        }
        synchronized (history) {
            if (history.size() == HISTORY_SIZE) {
                history.removeFirst();
            }
            history.addLast(message);
        }
        if (record.offset() >= liveFrom.get(new TopicPartition(record.topic(), record.partition()))) {
            try {
                onLive.accept(message);
            } catch (RuntimeException e) {
                // one message that could not be handed on must not stop the feed for everyone
                LOG.errorf(e, "delivering chat message %s failed", message.id());
            }
        }
    }

    /** Updates what health and metrics report; only this thread may touch the consumer. */
    private void observe(KafkaConsumer<String, String> kafka) {
        if (!historyRead) {
            historyRead =
                    liveFrom.entrySet().stream().allMatch(start -> kafka.position(start.getKey()) >= start.getValue());
        }
        long behind = 0;
        for (TopicPartition partition : kafka.assignment()) {
            behind += kafka.currentLag(partition).orElse(0);
        }
        lag = behind;
        if (connectionCount == null) {
            connectionCount = kafka.metrics().entrySet().stream()
                    .filter(entry -> entry.getKey().group().equals("consumer-metrics")
                            && entry.getKey().name().equals("connection-count"))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(null);
        }
        boolean nowConnected = connectionCount != null && ((Number) connectionCount.metricValue()).doubleValue() > 0;
        if (nowConnected != connected) {
            if (nowConnected) {
                LOG.info("connected to Kafka; chat is available");
            } else {
                LOG.warn("lost the connection to Kafka; chat is unavailable until it is back");
            }
            connected = nowConnected;
        }
    }
}
