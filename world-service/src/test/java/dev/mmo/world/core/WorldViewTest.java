package dev.mmo.world.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mmo.world.core.view.CellNews;
import dev.mmo.world.core.view.Grid;
import dev.mmo.world.core.view.ViewChange;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every way into and out of view, on the default grid: cells of 400 units from the world's edge at −5000, so
 * (0, 0) is in the cell from −200 to 200, and a player there sees x and y from −600 to 600.
 */
class WorldViewTest {

    private static final long ALICE = 1;
    private static final long BOB = 2;
    private static final long CAROL = 3;

    private final World world = new World(WorldConfig.DEFAULT);
    private final Grid grid = world.grid();

    @Test
    void theGridPutsABorderPointIntoTheCellOnItsRightAndTheFarEdgeIntoTheLastCell() {
        assertEquals(25, grid.columns());
        assertEquals(grid.cellOf(0, 0), grid.cellOf(-200, 199.99));
        assertEquals(grid.cellOf(0, 0) + 1, grid.cellOf(200, 0), "x = 200 is the next cell's");
        assertEquals(grid.cellOf(0, 0) + 25, grid.cellOf(0, 200), "y = 200 is the next row's");
        assertEquals(24, grid.cellOf(5000, -5000), "the far edge is in the last column");
        assertEquals(0, grid.cellOf(-5000, -5000));
        assertEquals(624, grid.cellOf(5000, 5000));
        assertEquals(0, grid.cellOf(-1e9, Double.NEGATIVE_INFINITY), "outside is taken to the edge");
    }

    @Test
    void visibilityIsSymmetricAndReachesOneCellAround() {
        for (int a = 0; a < grid.cellCount(); a += 7) {
            for (int b = 0; b < grid.cellCount(); b += 3) {
                assertEquals(grid.near(a, b), grid.near(b, a), a + " and " + b);
            }
        }
        int centre = grid.cellOf(0, 0);
        assertArrayEquals(
                new int[] {
                    centre - 26,
                    centre - 25,
                    centre - 24,
                    centre - 1,
                    centre,
                    centre + 1,
                    centre + 24,
                    centre + 25,
                    centre + 26
                },
                grid.around(centre));
        assertEquals(4, grid.around(0).length, "a corner sees fewer cells");
        assertFalse(grid.near(centre, centre + 2));
        assertFalse(grid.near(24, 25), "the last column does not wrap onto the next row");
    }

    @Test
    void aNewcomerSeesOnlyWhatIsAroundItAndOnlyThoseAroundHearOfIt() {
        join(BOB, 500, 500);
        join(CAROL, 2000, 0);
        world.tick();

        join(ALICE, 0, 0);
        TickResult result = world.tick();

        assertEquals(List.of(ALICE, BOB), ids(world.snapshotAround(world.cellOf(ALICE))));
        assertTrue(newsOf(result, BOB).orElseThrow().entered().stream().anyMatch(s -> s.actorId() == ALICE));
        assertTrue(newsOf(result, CAROL).isEmpty(), "Carol is too far to hear of Alice");
    }

    @Test
    void aWalkerComingIntoViewIsModelDataAndGoingOutIsLeave() {
        join(ALICE, 0, 0);
        join(BOB, 620, 0);
        world.tick();

        world.submit(new WorldInput.Target(BOB, 560, 0));
        // 620 → 616.5 → … → 599: Bob steps into Alice's view (x < 600) on the sixth tick
        for (int i = 0; i < 5; i++) {
            assertFalse(heardOf(newsOf(world.tick(), ALICE), BOB), "Alice hears nothing of Bob out of view");
        }
        TickResult comesIn = world.tick();
        ActorSnapshot seen = newsOf(comesIn, ALICE).orElseThrow().entered().getFirst();
        assertEquals(new ActorSnapshot(BOB, "bob", 0, 599, 0, 560, 0), seen, "as after the tick, with its target");
        ViewChange bobsView = viewChangeOf(comesIn, BOB);
        assertEquals(List.of(ALICE), ids(bobsView.entered()), "and Bob, who walked, now sees Alice");

        world.submit(new WorldInput.Target(BOB, 700, 0));
        TickResult goesOut = tickUntil(r -> heardOf(newsOf(r, ALICE), BOB));
        assertEquals(List.of(BOB), newsOf(goesOut, ALICE).orElseThrow().left());
        assertEquals(List.of(ALICE), viewChangeOf(goesOut, BOB).left());
    }

