package dev.mmo.auth.throttle;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Records by key, at most {@code capacity} of them: the least recently used goes when a new one would exceed it, so
 * an attacker who brings ever new addresses or names costs a fixed amount of memory. Not thread-safe: its owner
 * locks.
 */
final class BoundedRecords<V> {

    private final LinkedHashMap<String, V> records;

    BoundedRecords(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.records = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }

    V get(String key, Supplier<V> created) {
        return records.computeIfAbsent(key, k -> created.get());
    }

    int size() {
        return records.size();
    }
}
