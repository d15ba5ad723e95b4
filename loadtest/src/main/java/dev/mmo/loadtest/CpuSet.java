package dev.mmo.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Optional;

/**
 * A set of cores in Linux's list format ({@code 0}, {@code 0-1}, {@code 0,2-3}), as taskset takes and
 * {@code /proc/<pid>/status}'s {@code Cpus_allowed_list} and {@code /sys/devices/system/cpu/online} give.
 */
public final class CpuSet {

    private static final int MAX_CPU = 4095;

    private final BitSet cpus;

    private CpuSet(BitSet cpus) {
        this.cpus = cpus;
    }

    public static CpuSet parse(String list) {
        if (list == null || list.isBlank()) {
            throw new IllegalArgumentException("an empty core list");
        }
        BitSet cpus = new BitSet();
        for (String part : list.strip().split(",")) {
            String[] range = part.strip().split("-", -1);
            if (range.length > 2) {
                throw new IllegalArgumentException("'" + part + "' is not a core or a range of cores like 2-3");
            }
            int from = number(range[0], list);
            int to = range.length == 2 ? number(range[1], list) : from;
            if (to < from) {
                throw new IllegalArgumentException("the range '" + part + "' runs backwards");
            }
            cpus.set(from, to + 1);
        }
        return new CpuSet(cpus);
    }

    private static int number(String text, String list) {
        try {
            int value = Integer.parseInt(text.strip());
            if (value < 0 || value > MAX_CPU) {
                throw new IllegalArgumentException("core " + value + " does not exist");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + list + "' is not a list of cores like 0 or 0,2-3");
        }
    }

    /** The cores online now, from {@code /sys/devices/system/cpu/online}. */
    public static Optional<CpuSet> online() {
        try {
            return Optional.of(parse(Files.readString(Path.of("/sys/devices/system/cpu/online"))));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public int size() {
        return cpus.cardinality();
    }

    public boolean contains(int cpu) {
        return cpus.get(cpu);
    }

    public boolean overlaps(CpuSet other) {
        return cpus.intersects(other.cpus);
    }

    public boolean containsAll(CpuSet other) {
        BitSet missing = (BitSet) other.cpus.clone();
        missing.andNot(cpus);
        return missing.isEmpty();
    }

    public int[] toArray() {
        return cpus.stream().toArray();
    }

    /** The list format, ranges joined: {@code 0-3,6}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        int at = cpus.nextSetBit(0);
        while (at >= 0) {
            int end = cpus.nextClearBit(at) - 1;
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(at);
            if (end > at) {
                text.append('-').append(end);
            }
            at = cpus.nextSetBit(end + 1);
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CpuSet set && set.cpus.equals(cpus);
    }

    @Override
    public int hashCode() {
        return cpus.hashCode();
    }
}