    @Test
    void aWalkerThatStaysInViewWhileChangingCellsCostsNothing() {
        join(ALICE, 0, 0);
        join(BOB, -150, 0);
        world.tick();
        world.submit(new WorldInput.Target(BOB, 150, 0));
        TickResult start = world.tick();
        assertEquals(1, newsOf(start, ALICE).orElseThrow().moves().size(), "the start of the walk");

        // on to x = 400: Bob crosses from Alice's cell into the next at x = 200, which Alice sees too
        world.submit(new WorldInput.Target(BOB, 400, 0));
        world.tick();
        int viewChanges = 0;
        for (int i = 0; i < 200; i++) {
            TickResult result = world.tick();
            viewChanges += result.viewChanges().size();
            Optional<CellNews> alicesNews = newsOf(result, ALICE);
            alicesNews.ifPresent(news -> assertTrue(
                    news.entered().isEmpty()
                            && news.left().isEmpty()
                            && news.moves().stream().allMatch(MoveEntry::arrival),
                    "only the arrival, got " + news));
        }
        assertEquals(1, viewChanges, "Bob's own view moved once");
    }

    @Test
    void aWalkerGoingBackAndForthOverABorderIsLeftAndEnteredEachTime() {
        join(ALICE, 0, 0);
        join(BOB, 598, 0); // one step left of the edge of Alice's view at x = 600
        world.tick();
        for (int round = 0; round < 3; round++) {
            world.submit(new WorldInput.Target(BOB, 601.5, 0));
            TickResult out = world.tick();
            assertEquals(List.of(BOB), newsOf(out, ALICE).orElseThrow().left(), "round " + round);
            world.submit(new WorldInput.Target(BOB, 598, 0));
            TickResult in = world.tick();
            CellNews back = newsOf(in, ALICE).orElseThrow();
            assertEquals(List.of(BOB), ids(back.entered()), "round " + round);
            assertEquals(598.0, back.entered().getFirst().x());
        }
    }

    @Test
    void aPlayerStandingOnABorderBelongsToOneCellAndSeesFromThere() {
        join(ALICE, 200, 0); // on the border: in the cell from 200 to 600
        join(BOB, -250, 0); // two cells to the left of Alice's
        join(CAROL, 950, 0); // one cell to the right of Alice's
        world.tick();
        assertEquals(List.of(ALICE, CAROL), ids(world.snapshotAround(world.cellOf(ALICE))));
    }

    @Test
    void aWatcherWhoWalksAwayGetsLeaveForWhatItNoLongerSeesAndModelDataForWhatItNowSees() {
        join(ALICE, 590, 0);
        join(BOB, 0, 0);
        join(CAROL, 1000, 0);
        world.tick();
        world.submit(new WorldInput.Target(ALICE, 700, 0));
        TickResult crossed = tickUntil(r -> !r.viewChanges().isEmpty());
        ViewChange change = viewChangeOf(crossed, ALICE);
        assertEquals(grid.cellOf(600, 0), change.cell());
        assertEquals(List.of(BOB), change.left());
        assertEquals(List.of(CAROL), ids(change.entered()));
        assertEquals(List.of(ALICE), newsOf(crossed, BOB).orElseThrow().left(), "Bob no longer sees her either");
        assertEquals(List.of(ALICE), ids(newsOf(crossed, CAROL).orElseThrow().entered()));
    }

    @Test
    void aPlayerLeavingIsDespawnedOnlyForThoseWhoSawIt() {
        join(ALICE, 0, 0);
        join(BOB, 300, 0);
        join(CAROL, 3000, 0);
        world.tick();
        world.submit(new WorldInput.Leave(ALICE));
        TickResult result = world.tick();
        assertEquals(List.of(ALICE), newsOf(result, BOB).orElseThrow().despawned());
        assertTrue(newsOf(result, CAROL).isEmpty());
    }

    private void join(long id, double x, double y) {
        world.submit(new WorldInput.Join(id, id == ALICE ? "alice" : id == BOB ? "bob" : "carol", 0, x, y));
    }

    private Optional<CellNews> newsOf(TickResult result, long viewer) {
        int cell = world.cellOf(viewer);
        return result.news().stream().filter(news -> news.cell() == cell).findFirst();
    }

    private static ViewChange viewChangeOf(TickResult result, long actor) {
        return result.viewChanges().stream()
                .filter(change -> change.actorId() == actor)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no view change for " + actor + " in tick " + result.tick()));
    }

    private static boolean heardOf(Optional<CellNews> news, long actor) {
        return news.map(n -> Stream.of(
                                n.despawned().stream(),
                                n.left().stream(),
                                n.entered().stream().map(ActorSnapshot::actorId),
                                n.moves().stream().map(MoveEntry::actorId))
                        .flatMap(ids -> ids)
                        .anyMatch(id -> id == actor))
                .orElse(false);
    }

    private TickResult tickUntil(Predicate<TickResult> wanted) {
        for (int i = 0; i < 1000; i++) {
            TickResult result = world.tick();
            if (wanted.test(result)) {
                return result;
            }
        }
        throw new AssertionError("not within 1000 ticks");
    }

    private static List<Long> ids(List<ActorSnapshot> snapshots) {
        return snapshots.stream().map(ActorSnapshot::actorId).sorted().toList();
    }
}
