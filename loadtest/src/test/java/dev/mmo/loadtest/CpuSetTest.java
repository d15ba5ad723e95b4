package dev.mmo.loadtest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CpuSetTest {

    @Test
    void readsAndWritesLinuxCoreLists() {
        CpuSet set = CpuSet.parse(" 0,2-4,7\n");
        assertArrayEquals(new int[] {0, 2, 3, 4, 7}, set.toArray());
        assertEquals("0,2-4,7", set.toString());
        assertEquals(5, set.size());
        assertEquals("0-3", CpuSet.parse("3,1,0,2").toString());
        assertEquals(CpuSet.parse("1"), CpuSet.parse("1-1"));
    }

    @Test
    void comparesSets() {
        CpuSet online = CpuSet.parse("0-1");
        assertTrue(online.containsAll(CpuSet.parse("1")));
        assertFalse(online.containsAll(CpuSet.parse("1-2")));
        assertTrue(online.overlaps(CpuSet.parse("1,5")));
        assertFalse(CpuSet.parse("0").overlaps(CpuSet.parse("1")));
    }

    @Test
    void refusesWhatIsNotACoreList() {
        assertThrows(IllegalArgumentException.class, () -> CpuSet.parse(""));
        assertThrows(IllegalArgumentException.class, () -> CpuSet.parse("a"));
        assertThrows(IllegalArgumentException.class, () -> CpuSet.parse("1-2-3"));
        assertThrows(IllegalArgumentException.class, () -> CpuSet.parse("-1"));
        assertThrows(IllegalArgumentException.class, () -> CpuSet.parse("5000"));
    }
}
