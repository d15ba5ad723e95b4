package dev.mmo.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PositionsTest {

    @Test
    void countsNeighbourhoodsOfCells() {
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {0, 0}); // cell (12, 12): -200..200 is cell 12 from -5000
        points.add(new double[] {199.9, -199.9}); // the same cell
        points.add(new double[] {200, 0}); // the next cell to the right (a border belongs to the right)
        points.add(new double[] {-700, 0}); // cell 10, two to the left: not in (12,12)'s 3x3
        points.add(new double[] {5000, 5000}); // the far edge: the last cell
        JsonObject summary = Positions.summary(points, 5000, 400);
        assertEquals(5, summary.getInteger("count"));
        assertEquals(2, summary.getInteger("maxInOneCell"));
        assertEquals(3, summary.getInteger("maxIn3x3"));
        // 3 + 3 + 3 (the three near the centre see each other) + 1 (the one at -700 sees only itself)
        // + 1 (the corner): 11 / 5
        assertEquals(2.2, summary.getDouble("meanIn3x3"));
        assertEquals(0.8, summary.getDouble("shareWithin1000OfCentre"));
        assertEquals(24, Positions.cellOf(5000, 5000, 400, 25));
        assertEquals(0, Positions.cellOf(-5000, 5000, 400, 25));
        assertEquals(12, Positions.cellOf(0, 5000, 400, 25));
        assertEquals(13, Positions.cellOf(200, 5000, 400, 25));
    }

    @Test
    void noPointsNoFigures() {
        JsonObject summary = Positions.summary(List.of(), 5000, 400);
        assertEquals(0, summary.getInteger("count"));
        assertEquals(null, summary.getValue("meanIn3x3"));
    }
}
