package dev.mmo.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class FairnessTest {

    private static final CpuSet ONE = CpuSet.parse("1");

    @Test
    void aRunIsVoidWhenTheGeneratorsCoreWasMoreThan85PercentBusy() {
        assertNull(Fairness.voidReason(85.0, 60, ONE), "85 % is still a run");
        String reason = Fairness.voidReason(85.5, 60, ONE);
        assertTrue(
                reason.startsWith("the load generator's core 1 was 86 % busy (over 85 %; the generator itself used"
                        + " 60 % of it)"),
                reason);
        assertNull(Fairness.voidReason(40, 30, ONE));
    }

    @Test
    void somethingElseOnTheGeneratorsCoreMakesItVoidToo() {
        // the generator used 30 %, a build the other 60 %: the bots waited for the core all the same
        assertTrue(Fairness.voidReason(90, 30, ONE) != null);
    }

    @Test
    void withoutPerCoreFiguresTheGeneratorsOwnShareDecides() {
        assertNull(Fairness.voidReason(Double.NaN, 80, ONE));
        assertTrue(Fairness.voidReason(Double.NaN, 95, CpuSet.parse("2-3")).contains("cores 2-3 were 95 % busy"));
        assertNull(Fairness.voidReason(Double.NaN, Double.NaN, ONE), "nothing known, nothing claimed");
    }

    @Test
    void addsUpTheServerSideAndTheGeneratorSeparately() {
        JsonArray processes = new JsonArray()
                .add(new JsonObject().put("name", "gateway").put("cpuPercent", 40.0))
                .add(new JsonObject().put("name", "world-service").put("cpuPercent", 10.5))
                .add(new JsonObject().put("name", "postgres (all backends)").put("cpuPercent", null))
                .add(new JsonObject().put("name", "bench (load generator)").put("cpuPercent", 55.0))
                .add(new JsonObject().put("name", "bench (node bot driver)").put("cpuPercent", 20.0));
        assertEquals(50.5, Fairness.cpuOf(processes, false));
        assertEquals(75.0, Fairness.cpuOf(processes, true));
    }
}
