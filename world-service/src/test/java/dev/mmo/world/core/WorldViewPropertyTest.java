package dev.mmo.world.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mmo.world.core.view.CellNews;
import dev.mmo.world.core.view.Grid;
import dev.mmo.world.core.view.ViewChange;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Random worlds and random walks over 1000 ticks, with one simulated client per online actor that hears only what
 * a player hears (its welcome, its own view changes, the news of the cell it stands in) and replays it with the
 * step rule. After every tick each client must know exactly the actors in its view, in their exact states: no
 * ghost left behind, none missing.
 */
class WorldViewPropertyTest {

    private static final int TICKS = 1000;
    private static final int ACTOR_POOL = 50;

    /** A player's client: the actors it knows, as after the last tick it heard of. */
    private static final class Client {
        final Map<Long, double[]> known = new HashMap<>();
        int cell;

        Client(int cell, List<ActorSnapshot> view) {
            this.cell = cell;
            view.forEach(this::put);
        }

        void step(double step) {
            for (double[] state : known.values()) {
                ClientStepRule.stepOnce(state, step);
            }
        }

        void hear(ViewChange change) {
            cell = change.cell();
            change.despawned().forEach(known::remove);
            change.left().forEach(known::remove);
            change.entered().forEach(this::put);
        }

        void hear(CellNews news) {
            news.despawned().forEach(known::remove);
            news.left().forEach(known::remove);
            news.entered().forEach(this::put);
            for (MoveEntry entry : news.moves()) {
                if (known.containsKey(entry.actorId())) { // entries of actors it does not know are ignored
                    known.put(entry.actorId(), new double[] {entry.x(), entry.y(), entry.tx(), entry.ty()});
                }
            }
        }

        private void put(ActorSnapshot s) {
            known.put(s.actorId(), new double[] {s.x(), s.y(), s.tx(), s.ty()});
        }
    }

    @ParameterizedTest(name = "seed {0}, cells of {1}, view radius {2}, speed {3}")
    @CsvSource({
        "1, 100, 1, 400",
        "2, 100, 1, 70",
        "3, 50, 2, 400",
        "4, 250, 0, 400",
        "5, 120, 1, 2000",
        "6, 100, 1, 400",
    })
    void everyClientKnowsExactlyItsViewAfterEveryTick(long seed, double cellSize, int viewRadius, double speed) {
        WorldConfig config = new WorldConfig(20, speed, 500, 100, 40).withCells(cellSize, viewRadius);
        World world = new World(config);
        Grid grid = world.grid();
        Random random = new Random(seed);
        Map<Long, Client> clients = new HashMap<>();
        int viewChangesSeen = 0;
        int leavesSeen = 0;
        int entersSeen = 0;

        for (int t = 1; t <= TICKS; t++) {
            submitRandomInputs(world, random);
            TickResult result = world.tick();

            for (Client client : clients.values()) {
                client.step(config.step());
            }
            for (long gone : result.left()) {
                clients.remove(gone); // its session is gone; a rejoin in the same tick gets a new client below
            }
            Set<Long> joining = new HashSet<>();
            result.joined().forEach(s -> joining.add(s.actorId()));
            for (ViewChange change : result.viewChanges()) {
                Client client = clients.get(change.actorId());
                assertNotNull(client, "view change for actor " + change.actorId() + " that has no player");
                client.hear(change);
                viewChangesSeen++;
                leavesSeen += change.left().size();
            }
            Map<Integer, CellNews> newsByCell = new HashMap<>();
            for (CellNews news : result.news()) {
                assertEquals(null, newsByCell.put(news.cell(), news), "two news for cell " + news.cell());
                leavesSeen += news.left().size();
                entersSeen += news.entered().size();
            }
            for (Map.Entry<Long, Client> entry : clients.entrySet()) {
                if (joining.contains(entry.getKey())) {
                    continue; // replaced below: a joining player hears its welcome, not this tick's news
                }
                CellNews news = newsByCell.get(entry.getValue().cell);
                if (news != null) {
                    entry.getValue().hear(news);
                }
            }
            for (long newcomer : joining) {
                int cell = world.cellOf(newcomer);
                clients.put(newcomer, new Client(cell, world.snapshotAround(cell)));
            }

            assertEveryClientSeesItsView(world, grid, clients, result.tick());
        }
        // the walks must have exercised what the test is about
        assertTrue(viewChangesSeen > 50, "view changes: " + viewChangesSeen);
        assertTrue(leavesSeen > 50, "leaves: " + leavesSeen);
        assertTrue(entersSeen > 50, "enters: " + entersSeen);
    }

    private static void submitRandomInputs(World world, Random random) {
        double half = world.config().boundsHalfSize();
        int inputs = random.nextInt(4);
        for (int i = 0; i < inputs; i++) {
            long actorId = 1L + random.nextInt(ACTOR_POOL);
            int kind = random.nextInt(20);
            if (kind < 14) {
                // mostly walks, some to a border or a corner
                double x = kind == 0 ? 0 : (random.nextDouble() * 2 - 1) * half;
                double y = kind == 1 ? half : (random.nextDouble() * 2 - 1) * half;
                world.submit(new WorldInput.Target(actorId, x, y));
            } else if (kind < 17) {
                world.submit(new WorldInput.Join(
                        actorId,
                        "a" + actorId,
                        0,
                        (random.nextDouble() * 2 - 1) * half,
                        (random.nextDouble() * 2 - 1) * half));
            } else if (kind < 19) {
                world.submit(new WorldInput.Leave(actorId));
            } else {
                // left and back within one tick: a new session at its saved place
                world.submit(new WorldInput.Leave(actorId));
                world.submit(new WorldInput.Join(actorId, "a" + actorId, 0, 0, 0));
            }
        }
    }

    private static void assertEveryClientSeesItsView(World world, Grid grid, Map<Long, Client> clients, long tick) {
        Map<Long, ActorSnapshot> truth = new HashMap<>();
        world.snapshotAll().forEach(s -> truth.put(s.actorId(), s));
        assertEquals(truth.keySet(), clients.keySet(), "a client per online actor after tick " + tick);
        for (Map.Entry<Long, Client> entry : clients.entrySet()) {
            long viewer = entry.getKey();
            Client client = entry.getValue();
            int viewerCell = world.cellOf(viewer);
            assertEquals(viewerCell, client.cell, "actor " + viewer + "'s cell after tick " + tick);
            Set<Long> inView = new TreeSet<>();
            for (ActorSnapshot other : truth.values()) {
                if (grid.near(viewerCell, world.cellOf(other.actorId()))) {
                    inView.add(other.actorId());
                }
            }
            if (!inView.equals(new TreeSet<>(client.known.keySet()))) {
                Set<Long> ghosts = new TreeSet<>(client.known.keySet());
                ghosts.removeAll(inView);
                Set<Long> missing = new TreeSet<>(inView);
                missing.removeAll(client.known.keySet());
                fail("after tick " + tick + " actor " + viewer + " knows ghosts " + ghosts + " and misses " + missing);
            }
            for (long seen : inView) {
                ActorSnapshot s = truth.get(seen);
                double[] known = client.known.get(seen);
                assertEquals(
                        List.of(s.x(), s.y(), s.tx(), s.ty()),
                        List.of(known[0], known[1], known[2], known[3]),
                        "actor " + viewer + "'s view of " + seen + " after tick " + tick);
            }
        }
    }
}
